#include "ropecheck/probes/probe_parameters.hpp"

#include <algorithm>
#include <stdexcept>

#include "ropecheck/numeric/invalid_input.hpp"
#include "ropecheck/numeric/precision_guard.hpp"
#include "probe_support.hpp"

namespace ropecheck::probes {

using core::ParameterKind;
using core::ParameterSpec;
using support::require;

namespace {

ParameterSpec optional_spec(std::string name, ParameterKind kind, std::string description, core::json default_value,
                            std::string value_name) {
    ParameterSpec p{std::move(name), kind, std::move(description), false, std::move(default_value)};
    p.value_name = std::move(value_name);
    return p;
}

// One key of Hugging Face's rope_scaling, as --key-with-dashes (the type as --scaling).
ParameterSpec scaling_spec(const std::string& key, const std::string& description) {
    ParameterSpec p = optional_spec(key, ParameterKind::text, description, nullptr, "");
    p.within = "scaling";
    if (key == "type") p.flag = "--scaling";
    return p;
}

}  // namespace

std::vector<ParameterSpec> request_parameters(const std::string& frequency_help, bool all_frequencies) {
    std::vector<ParameterSpec> out{
        optional_spec("theta", ParameterKind::decimal, "RoPE base theta (> 1)", "10000", "THETA"),
        optional_spec("head_dim", ParameterKind::integer, "Head dimension d (even)", 256, "D"),
        optional_spec("frequency", ParameterKind::integer, frequency_help, nullptr, "K"),
        optional_spec("precision", ParameterKind::integer, "Working precision in bits (>= 53)", 128, "BITS"),
    };
    if (all_frequencies) out[2].words.push_back({"all", "--all-frequencies", "Every g_k at once"});
    return out;
}

std::vector<ParameterSpec> schedule_parameters() {
    return {
        scaling_spec("type", "default, linear, dynamic, yarn, longrope or llama3"),
        scaling_spec("factor", "scaling factor (>= 1)"),
        scaling_spec("low_freq_factor", "llama3"),
        scaling_spec("high_freq_factor", "llama3"),
        scaling_spec("original_max_position_embeddings", "L0 (yarn, llama3, longrope)"),
        scaling_spec("max_position_embeddings", "L (dynamic)"),
        scaling_spec("sequence_length", "current length n (dynamic)"),
        scaling_spec("beta_fast", "yarn (default 32)"),
        scaling_spec("beta_slow", "yarn (default 1)"),
        scaling_spec("attention_factor", "yarn"),
        optional_spec("partial_rotary_factor", ParameterKind::decimal, "NeoX partial rotary fraction", nullptr, "P"),
        optional_spec("p_rope", ParameterKind::decimal, "p of p-RoPE (keep the floor(p d / 2) highest)", nullptr, "P"),
    };
}

namespace {

// The request key of a step's option: positions_dtype, ...
std::string step_key(rope::PipelineStep step) { return rope::step_name(step) + "_dtype"; }

}  // namespace

std::vector<ParameterSpec> variant_parameters() {
    std::string presets;
    for (const auto& p : rope::variant_presets()) presets.append(presets.empty() ? "" : ", ").append(p.name);
    std::vector<ParameterSpec> out{
        optional_spec("variant", ParameterKind::text, "Pipeline variant: " + presets + " (default: default)", nullptr,
                      "V")};
    for (rope::PipelineStep step : rope::all_pipeline_steps) {
        std::string formats = step == rope::PipelineStep::angle          ? "float32, tf32, bfloat16 or float16"
                              : step == rope::PipelineStep::accumulation ? "float32"
                                                                         : "float32, bfloat16 or float16";
        if (step == rope::PipelineStep::score) formats += " (default: the dtype)";
        out.push_back(optional_spec(step_key(step), ParameterKind::text,
                                    "Format of the " + rope::step_name(step) + " step: " + formats, nullptr, "F"));
    }
    return out;
}

rope::PipelineVariant variant_of(const core::Parameters& request) {
    rope::PipelineVariant v;
    if (request.has("variant")) v = rope::parse_variant(request.text("variant"));
    for (rope::PipelineStep step : rope::all_pipeline_steps) {
        const std::string key = step_key(step);
        if (request.has(key))
            rope::set_step_format(v, step, request.text(key), core::flag_of({key, ParameterKind::text, ""}));
    }
    return v;
}

bool names_variant(const core::Parameters& request) {
    if (request.has("variant")) return true;
    for (rope::PipelineStep step : rope::all_pipeline_steps)
        if (request.has(step_key(step))) return true;
    return false;
}

bool takes_schedule(const std::vector<ParameterSpec>& schema) {
    return std::any_of(schema.begin(), schema.end(), [](const ParameterSpec& p) { return p.within == "scaling"; });
}

rope::FrequencySchedule schedule_of(const core::Parameters& request) {
    const bool partial = request.has("partial_rotary_factor"), p_rope = request.has("p_rope");
    require(!(partial && p_rope), "--partial-rotary-factor and --p-rope exclude each other");
    const std::string theta = request.decimal("theta");
    const int head_dim = request.small_integer("head_dim");
    rope::FrequencySchedule schedule = rope::FrequencySchedule::rope(theta, head_dim);
    if (partial)
        schedule = rope::FrequencySchedule(
            rope::RotaryKind::neox_partial, theta, head_dim,
            numeric::ExactFraction::parse_decimal(request.decimal("partial_rotary_factor"), "--partial-rotary-factor"));
    if (p_rope)
        schedule = rope::FrequencySchedule(rope::RotaryKind::p_rope, theta, head_dim,
                                           numeric::ExactFraction::parse_decimal(request.decimal("p_rope"), "--p-rope"));
    if (!request.has("scaling")) return schedule;
    const core::json& given = request.values().at("scaling");
    const auto value = [&](const char* key) { return given.contains(key) ? given.at(key).get<std::string>() : ""; };
    const auto integer = [&](const char* key, const char* option) -> std::int64_t {
        const std::string v = value(key);
        if (v.empty()) return 0;
        try {
            std::size_t used = 0;
            const long long n = std::stoll(v, &used);
            if (used != v.size()) throw std::invalid_argument(v);
            return n;
        } catch (const std::exception&) {
            throw InvalidInput(std::string(option) + " = " + v + " is not an integer");
        }
    };
    require(!value("type").empty(), "a scaling parameter needs --scaling TYPE");
    rope::Scaling scaling;
    scaling.type = rope::parse_scaling_type(value("type"));
    scaling.factor = value("factor");
    scaling.low_freq_factor = value("low_freq_factor");
    scaling.high_freq_factor = value("high_freq_factor");
    scaling.beta_fast = value("beta_fast");
    scaling.beta_slow = value("beta_slow");
    scaling.attention_factor = value("attention_factor");
    scaling.original_max_position_embeddings =
        integer("original_max_position_embeddings", "--original-max-position-embeddings");
    scaling.max_position_embeddings = integer("max_position_embeddings", "--max-position-embeddings");
    scaling.sequence_length = integer("sequence_length", "--sequence-length");
    return schedule.with_scaling(std::move(scaling));
}

core::Parameters request_of(const Probe& probe, const core::json& given, const std::string& where) {
    const auto schema = probe.parameters();
    for (const auto& p : schema) {
        const bool present = p.within.empty() ? given.contains(p.name)
                                              : given.contains(p.within) && given.at(p.within).contains(p.name);
        require(!p.required || present,
                "probe " + probe.name() + " needs " + core::flag_of(p) + " " + p.value_name);
    }
    core::Parameters request = core::conform(given, schema, where);
    const std::int64_t precision = request.integer("precision");
    require(precision >= numeric::min_precision_bits && precision <= numeric::max_precision_bits,
            "--precision " + std::to_string(precision) + ": expected " + std::to_string(numeric::min_precision_bits) +
                " to " + std::to_string(numeric::max_precision_bits) + " bits");
    const int head_dim = request.small_integer("head_dim");
    rope::FrequencySchedule::rope(request.decimal("theta"), head_dim);  // validates theta > 1 and an even d >= 2
    if (takes_schedule(schema)) schedule_of(request);                   // validates the schedule options
    if (std::any_of(schema.begin(), schema.end(), [](const ParameterSpec& p) { return p.name == "variant"; }))
        variant_of(request);  // validates the variant options
    if (request.has("frequency") && request.values().at("frequency").is_number_integer()) {
        const std::int64_t k = request.integer("frequency");
        require(k >= 1 && k <= head_dim / 2,
                "--frequency " + std::to_string(k) + ": expected 1 to d/2 = " + std::to_string(head_dim / 2));
    }
    probe.complete(request);
    // complete() may have added a default at the end: back to the schema's order.
    return core::conform(request.values(), schema, where);
}

Answer answer(const Probe& probe, const core::Parameters& request) {
    numeric::PrecisionGuard guard(static_cast<unsigned>(request.integer("precision")));
    return probe.run(request);
}

}  // namespace ropecheck::probes
