#include "claim_support.hpp"

#include <cstdio>
#include <limits>

#include "ropecheck/core/replay_record.hpp"
#include "ropecheck/numeric/certainty.hpp"
#include "ropecheck/numeric/invalid_input.hpp"
#include "ropecheck/rope/inference_pipeline.hpp"

namespace ropecheck::claims::support {

core::ParameterSpec head_dim_parameter() {
    return {"head_dim", core::ParameterKind::integer, "head dimension d (even, >= 2)"};
}
core::ParameterSpec theta_parameter() {
    return {"theta", core::ParameterKind::decimal, "RoPE base theta (> 1), e.g. \"10000\""};
}
core::ParameterSpec draw_parameter() {
    return {"draw", core::ParameterKind::integer, "index of a random draw (distinct seeds)", false, 0};
}
core::ParameterSpec control_parameter(const std::vector<std::string>& controls) {
    std::string vocabulary;
    for (const auto& c : controls) vocabulary += (vocabulary.empty() ? "" : ", ") + c;
    return {"control", core::ParameterKind::text, "which variant to check: " + vocabulary, false, "none"};
}

core::ParameterSpec dtype_parameter() {
    return {"dtype", core::ParameterKind::text, "the pipeline's model dtype: float32, bfloat16 or float16"};
}

numeric::IeeeFormat pipeline_dtype(const std::string& dtype) { return rope::parse_pipeline_dtype(dtype, "dtype"); }

rope::PipelineVariant pipeline_variant_of(const VariantPoint& point) {
    return point.pipeline_variant ? rope::parse_variant(*point.pipeline_variant, "pipeline_variant")
                                  : rope::PipelineVariant{};
}

std::string variant_label(const VariantPoint& point) { return point.pipeline_variant.value_or("default"); }

bool runs_slip(const VariantPoint& point) { return pipeline_variant_of(point) != rope::PipelineVariant{}; }

void record_slip(core::InstanceResult& result, const VariantPoint& point, numeric::IeeeFormat dtype) {
    if (!runs_slip(point)) return;
    result.evidence["pipeline_variant"] = variant_label(point);
    result.evidence["pipeline_steps"] = rope::describe(pipeline_variant_of(point), dtype);
}

rope::FrequencySchedule rope_schedule(const RopePoint& point) {
    return rope::FrequencySchedule::rope(point.theta, point.head_dim);
}

void require_one_of(const std::string& what, const std::string& value, const std::vector<std::string>& allowed) {
    std::string names;
    for (const auto& a : allowed) {
        if (a == value) return;
        names += (names.empty() ? "" : ", ") + a;
    }
    throw InvalidInput("parameter \"" + what + "\" = \"" + value + "\" is not one of: " + names);
}

const std::string& control_of(const std::string& control, const std::vector<std::string>& allowed) {
    require_one_of("control", control, allowed);
    return control;
}

std::vector<double> gaussian_vector(core::CounterRng& rng, int d) {
    std::vector<double> v(static_cast<std::size_t>(d));
    for (double& x : v) x = rng.normal();
    return v;
}

std::string float_text(float x) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.9g", static_cast<double>(x));
    return buffer;
}

core::json exact_vector(const std::vector<double>& v) {
    core::json out = core::json::array();
    for (double x : v) {
        char decimal[64];
        std::snprintf(decimal, sizeof decimal, "%.17g", x);
        out.push_back({{"hex", exact_hex(x)}, {"decimal", decimal}});
    }
    return out;
}

core::json replay_header(const core::Instance& instance) { return core::claim_replay_record(instance); }

std::int64_t PinnedPerDtype::pinned(const std::string& dtype) const {
    if (dtype == "float32") return pinned_float32;
    if (dtype == "bfloat16") return pinned_bfloat16;
    return pinned_float16;
}

Fields<RowPoint> row_fields(const std::string& row_description, const std::vector<std::string>& controls) {
    return {{"row", core::ParameterKind::text, row_description, &RowPoint::row},
            {control_parameter(controls), &RowPoint::control}};
}

void check_pinned_scan(const PinnedScanPoint& p, std::int64_t max_context, std::int64_t max_pin,
                       const std::vector<std::string>& controls) {
    const auto schedule = rope_schedule(p);
    pipeline_dtype(p.dtype);
    require_range("frequency", p.frequency, 1, schedule.pairs());
    require_range("context", p.context, 1, max_context);
    for (const char* dtype : {"float32", "bfloat16", "float16"})
        require_range(std::string("pinned_") + dtype, p.pinned(dtype), 0, max_pin);
    control_of(p.control, controls);
}

core::InstanceResult refuted(core::InstanceResult result, const core::Instance& instance, const std::string& kind,
                             std::vector<std::pair<std::string, std::string>> inputs, const std::string& claimed,
                             const std::string& computed, core::json replay_inputs) {
    result.verdict = core::Verdict::refuted;
    result.message = computed;
    core::Counterexample cx;
    cx.kind = kind;
    cx.inputs = std::move(inputs);
    cx.claimed = claimed;
    cx.computed = computed;
    cx.replay = replay_header(instance);
    cx.replay["inputs"] = std::move(replay_inputs);
    result.counterexample = std::move(cx);
    return result;
}

std::vector<std::pair<std::string, std::string>> pipeline_inputs(const std::string& dtype,
                                                                 const rope::FrequencySchedule& schedule, int chunk) {
    return {{"dtype", dtype},
            {"theta", schedule.theta()},
            {"head_dim", std::to_string(schedule.head_dim())},
            {"frequency K", std::to_string(chunk + 1)}};
}

void require_only_with(const std::string& control, bool active,
                       const std::vector<std::pair<std::string, bool>>& present) {
    for (const auto& [key, given] : present) {
        if (active && !given) throw InvalidInput("control " + control + " needs the parameter \"" + key + "\"");
        if (!active && given)
            throw InvalidInput("\"" + key + "\" is only used with control = \"" + control + "\"");
    }
}

int small_integer(const std::string& name, std::int64_t value) {
    if (value < std::numeric_limits<int>::min() || value > std::numeric_limits<int>::max())
        throw InvalidInput("parameter \"" + name + "\" = " + std::to_string(value) + " is too large");
    return static_cast<int>(value);
}

void require_range(const std::string& what, std::int64_t value, std::int64_t low, std::int64_t high) {
    if (value < low || value > high)
        throw InvalidInput(what + " = " + std::to_string(value) + " is outside [" + std::to_string(low) +
                           ", " + std::to_string(high) + "]");
}

void require_epsilon(const std::string& epsilon, bool half_included) {
    const auto eps = numeric::ExactFraction::parse_decimal(epsilon, "epsilon");
    const bool below_half = half_included ? 2 * eps.numerator <= eps.denominator : 2 * eps.numerator < eps.denominator;
    if (eps.numerator <= 0 || !below_half)
        throw InvalidInput("epsilon = " + epsilon + " is outside (0, 1/2" + (half_included ? "]" : ")"));
}

void record_exact_margin(core::InstanceResult& result, std::int64_t worst_distance, const numeric::interval& margin,
                         const std::string& how) {
    result.evidence["exact_worst_distance"] = worst_distance;
    result.evidence["exact_margin"] = numeric::decimal_enclosure(margin, 17);
    result.margin = core::Margin{numeric::decimal_lower(margin), numeric::decimal_upper(margin),
                                 "r = " + std::to_string(worst_distance) + " (" + how + ")"};
}

bool certainly_positive_or_inconclusive(core::InstanceResult& result, const numeric::interval& margin,
                                        const std::string& message) {
    if (numeric::certainly_positive(margin)) return true;
    result.verdict = core::Verdict::inconclusive;
    result.message = message;
    return false;
}

}  // namespace ropecheck::claims::support
