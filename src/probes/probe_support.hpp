#pragma once
// What the probe files (src/probes/*_probe.cpp) share: their parameters,
// checks and printed values. Private to src/probes.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "ropecheck/core/parameters.hpp"
#include "ropecheck/probes/probe.hpp"
#include "ropecheck/numeric/types.hpp"
#include "ropecheck/rope/frequency_schedule.hpp"
#include "ropecheck/rope/inference_pipeline.hpp"

namespace ropecheck::probes::support {

// Printed values: >= 17 significant digits, so a double reads back exactly.
inline constexpr int value_digits = 20;
// semantic-break and density search this far when no limit is given.
inline constexpr std::int64_t default_search_limit = 1'000'000'000;

// A parameter of one probe: required, or optional with a default (null: none).
core::ParameterSpec required(std::string name, core::ParameterKind kind, std::string description,
                             std::string value_name);
core::ParameterSpec optional(std::string name, core::ParameterKind kind, std::string description,
                             std::string value_name, core::json default_value = nullptr);
// A probe's schema around its own parameters: request_parameters(frequency_help)
// first and, for a probe of a schedule, schedule_parameters() last
// (probe_parameters.hpp). one_or_all: the frequency also takes "all".
enum class Frequencies { one, one_or_all };
std::vector<core::ParameterSpec> schedule_request(const std::string& frequency_help,
                                                  std::vector<core::ParameterSpec> own,
                                                  Frequencies frequencies = Frequencies::one);
// The inference-pipeline probes': their own, then the dtype, then the schedule.
std::vector<core::ParameterSpec> pipeline_request(const std::string& frequency_help,
                                                  std::vector<core::ParameterSpec> own);
// The same with the pipeline variant's options after the dtype (probe_parameters.hpp).
std::vector<core::ParameterSpec> pipeline_variant_request(const std::string& frequency_help,
                                                          std::vector<core::ParameterSpec> own);
// The same for a probe of plain RoPE only: no schedule parameters.
std::vector<core::ParameterSpec> plain_request(const std::string& frequency_help,
                                               std::vector<core::ParameterSpec> own);

void require(bool ok, const std::string& message);
// The inputs of a sweep over 1 <= r <= max_distance: at least one frequency, each
// a finite enclosure (a NaN or unbounded one could never be decided), and
// max_distance in [1, limit] (`limit_text` prints limit). Throws InvalidInput
// prefixed "<probe>: ".
void require_sweep_inputs(const std::string& probe, const std::vector<numeric::interval>& frequencies,
                          std::int64_t max_distance, std::int64_t limit, const std::string& limit_text);
// "--context 0: expected 1 to 65536" unless low <= value <= high (`high_text` prints high).
void require_range(const core::Parameters& request, const std::string& name, std::int64_t low, std::int64_t high,
                   const std::string& high_text);
// Sets the frequency to k unless given.
void default_frequency(core::Parameters& request, std::int64_t k);
bool all_frequencies(const core::Parameters& request);
std::size_t pair_index(const core::Parameters& request);  // 0-based, of a single frequency

// The frequencies a request asks about, at the current precision: one g_k or all.
std::vector<numeric::interval> requested_frequencies(const core::Parameters& request);
// "g_1 = 1.00000000000e+00" or "all 128 frequencies".
std::string frequency_label(const core::Parameters& request, const std::vector<numeric::interval>& g);
// "g_1, dtype bfloat16", then ", variant positions-bf16" when the request names one.
std::string pair_label(const core::Parameters& request);

core::json enclosure(const numeric::interval& x);  // {"lower", "upper"}, rounded outward
core::json optional_json(const std::optional<std::int64_t>& n);

// The inference-pipeline probes' setting: the schedule, the requested pair
// (which must rotate), the pipeline in the request's dtype and variant (when the
// schema has one) and psi = (8, 0) on the pair.
struct PipelineSetup {
    rope::FrequencySchedule schedule;
    std::size_t pair;
    rope::InferencePipeline pipeline;
    std::vector<numeric::real> psi;
};
PipelineSetup pipeline_setup(const core::Parameters& request);
// The request's variant in words for an answer: its name and every step's format.
void record_variant(const rope::InferencePipeline& pipeline, core::json& fields);
// When the request names a variant: its steps appended to the answer's text.
void note_variant(const core::Parameters& request, const rope::InferencePipeline& pipeline, Answer& answer);

}  // namespace ropecheck::probes::support
