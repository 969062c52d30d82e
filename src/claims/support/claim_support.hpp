#pragma once
// Pieces every claim check shares: the parameter specs that recur, Gaussian
// draws as exact doubles, the exact spelling of doubles in replay records, and
// the replay record's common header. Private to src/claims.
#include <array>
#include <optional>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "claim_check.hpp"
#include "ropecheck/core/check.hpp"
#include "ropecheck/core/counter_rng.hpp"
#include "ropecheck/numeric/decimal.hpp"
#include "ropecheck/numeric/ieee.hpp"
#include "ropecheck/numeric/invalid_input.hpp"
#include "ropecheck/numeric/types.hpp"
#include "ropecheck/rope/frequency_schedule.hpp"
#include "ropecheck/rope/pipeline_variant.hpp"

namespace ropecheck::claims {

// The number types of every claim, visible in each claim's namespace ropecheck::claims::<stem>.
using numeric::interval;
using numeric::real;

}  // namespace ropecheck::claims

namespace ropecheck::claims::support {

core::ParameterSpec head_dim_parameter();
core::ParameterSpec theta_parameter();
core::ParameterSpec draw_parameter();  // optional; only makes grid points distinct seeds
// Optional, default "none"; `controls` (first "none") are the values check() accepts
// (control_of) and the description lists.
core::ParameterSpec control_parameter(const std::vector<std::string>& controls);

// The grid point's (head_dim, theta), the first two parameters of most claims.
struct RopePoint {
    int head_dim = 0;
    std::string theta;
};
template <class P>
Fields<P> rope_fields() {
    return {{head_dim_parameter(), &RopePoint::head_dim}, {theta_parameter(), &RopePoint::theta}};
}

// The plain RoPE schedule of a grid point (head_dim, theta); throws InvalidInput.
rope::FrequencySchedule rope_schedule(const RopePoint& point);

// Requires `value` to be one of `allowed`; throws InvalidInput naming `what`.
void require_one_of(const std::string& what, const std::string& value, const std::vector<std::string>& allowed);

// The row of a claim's data table whose key (the member `key`, a std::string_view)
// is `id`; otherwise InvalidInput: `what` followed by every key of the table, so the
// message never goes stale when a row is added.
template <class Row, std::size_t N>
const Row& row_with_key(const std::array<Row, N>& rows, std::string_view Row::*key, const std::string& id,
                        const std::string& what) {
    for (const Row& r : rows)
        if (r.*key == id) return r;
    std::string keys;
    for (const Row& r : rows) keys += (keys.empty() ? "" : ", ") + std::string(r.*key);
    throw InvalidInput(what + " (" + keys + ")");
}

// Requires `control` to be one of `allowed` and returns it; throws InvalidInput.
const std::string& control_of(const std::string& control, const std::vector<std::string>& allowed);

// d independent N(0, 1) doubles (each exactly representable in MPFR/MPFI).
std::vector<double> gaussian_vector(core::CounterRng& rng, int d);
template <class T>
std::vector<T> convert(const std::vector<double>& v) {
    return std::vector<T>(v.begin(), v.end());
}

// "0x1.921fb54442d18p+1": the exact value of a double, and its decimal.
using numeric::exact_hex;
// A float in 9 significant digits: enough to read back the same float (pipeline
// scores are floats exactly; their exact value is given in hex next to it).
std::string float_text(float x);
core::json exact_vector(const std::vector<double>& v);  // [{"hex": ..., "decimal": ...}]

// The head of the instance's replay record (core/replay_record.hpp, version 3):
// {"version", "kind": "claim", "claim", "variant", ["negative",] "seed", "instance",
// "precision", "parameters"}; the check adds "inputs".
core::json replay_header(const core::Instance& instance);

// The dtype of an inference pipeline ("dtype": float32, bfloat16 or float16);
// throws InvalidInput naming the parameter.
core::ParameterSpec dtype_parameter();
numeric::IeeeFormat pipeline_dtype(const std::string& dtype);

// A claim over rows of a data table: the row's id and the control.
struct RowPoint {
    std::string row, control;
};
Fields<RowPoint> row_fields(const std::string& row_description, const std::vector<std::string>& controls);

// A pipeline claim's grid point: (head_dim, theta) and the model dtype.
struct PipelinePoint : RopePoint {
    std::string dtype;
};
template <class P>
Fields<P> pipeline_fields() {
    return rope_fields<P>() + Fields<P>{{dtype_parameter(), &PipelinePoint::dtype}};
}

// A pipeline claim's variant (rope/pipeline_variant.hpp): "pipeline_variant", a preset's
// name. Optional without a default, so that a grid without the key keeps its parameters;
// absent means the intended pipeline, as "default" does.
struct VariantPoint {
    std::optional<std::string> pipeline_variant;
};
template <class P>
Fields<P> variant_fields() {
    return {{{"pipeline_variant", core::ParameterKind::text,
              "the pipeline variant: a preset of `--variant` (default, positions-bf16, inv-freq-bf16, autocast-bf16, "
              "tf32-angles, half-cache); absent: default"},
             &VariantPoint::pipeline_variant}};
}
// The variant a grid point names; throws InvalidInput naming "pipeline_variant".
rope::PipelineVariant pipeline_variant_of(const VariantPoint& point);
// Its preset's name ("default" when absent).
std::string variant_label(const VariantPoint& point);
// Whether the grid point runs a slip (a preset other than default).
bool runs_slip(const VariantPoint& point);
// For a slip: evidence "pipeline_variant" (the preset) and "pipeline_steps" (every step's
// format, rope::describe). Nothing for the intended pipeline, whose evidence predates variants.
void record_slip(core::InstanceResult& result, const VariantPoint& point, numeric::IeeeFormat dtype);

// Values pinned per dtype on pair 1 (0 = not pinned): pinned_float32, pinned_bfloat16, pinned_float16.
struct PinnedPerDtype {
    std::int64_t pinned_float32 = 0, pinned_bfloat16 = 0, pinned_float16 = 0;
    std::int64_t pinned(const std::string& dtype) const;
};
// The three optional pinned_<dtype> parameters, described as "the first <dtype>" + `what`.
template <class P>
Fields<P> pinned_fields(const std::string& what) {
    Fields<P> out;
    for (auto [dtype, member] : {std::pair{"float32", &PinnedPerDtype::pinned_float32},
                                 std::pair{"bfloat16", &PinnedPerDtype::pinned_bfloat16},
                                 std::pair{"float16", &PinnedPerDtype::pinned_float16}})
        out.push_back({std::string("pinned_") + dtype, core::ParameterKind::integer,
                       std::string("the first ") + dtype + what, 0, member});
    return out;
}

// A scan of pair K up to a context N for the pipeline's first event, pinned per dtype on pair 1
// (float-collision, pipeline-thm-5.3): head_dim, theta, dtype, frequency (default 1), context,
// the three pins, control.
struct PinnedScanPoint : PipelinePoint, PinnedPerDtype {
    std::int64_t frequency = 0, context = 0;
    std::string control;
};
// P: PinnedScanPoint or a claim's struct built on it.
template <class P = PinnedScanPoint>
Fields<P> pinned_scan_fields(const std::string& context_description, const std::string& pinned_what,
                             const std::vector<std::string>& controls) {
    return pipeline_fields<P>() +
           Fields<P>{{"frequency", core::ParameterKind::integer, "K, 1-based (1 = highest)", 1, &PinnedScanPoint::frequency},
                     {"context", core::ParameterKind::integer, context_description, &PinnedScanPoint::context}} +
           pinned_fields<P>(pinned_what) + Fields<P>{{control_parameter(controls), &PinnedScanPoint::control}};
}
// frequency in [1, pairs], context in [1, max_context], every pin in [0, max_pin], a known control.
void check_pinned_scan(const PinnedScanPoint& p, std::int64_t max_context, std::int64_t max_pin,
                       const std::vector<std::string>& controls);

// `result` refuted: message = computed, and a counterexample with these inputs and the replay
// record's header plus `replay_inputs`.
core::InstanceResult refuted(core::InstanceResult result, const core::Instance& instance, const std::string& kind,
                             std::vector<std::pair<std::string, std::string>> inputs, const std::string& claimed,
                             const std::string& computed, core::json replay_inputs);
// The first inputs of a pipeline scan's counterexample: dtype, theta, head_dim, frequency K.
std::vector<std::pair<std::string, std::string>> pipeline_inputs(const std::string& dtype,
                                                                 const rope::FrequencySchedule& schedule, int chunk);

// A control's own parameters: each required with `control` (when `active`), rejected without.
void require_only_with(const std::string& control, bool active,
                       const std::vector<std::pair<std::string, bool>>& present);

// `value` as an int, or InvalidInput with core::Parameters::small_integer's message (for a
// parameter held in an int64 member whose range is checked later than its type).
int small_integer(const std::string& name, std::int64_t value);

// eps of a positional pattern (weight above 1 - eps): `epsilon` parsed exactly and
// required in (0, 1/2], or (0, 1/2) unless `half_included`; throws InvalidInput.
void require_epsilon(const std::string& epsilon, bool half_included);

// The exact margin min over 1 <= r <= N of 1 - cos(r g) that a pipeline scan of one
// pair is measured against: evidence "exact_worst_distance" and "exact_margin", and
// the result's margin, at "r = <worst_distance> (<how>)".
void record_exact_margin(core::InstanceResult& result, std::int64_t worst_distance, const numeric::interval& margin,
                         const std::string& how);
// Whether `margin` is certainly positive; if not, the result becomes inconclusive with `message`.
bool certainly_positive_or_inconclusive(core::InstanceResult& result, const numeric::interval& margin,
                                        const std::string& message);

// Integer distance range guard: |value| <= limit, with a message naming `what`.
void require_range(const std::string& what, std::int64_t value, std::int64_t low, std::int64_t high);

}  // namespace ropecheck::claims::support
