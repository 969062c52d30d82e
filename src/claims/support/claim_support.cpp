#include "claim_support.hpp"

#include <cstdio>

#include "ropecheck/core/replay_record.hpp"
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
core::ParameterSpec control_parameter(const std::string& vocabulary) {
    return {"control", core::ParameterKind::text, "which variant to check: " + vocabulary, false, "none"};
}

core::ParameterSpec dtype_parameter() {
    return {"dtype", core::ParameterKind::text, "the pipeline's model dtype: float32, bfloat16 or float16"};
}

numeric::IeeeFormat pipeline_dtype(const core::Parameters& params) {
    return rope::parse_pipeline_dtype(params.text("dtype"), "dtype");
}

rope::FrequencySchedule rope_schedule(const core::Parameters& params) {
    return rope::FrequencySchedule::rope(params.decimal("theta"), params.small_integer("head_dim"));
}

void require_one_of(const std::string& what, const std::string& value, const std::vector<std::string>& allowed) {
    std::string names;
    for (const auto& a : allowed) {
        if (a == value) return;
        names += (names.empty() ? "" : ", ") + a;
    }
    throw InvalidInput("parameter \"" + what + "\" = \"" + value + "\" is not one of: " + names);
}

std::string control_of(const core::Parameters& params, const std::vector<std::string>& allowed) {
    const std::string c = params.text("control");
    require_one_of("control", c, allowed);
    return c;
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

std::string exact_hex(double x) {
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%a", x);
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

void require_range(const std::string& what, std::int64_t value, std::int64_t low, std::int64_t high) {
    if (value < low || value > high)
        throw InvalidInput(what + " = " + std::to_string(value) + " is outside [" + std::to_string(low) +
                           ", " + std::to_string(high) + "]");
}

}  // namespace ropecheck::claims::support
