#include "probe_support.hpp"

#include <charconv>

#include "ropecheck/numeric/decimal.hpp"
#include "ropecheck/numeric/invalid_input.hpp"
#include "ropecheck/probes/one_pair_vector.hpp"
#include "ropecheck/probes/probe_parameters.hpp"

namespace ropecheck::probes::support {

core::ParameterSpec required(std::string name, core::ParameterKind kind, std::string description,
                             std::string value_name) {
    core::ParameterSpec p{std::move(name), kind, std::move(description)};
    p.value_name = std::move(value_name);
    return p;
}

core::ParameterSpec optional(std::string name, core::ParameterKind kind, std::string description,
                             std::string value_name, core::json default_value) {
    core::ParameterSpec p = required(std::move(name), kind, std::move(description), std::move(value_name));
    p.required = false;
    p.default_value = std::move(default_value);
    return p;
}

std::vector<core::ParameterSpec> pipeline_request(const std::string& frequency_help,
                                                  std::vector<core::ParameterSpec> own) {
    own.push_back(
        optional("dtype", core::ParameterKind::text, "Model dtype: float32, bfloat16 or float16", "D", "bfloat16"));
    return schedule_request(frequency_help, std::move(own));
}

std::vector<core::ParameterSpec> pipeline_variant_request(const std::string& frequency_help,
                                                          std::vector<core::ParameterSpec> own) {
    own.push_back(
        optional("dtype", core::ParameterKind::text, "Model dtype: float32, bfloat16 or float16", "D", "bfloat16"));
    const auto variant = variant_parameters();
    own.insert(own.end(), variant.begin(), variant.end());
    return schedule_request(frequency_help, std::move(own));
}

std::vector<core::ParameterSpec> plain_request(const std::string& frequency_help,
                                               std::vector<core::ParameterSpec> own) {
    auto out = request_parameters(frequency_help);
    out.insert(out.end(), own.begin(), own.end());
    return out;
}

std::vector<core::ParameterSpec> schedule_request(const std::string& frequency_help,
                                                  std::vector<core::ParameterSpec> own, Frequencies frequencies) {
    auto out = request_parameters(frequency_help, frequencies == Frequencies::one_or_all);
    const auto schedule = schedule_parameters();
    out.insert(out.end(), own.begin(), own.end());
    out.insert(out.end(), schedule.begin(), schedule.end());
    return out;
}


void require(bool ok, const std::string& message) {
    if (!ok) throw InvalidInput(message);
}

void require_sweep_inputs(const std::string& probe, const std::vector<numeric::interval>& frequencies,
                          std::int64_t max_distance, std::int64_t limit, const std::string& limit_text) {
    require(!frequencies.empty(), probe + ": no frequencies given");
    require(max_distance >= 1 && max_distance <= limit,
            probe + ": max distance " + std::to_string(max_distance) + " is outside [1, " + limit_text + "]");
    for (const auto& g : frequencies)
        require(mpfi_bounded_p(g.backend().data()) != 0, probe + ": a frequency is not a finite number");
}

void require_range(const core::Parameters& request, const std::string& name, std::int64_t low, std::int64_t high,
                   const std::string& high_text) {
    const std::int64_t v = request.integer(name);
    require(v >= low && v <= high,
            core::flag_of({name, core::ParameterKind::integer, ""}) + " " + std::to_string(v) + ": expected " + std::to_string(low) + " to " + high_text);
}

void default_frequency(core::Parameters& request, std::int64_t k) {
    if (!request.has("frequency")) request.values()["frequency"] = k;
}

bool all_frequencies(const core::Parameters& request) { return request.values().at("frequency") == "all"; }

std::size_t pair_index(const core::Parameters& request) {
    return static_cast<std::size_t>(request.integer("frequency") - 1);
}

std::vector<numeric::interval> requested_frequencies(const core::Parameters& request) {
    auto g = schedule_of(request).frequencies<numeric::interval>();
    if (!all_frequencies(request)) g = {g[pair_index(request)]};
    return g;
}

std::string frequency_label(const core::Parameters& request, const std::vector<numeric::interval>& g) {
    if (all_frequencies(request)) return "all " + std::to_string(g.size()) + " frequencies";
    return "g_" + std::to_string(request.integer("frequency")) + " = " + numeric::decimal_midpoint(g.front(), 12);
}

std::string pair_label(const core::Parameters& request) {
    std::string out = "g_" + std::to_string(request.integer("frequency")) + ", dtype " + request.text("dtype");
    if (names_variant(request))
        out += ", variant " + rope::variant_name(variant_of(request));
    return out;
}

core::json enclosure(const numeric::interval& x) {
    return {{"lower", numeric::decimal_lower(x, value_digits)}, {"upper", numeric::decimal_upper(x, value_digits)}};
}

core::json optional_json(const std::optional<std::int64_t>& n) { return n ? core::json(*n) : core::json(nullptr); }

PipelineSetup pipeline_setup(const core::Parameters& request) {
    rope::FrequencySchedule schedule = schedule_of(request);
    const std::size_t pair = pair_index(request);
    if (!schedule.chunks()[pair].rotated)
        throw InvalidInput("--frequency " + std::to_string(pair + 1) + ": that pair does not rotate in this schedule");
    rope::InferencePipeline pipeline(schedule, rope::parse_pipeline_dtype(request.text("dtype")), variant_of(request));
    std::vector<numeric::real> psi = one_pair_vector(schedule.head_dim(), pair);
    return {std::move(schedule), pair, std::move(pipeline), std::move(psi)};
}

void record_variant(const rope::InferencePipeline& pipeline, core::json& fields) {
    const rope::PipelineVariant& v = pipeline.variant();
    core::json steps = core::json::object();
    for (rope::PipelineStep step : rope::all_pipeline_steps) {
        if (step == rope::PipelineStep::accumulation) steps["rotation"] = numeric::to_string(pipeline.dtype());
        const std::string f = rope::step_format(v, step);
        steps[rope::step_name(step)] = f.empty() ? numeric::to_string(pipeline.dtype()) : f;
    }
    fields["variant"] = rope::variant_name(v);
    fields["steps"] = std::move(steps);
}

void note_variant(const core::Parameters& request, const rope::InferencePipeline& pipeline, Answer& answer) {
    if (names_variant(request))
        answer.text += " [" + rope::describe(pipeline.variant(), pipeline.dtype()) + "]";
}

}  // namespace ropecheck::probes::support
