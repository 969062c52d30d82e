#pragma once
// The parameters probes share, and a request from given values. Every request
// starts with theta, head_dim, frequency and precision (recorded in every
// answer, even by a probe that does not use one); every probe of a schedule
// ends with the one schedule schema: --scaling TYPE with its Hugging Face
// rope_scaling keys (recorded as "scaling": {key: value}), then
// --partial-rotary-factor (NeoX) or --p-rope.
#include <string>
#include <vector>

#include "ropecheck/core/parameters.hpp"
#include "ropecheck/probes/probe.hpp"
#include "ropecheck/rope/frequency_schedule.hpp"
#include "ropecheck/rope/pipeline_variant.hpp"

namespace ropecheck::probes {

// theta (default "10000"), head_dim (256), frequency (1-based; its default is
// the probe's, filled by Probe::complete), precision (bits, 128).
// all_frequencies: frequency also takes "all", set by --all-frequencies.
std::vector<core::ParameterSpec> request_parameters(const std::string& frequency_help, bool all_frequencies = false);
std::vector<core::ParameterSpec> schedule_parameters();
// The one schema of a pipeline variant (rope/pipeline_variant.hpp): --variant
// NAME (a preset), then one --STEP-dtype per step, which overrides the preset's
// format for that step. All absent by default: the intended pipeline.
std::vector<core::ParameterSpec> variant_parameters();
// The variant a request describes. Throws InvalidInput naming the option.
rope::PipelineVariant variant_of(const core::Parameters& request);
// Whether a request names a variant (any of variant_parameters()).
bool names_variant(const core::Parameters& request);

// Whether a schema holds the schedule parameters.
bool takes_schedule(const std::vector<core::ParameterSpec>& schema);

// The schedule a request describes: RoPE, or NeoX partial rotary / p-RoPE, with
// an optional context-extension schedule. Throws InvalidInput naming the option.
rope::FrequencySchedule schedule_of(const core::Parameters& request);

// The complete request of `given` (parameter name -> value, the schedule's keys
// under "scaling"): a required parameter missing is named as its option ("probe
// density needs --gap DELTA (radians)"), the checks every probe shares are made
// (precision, theta, head dimension, frequency, schedule), then the probe's
// complete(); the result is in the schema's order. `where` prefixes type errors.
core::Parameters request_of(const Probe& probe, const core::json& given, const std::string& where);

// Answers a complete request at its precision.
Answer answer(const Probe& probe, const core::Parameters& request);

}  // namespace ropecheck::probes
