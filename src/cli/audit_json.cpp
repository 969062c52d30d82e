#include "audit_json.hpp"

#include "ropecheck/numeric/decimal.hpp"
#include "ropecheck/numeric/types.hpp"

namespace ropecheck::cli {
namespace {

using core::json;

constexpr int value_digits = 17;

json scaling_json(const model::LayerGroup& g) {
    const rope::Scaling& s = g.schedule.scaling();
    json j = json::object();
    j["type"] = rope::to_string(s.type);
    if (s.type == rope::ScalingType::none) return j;
    const auto put = [&](const char* key, const std::string& v) {
        if (!v.empty()) j[key] = v;
    };
    put("factor", s.factor);
    put("low_freq_factor", s.low_freq_factor);
    put("high_freq_factor", s.high_freq_factor);
    if (s.type == rope::ScalingType::yarn) {
        j["beta_fast"] = s.beta_fast.empty() ? "32" : s.beta_fast;
        j["beta_slow"] = s.beta_slow.empty() ? "1" : s.beta_slow;
        j["truncate"] = s.truncate;
    }
    put("attention_factor", s.attention_factor);
    put("mscale", s.mscale);
    put("mscale_all_dim", s.mscale_all_dim);
    if (s.original_max_position_embeddings > 0)
        j["original_max_position_embeddings"] = s.original_max_position_embeddings;
    if (s.type == rope::ScalingType::dynamic || s.type == rope::ScalingType::longrope)
        j["max_position_embeddings"] = s.max_position_embeddings;
    if (s.type == rope::ScalingType::dynamic) j["sequence_length"] = s.sequence_length;
    if (s.type == rope::ScalingType::longrope) {
        j["sequence_length"] = s.sequence_length;
        j["regime"] = g.scaling_regime;
    }
    return j;
}

json nullable(const json& j, const char* key) { return j.is_object() && j.contains(key) ? j.at(key) : json(nullptr); }

}  // namespace

json schedule_json(const model::LayerGroup& g) {
    json j = json::object();
    j["rope_type"] = g.rope_type;
    if (!g.rope) return j;
    j["kind"] = rope::to_string(g.schedule.kind());
    j["theta"] = g.theta;
    j["head_dim"] = g.head_dim;
    j["rotary_dim"] = g.rotary_dim;
    j["describe"] = g.schedule.describe();
    j["scaling"] = scaling_json(g);
    j["attention_factor"] = numeric::decimal_midpoint(g.schedule.attention_factor<numeric::interval>(), value_digits);
    if (g.mrope) {
        json axes = json::array();
        for (const auto& pairs : g.mrope->axis_pairs) axes.push_back(pairs);
        j["mrope"] = {{"section", g.mrope->section},
                      {"interleaved", g.mrope->interleaved},
                      {"axis_pairs", axes},
                      {"text", "for text every axis has the same position, so the schedule is plain RoPE"}};
    }
    if (g.query_scaling)
        j["query_scaling"] = {{"source", g.query_scaling->source}, {"formula", g.query_scaling->formula}};
    return j;
}

json audit_json(const audit::AuditRun& run, const std::string& config_name, const audit::FindingLimits& limits) {
    const model::ModelLayout& m = run.layout;
    json j = json::object();
    j["schema"] = "ropecheck-audit";
    j["schema_version"] = audit_schema_version;
    j["config"] = config_name;
    j["model_type"] = m.model_type.empty() ? json(nullptr) : json(m.model_type);
    j["torch_dtype"] = m.torch_dtype.empty() ? json(nullptr) : json(m.torch_dtype);
    j["num_layers"] = m.num_layers;
    j["max_position_embeddings"] = m.max_position_embeddings;
    j["context_length"] = m.context_length;
    j["defaults_applied"] = m.defaults_applied;
    j["ignored_keys"] = m.ignored_keys;
    j["notes"] = m.notes;
    j["limits"] = {{"base_bound_budget", limits.base_bound_budget},
                   {"scale_context", limits.scale_context},
                   {"scale_epsilon", limits.scale_epsilon}};
    json groups = json::array();
    for (int gi = 0; gi < static_cast<int>(m.groups.size()); ++gi) {
        const model::LayerGroup& g = m.groups[static_cast<std::size_t>(gi)];
        json o = json::object();
        o["index"] = gi;
        o["layers"] = g.layers;
        o["layer_type"] = g.layer_type;
        o["attention"] = model::to_string(g.attention);
        o["window"] = g.window ? json(*g.window) : json(nullptr);
        o["max_distance"] = g.max_distance;
        o["rope"] = g.rope;
        o["schedule"] = schedule_json(g);
        o["pairs"] = g.head_dim / 2;
        o["rotating_pairs"] = g.rotating_pairs;
        const json breaks = run.evidence(gi, "thm-6.1");
        o["search_limit"] = nullable(breaks, "search_limit");
        o["frequencies"] = breaks.is_object() ? breaks.at("frequencies") : json::array();
        if (breaks.is_object()) o["robust_channels"] = breaks.at("robust_channels");
        else {  // no pair rotates: every pair is robust
            json all = json::array();
            for (int k = 1; k <= g.head_dim / 2; ++k) all.push_back(k);
            o["robust_channels"] = all;
        }
        o["all_frequency_break_distance"] = nullable(run.evidence(gi, "all-frequency-break"), "first_break_distance");
        o["positional_margin"] = run.evidence(gi, "thm-5.3");
        json fc = json::object();
        for (const auto& d : audit::collision_dtypes()) {
            const json e = run.evidence(gi, "float-collision/" + d);
            if (!e.is_null()) fc[d] = e;
        }
        o["float_collision"] = fc.empty() ? json(nullptr) : fc;
        o["base_bound"] = run.evidence(gi, "base-bound");
        json claims = json::array();
        for (const audit::AuditFinding* f : run.of_group(gi))
            claims.push_back({{"id", f->label},
                              {"run_id", f->outcome->run_id},
                              {"verdict", core::to_string(f->outcome->actual)},
                              {"message", f->outcome->message}});
        o["claims"] = claims;
        groups.push_back(std::move(o));
    }
    j["layer_groups"] = groups;
    return j;
}

}  // namespace ropecheck::cli
