// Resolves a Hugging Face config.json into the RoPE schedule transformers builds
// from it, for one layer type. Every rule is cited in docs/rope-scaling.md and
// docs/model-configs.md; every default the file relied on is listed in defaults_applied.
#include "ropecheck/model/model_config.hpp"
#include "ropecheck/model/strict_json.hpp"

#include <charconv>
#include <cmath>
#include <fstream>
#include <limits>

#include "ropecheck/numeric/decimal.hpp"
#include "ropecheck/numeric/invalid_input.hpp"

#include "config_fields.hpp"

namespace ropecheck::model {
namespace {

using nlohmann::json;
using namespace detail;

struct Family {
    std::optional<std::string> theta;
    std::optional<int> head_dim;
    std::optional<std::int64_t> max_position_embeddings;
    std::optional<std::int64_t> hidden_size, heads;
    std::string why;  // for defaults_applied
};

Family family_defaults(const std::string& model_type) {
    if (model_type == "gemma3" || model_type == "gemma3_text")
        return {"1000000", 256, 131072, std::nullopt, 8, "Gemma3TextConfig default"};
    if (model_type == "gptj") return {"10000", std::nullopt, std::nullopt, std::nullopt, std::nullopt, "GPT-J hard-coded base"};
    if (model_type == "deepseek_v3") return {"10000", std::nullopt, std::nullopt, std::nullopt, std::nullopt, "DeepseekV3Config default"};
    if (model_type == "deepseek_v2") return {"10000", std::nullopt, std::nullopt, std::nullopt, std::nullopt, "DeepseekV2Config default"};
    if (model_type.empty())
        return {"10000", std::nullopt, 2048, 4096, 32, "no model_type: transformers LlamaConfig default"};
    return {};
}

rope::ScalingType scaling_type_of(const std::string& name, const std::string& model_type, const std::string& field,
                                  std::vector<std::string>& notes) {
    if (model_type == "phi3" && (name == "su" || name == "yarn")) {
        notes.push_back("Phi-3 maps rope_scaling type \"" + name + "\" to longrope");
        return rope::ScalingType::longrope;
    }
    if (name == "default") return rope::ScalingType::none;
    if (name == "su") return rope::ScalingType::longrope;
    for (auto t : {rope::ScalingType::linear, rope::ScalingType::dynamic, rope::ScalingType::yarn,
                   rope::ScalingType::longrope, rope::ScalingType::llama3})
        if (rope::to_string(t) == name) return t;
    bad(field, "unknown scaling type \"" + name + "\" (expected default, linear, dynamic, yarn, longrope, su or llama3)");
}

// transformers 5.x (standardize_rope_params): rope_parameters is keyed by layer type when its
// keys are layer types; each value is then one parameter set.
bool keyed_by_layer_type(const json& params) {
    if (params.empty()) return false;
    for (const auto& [key, value] : params.items())
        if (key.size() < 10 || key.compare(key.size() - 10, 10, "_attention") != 0 || !value.is_object()) return false;
    return true;
}

bool mla_family(const std::string& family) { return family == "deepseek_v3" || family == "deepseek_v2"; }

// The keys of a parameter set this reader interprets for a rope_type; any other key is
// listed in ignored_keys (a `factor` under "default" changes nothing in transformers either).
bool interpreted_key(const std::string& rope_type, const std::string& key) {
    for (const char* k : {"rope_type", "type", "rope_theta", "partial_rotary_factor", "mrope_section", "mrope_interleaved",
                          "llama_4_scaling_beta"})
        if (key == k) return true;
    const auto in = [&](std::initializer_list<const char*> keys) {
        for (const char* k : keys)
            if (key == k) return true;
        return false;
    };
    if (rope_type == "linear" || rope_type == "dynamic" || rope_type == "proportional") return in({"factor"});
    if (rope_type == "llama3") return in({"factor", "original_max_position_embeddings", "low_freq_factor", "high_freq_factor"});
    if (rope_type == "yarn")
        return in({"factor", "original_max_position_embeddings", "beta_fast", "beta_slow", "attention_factor", "mscale",
                   "mscale_all_dim", "truncate"});
    if (rope_type == "longrope")
        return in({"factor", "original_max_position_embeddings", "attention_factor", "short_factor", "long_factor"});
    return false;
}

// Which rotated pairs each M-RoPE axis owns. Chunked (Qwen2-VL, GLM-4V): axis a owns the
// section[a] pairs after those of the axes before it. Interleaved (Qwen3-VL,
// apply_interleaved_mrope): height owns pairs 1, 4, 7, ... below 3 section[1], width 2, 5, 8, ...
// below 3 section[2], time every other pair.
Mrope mrope_of(const json& params, const std::string& field, int rotated_pairs) {
    Mrope r;
    const json& v = params.at("mrope_section");
    const std::string sfield = field + ".mrope_section";
    if (!v.is_array() || v.size() != 3) bad(sfield, "expected an array of 3 integers (time, height, width), got " + v.dump());
    int total = 0;
    for (std::size_t a = 0; a < 3; ++a) {
        if (!v[a].is_number_integer() || v[a].get<std::int64_t>() < 0 || v[a].get<std::int64_t>() > 65536)
            bad(sfield + "[" + std::to_string(a) + "]", "expected a non-negative integer, got " + v[a].dump());
        r.section.push_back(static_cast<int>(v[a].get<std::int64_t>()));
        total += r.section.back();
    }
    if (total != rotated_pairs)
        bad(sfield, "sums to " + std::to_string(total) + " pairs; " + std::to_string(rotated_pairs) + " pairs rotate");
    r.interleaved = get_flag(params, "mrope_interleaved", field + ".mrope_interleaved").value_or(false);
    r.axis_pairs.assign(3, {});
    if (!r.interleaved) {
        int j = 0;
        for (int a = 0; a < 3; ++a)
            for (int k = 0; k < r.section[static_cast<std::size_t>(a)]; ++k) r.axis_pairs[static_cast<std::size_t>(a)].push_back(j++);
        return r;
    }
    for (int j = 0; j < rotated_pairs; ++j) {
        std::size_t axis = 0;
        if (j % 3 == 1 && j < 3 * r.section[1]) axis = 1;
        if (j % 3 == 2 && j < 3 * r.section[2]) axis = 2;
        r.axis_pairs[axis].push_back(j);
    }
    if (static_cast<int>(r.axis_pairs[0].size()) != r.section[0])
        bad(sfield, "interleaved sections leave " + std::to_string(r.axis_pairs[0].size()) + " pairs to time, not " +
                        std::to_string(r.section[0]));
    return r;
}

std::vector<std::string> factor_list(const json& scaling, const std::string& key, const std::string& prefix) {
    const std::string field = prefix + key;
    const json* v = find(scaling, key);
    if (!v) bad(field, "is required for longrope");
    if (!v->is_array()) bad(field, "expected an array of numbers, got " + type_name(*v));
    std::vector<std::string> out;
    for (std::size_t i = 0; i < v->size(); ++i) {
        const std::string f = field + "[" + std::to_string(i) + "]";
        require_positive_number((*v)[i], f);
        out.push_back(decimal_of((*v)[i], f));
    }
    return out;
}

}  // namespace

ResolvedModel resolve_model_config(const json& file, std::optional<std::int64_t> context, const std::string& layer_type) {
    if (!file.is_object()) throw InvalidInput("config: expected a JSON object, got " + type_name(file));
    ResolvedModel m;
    auto& defaults = m.defaults_applied;

    m.model_type = get_string(file, "model_type", "model_type");
    // Multimodal Gemma 3: the text model's fields live in text_config.
    const json* text = find(file, "text_config");
    std::string prefix;
    if (text) {
        if (!text->is_object()) bad("text_config", "expected an object, got " + type_name(*text));
        prefix = "text_config.";
    }
    const json& c = text ? *text : file;
    std::string family = m.model_type;
    if (text) {
        const std::string inner = get_string(c, "model_type", prefix + "model_type");
        if (!inner.empty()) family = inner;
    }
    if (family.empty() && find(c, "qk_rope_head_dim")) {
        family = m.model_type = "deepseek_v3";
        defaults.push_back("model_type=deepseek_v3 (inferred from qk_rope_head_dim)");
    }
    if (family.empty()) m.notes.push_back("no model_type: audited as a fragment against transformers' LlamaConfig defaults");
    const Family fam = family_defaults(family);
    const auto apply = [&](const std::string& key, const std::string& value, const std::string& why) {
        defaults.push_back(key + "=" + value + " (" + why + ")");
    };

    // The parameter set (transformers 5.x, RotaryEmbeddingConfigMixin.convert_rope_params_to_dict):
    // a non-empty v4 rope_scaling is taken as rope_parameters; rope_parameters may be keyed by
    // layer type; rope_theta and partial_rotary_factor inside it win over the top-level keys.
    const json* scaling_v4 = find(c, "rope_scaling");
    if (scaling_v4 && !scaling_v4->is_object())
        bad(prefix + "rope_scaling", "expected an object or null, got " + type_name(*scaling_v4));
    const json* params_v5 = find(c, "rope_parameters");
    if (params_v5 && !params_v5->is_object())
        bad(prefix + "rope_parameters", "expected an object or null, got " + type_name(*params_v5));
    const bool gemma3 = family == "gemma3" || family == "gemma3_text";
    const json* scaling_json = nullptr;  // the parameter set read below
    std::string pfield;
    bool v5 = false;
    m.layer_type = layer_type;
    if (scaling_v4 && !scaling_v4->empty()) {
        scaling_json = scaling_v4;
        pfield = prefix + "rope_scaling";
        if (params_v5) m.ignored_keys.push_back(prefix + "rope_parameters (rope_scaling takes precedence in transformers 5.x)");
    } else if (params_v5) {
        v5 = true;
        pfield = prefix + "rope_parameters";
        if (keyed_by_layer_type(*params_v5)) {
            if (m.layer_type.empty())
                m.layer_type = params_v5->contains("full_attention") ? "full_attention" : params_v5->begin().key();
            scaling_json = find(*params_v5, m.layer_type);
            if (!scaling_json) bad(pfield + "." + m.layer_type, "missing: the layers of that type have no RoPE parameters");
            pfield += "." + m.layer_type;
        } else {
            scaling_json = params_v5;
        }
    }
    // Gemma 3 (v4 keys): the sliding-window layers rotate with rope_local_base_freq, unscaled.
    const bool gemma3_local = gemma3 && !v5 && m.layer_type == "sliding_attention";
    if (gemma3_local) scaling_json = nullptr;
    const std::string sprefix = pfield + ".";
    std::string rope_type;
    std::string type_field = sprefix + "rope_type";
    if (scaling_json) {
        rope_type = get_string(*scaling_json, "rope_type", sprefix + "rope_type");
        const std::string legacy = get_string(*scaling_json, "type", sprefix + "type");
        if (rope_type.empty()) {
            rope_type = legacy;
            type_field = sprefix + "type";
        } else if (!legacy.empty() && legacy != rope_type) {
            bad(sprefix + "type", "\"" + legacy + "\" contradicts rope_type \"" + rope_type + "\"");
        }
        if (rope_type.empty() && v5) rope_type = "default";  // standardize_rope_params' default
        if (rope_type.empty()) bad(sprefix + "rope_type", "missing (neither rope_type nor type is given)");
    }
    m.rope_type = rope_type.empty() ? "default" : rope_type;
    m.parameters_field = scaling_json ? pfield : "";
    const bool proportional = rope_type == "proportional";

    // Base.
    std::string theta_field = prefix + "rope_theta";
    if (auto inner = scaling_json ? get_decimal(*scaling_json, "rope_theta", sprefix + "rope_theta") : std::nullopt) {
        m.theta = *inner;
        theta_field = sprefix + "rope_theta";
    } else if (gemma3_local) {
        theta_field = prefix + "rope_local_base_freq";
        if (auto local = get_decimal(c, "rope_local_base_freq", theta_field)) m.theta = *local;
        else {
            m.theta = "10000";
            apply("rope_local_base_freq", m.theta, "Gemma3TextConfig default");
        }
    } else if (auto t = get_decimal(c, "rope_theta", prefix + "rope_theta")) {
        m.theta = *t;
    } else if (auto b = get_decimal(c, "rotary_emb_base", prefix + "rotary_emb_base")) {
        m.theta = *b;  // GPT-NeoX spelling
    } else if (fam.theta) {
        m.theta = *fam.theta;
        apply("rope_theta", m.theta, fam.why);
    } else {
        bad(prefix + "rope_theta", "missing, and model_type \"" + family + "\" has no default base");
    }
    try {
        rope::validate_theta(m.theta);
    } catch (const InvalidInput& e) {
        bad(theta_field, e.what());
    }

    // Head size.
    std::optional<int> rotary_dim;  // absolute rotated width, when the file says so
    const bool global_head = (family == "gemma4" || family == "gemma4_text") && m.layer_type == "full_attention" &&
                             find(c, "global_head_dim");
    if (mla_family(family) && find(c, "qk_rope_head_dim")) {
        const int rope_part = checked_int(*get_integer(c, "qk_rope_head_dim", prefix + "qk_rope_head_dim"), prefix + "qk_rope_head_dim");
        const auto nope_part = get_integer(c, "qk_nope_head_dim", prefix + "qk_nope_head_dim");
        m.head_dim = rope_part + (nope_part ? checked_int(*nope_part, prefix + "qk_nope_head_dim") : 0);
        rotary_dim = rope_part;
    } else if (global_head) {
        // Gemma 4: full-attention layers have their own head size (Gemma4TextConfig.global_head_dim).
        m.head_dim = checked_int(*get_integer(c, "global_head_dim", prefix + "global_head_dim"), prefix + "global_head_dim");
    } else if (auto h = get_integer(c, "head_dim", prefix + "head_dim")) {
        m.head_dim = checked_int(*h, prefix + "head_dim");
    } else if (fam.head_dim) {
        m.head_dim = *fam.head_dim;
        apply("head_dim", std::to_string(m.head_dim), fam.why);
    } else {
        auto hidden = get_integer(c, "hidden_size", prefix + "hidden_size");
        if (!hidden) hidden = get_integer(c, "n_embd", prefix + "n_embd");
        auto heads = get_integer(c, "num_attention_heads", prefix + "num_attention_heads");
        if (!heads) heads = get_integer(c, "n_head", prefix + "n_head");
        if (!hidden && fam.hidden_size) {
            hidden = fam.hidden_size;
            apply("hidden_size", std::to_string(*hidden), fam.why);
        }
        if (!heads && fam.heads) {
            heads = fam.heads;
            apply("num_attention_heads", std::to_string(*heads), fam.why);
        }
        if (!hidden || !heads) bad(prefix + "head_dim", "missing, and hidden_size / num_attention_heads are not both given");
        if (*heads < 1) bad(prefix + "num_attention_heads", "must be >= 1");
        if (*hidden % *heads != 0)
            m.notes.push_back("hidden_size " + std::to_string(*hidden) + " is not a multiple of num_attention_heads " +
                              std::to_string(*heads) + "; transformers divides with truncation");
        m.head_dim = checked_int(*hidden / *heads, prefix + "head_dim");
    }
    if (m.head_dim % 2 != 0)
        bad(global_head ? prefix + "global_head_dim" : prefix + "head_dim", std::to_string(m.head_dim) + " is odd; RoPE rotates 2-D chunks, so it must be even");

    // Partial rotary (NeoX convention: the exponent denominator is the rotated width).
    numeric::ExactFraction p = numeric::ExactFraction::whole(1);
    std::string p_field;
    if (!rotary_dim) {
        const json* inner_p = scaling_json ? find(*scaling_json, "partial_rotary_factor") : nullptr;
        if (auto r = inner_p ? std::nullopt : get_integer(c, "rotary_dim", prefix + "rotary_dim")) {
            rotary_dim = checked_int(*r, prefix + "rotary_dim");
            p_field = prefix + "rotary_dim";
        } else {
            for (const std::string key : {"partial_rotary_factor", "rotary_pct"}) {
                const json* v = inner_p ? inner_p : find(c, key);
                if (!v) continue;
                p_field = inner_p ? sprefix + key : prefix + key;
                const std::string text_p = decimal_of(*v, p_field);
                p = numeric::ExactFraction::parse_decimal(text_p, p_field);
                if (p.is_zero() || !p.at_most_one()) bad(p_field, text_p + " is outside (0, 1]");
                rotary_dim = static_cast<int>(p.floor_times(m.head_dim));
                break;
            }
        }
    } else {
        p_field = prefix + "qk_rope_head_dim";
    }
    if (rotary_dim) {
        if (*rotary_dim > m.head_dim)
            bad(p_field, "rotary width " + std::to_string(*rotary_dim) + " exceeds head_dim " + std::to_string(m.head_dim));
        if (*rotary_dim < 2 || *rotary_dim % 2 != 0)
            bad(p_field, "rotary width " + std::to_string(*rotary_dim) + " must be even and >= 2");
        p = numeric::ExactFraction{*rotary_dim, m.head_dim};
    }
    m.rotary_dim = rotary_dim.value_or(m.head_dim);
    rope::RotaryKind kind = m.rotary_dim == m.head_dim ? rope::RotaryKind::rope : rope::RotaryKind::neox_partial;
    if (proportional) {
        // transformers' _compute_proportional_rope_parameters: rope_angles = int(p * head_dim // 2)
        // pairs rotate with base^(-2k/head_dim) (the denominator is the whole head), the rest get
        // frequency exactly 0: the paper's p-RoPE, RotaryKind::p_rope, with m = floor(p d / 2).
        if (p_field == prefix + "rotary_dim" || p_field == prefix + "qk_rope_head_dim")
            bad(p_field, "an absolute rotary width does not apply to rope_type proportional");
        m.notes.push_back("rope_type proportional (" + pfield + "): the paper's p-RoPE with p = " + p.str() +
                          " of head_dim " + std::to_string(m.head_dim));
        kind = rope::RotaryKind::p_rope;
        m.rotary_dim = static_cast<int>(2 * p.floor_times(m.head_dim, 2));
    }

    // Lengths.
    auto max_pos = get_integer(c, "max_position_embeddings", prefix + "max_position_embeddings");
    if (!max_pos) max_pos = get_integer(c, "n_positions", prefix + "n_positions");
    if (!max_pos) {
        std::optional<std::int64_t> l0;
        std::optional<std::string> f;
        if (scaling_json) {
            l0 = get_integer(*scaling_json, "original_max_position_embeddings", sprefix + "original_max_position_embeddings");
            const json* fv = find(*scaling_json, "factor");
            if (fv && fv->is_number_integer()) f = decimal_of(*fv, sprefix + "factor");
            else if (fv && fv->is_number() && number_of(*fv, sprefix + "factor") == std::floor(fv->get<double>()))
                f = std::to_string(static_cast<std::int64_t>(fv->get<double>()));
        }
        if (family.empty() && l0 && f && *l0 > 0 && std::stoll(*f) > 0) {
            max_pos = *l0 * std::stoll(*f);
            apply("max_position_embeddings", std::to_string(*max_pos), "original_max_position_embeddings x factor");
        } else if (fam.max_position_embeddings) {
            max_pos = fam.max_position_embeddings;
            apply("max_position_embeddings", std::to_string(*max_pos), fam.why);
        } else {
            bad(prefix + "max_position_embeddings", "missing (and no --context default can be derived)");
        }
    }
    if (*max_pos < 1) bad(prefix + "max_position_embeddings", "must be >= 1");
    m.max_position_embeddings = *max_pos;
    if (context && *context < 1) throw InvalidInput("--context " + std::to_string(*context) + ": expected at least 1");
    m.context_length = context.value_or(*max_pos);
    const auto top_l0 = get_integer(c, "original_max_position_embeddings", prefix + "original_max_position_embeddings");

    m.torch_dtype = get_string(file, "torch_dtype", "torch_dtype");
    if (text && m.torch_dtype.empty()) m.torch_dtype = get_string(c, "torch_dtype", prefix + "torch_dtype");

    // Context-extension schedule.
    rope::Scaling s;
    if (scaling_json) {
        const json& r = *scaling_json;
        std::string name = rope_type;
        if (name == "mrope") {  // Qwen2-VL's legacy spelling; Qwen2VLConfig rewrites it to default
            m.notes.push_back("rope type \"mrope\" is read as default (Qwen2VLConfig rewrites it)");
            name = "default";
        }
        if (proportional) name = find(r, "factor") ? "linear" : "default";  // inv_freq /= factor
        s.type = scaling_type_of(name, family, type_field, m.notes);
        const std::string read_as = proportional ? rope_type : rope::to_string(s.type);
        for (const auto& item : r.items())
            if (!interpreted_key(read_as, item.key())) m.ignored_keys.push_back(sprefix + item.key());
        if (find(r, "mrope_section")) m.mrope = mrope_of(r, pfield, m.rotary_dim / 2);
        else if (find(r, "mrope_interleaved")) bad(sprefix + "mrope_interleaved", "given without mrope_section");
        if (const json* beta = find(r, "llama_4_scaling_beta")) m.llama_4_scaling_beta = decimal_of(*beta, sprefix + "llama_4_scaling_beta");
        const auto dec = [&](const std::string& key) -> std::string {
            const json* v = find(r, key);
            if (!v) return {};
            return decimal_of(*v, sprefix + key);
        };
        s.factor = dec("factor");
        const auto scaling_l0 = get_integer(r, "original_max_position_embeddings", sprefix + "original_max_position_embeddings");
        // L0 of yarn and longrope, as later transformers reads it: a top-level one (Phi-3 style)
        // first, then rope_scaling's, then max_position_embeddings (recorded as applied to `field`).
        const auto original_context = [&](const std::string& field) {
            if (top_l0) return *top_l0;
            if (scaling_l0) return *scaling_l0;
            apply(field, std::to_string(*max_pos), "max_position_embeddings");
            return *max_pos;
        };
        const auto require_factor = [&] {
            if (s.factor.empty()) bad(sprefix + "factor", "is required for rope_type " + rope::to_string(s.type));
            if (!(number_of(r.at("factor"), sprefix + "factor") >= 1)) bad(sprefix + "factor", s.factor + " is below 1");
        };
        switch (s.type) {
            case rope::ScalingType::none: break;
            case rope::ScalingType::linear: require_factor(); break;
            case rope::ScalingType::dynamic:
                require_factor();
                s.max_position_embeddings = *max_pos;
                s.sequence_length = m.context_length;
                break;
            case rope::ScalingType::llama3:
                require_factor();
                if (!scaling_l0) bad(sprefix + "original_max_position_embeddings", "is required for llama3");
                s.original_max_position_embeddings = *scaling_l0;
                s.low_freq_factor = dec("low_freq_factor");
                s.high_freq_factor = dec("high_freq_factor");
                if (s.low_freq_factor.empty()) bad(sprefix + "low_freq_factor", "is required for llama3");
                if (s.high_freq_factor.empty()) bad(sprefix + "high_freq_factor", "is required for llama3");
                break;
            case rope::ScalingType::yarn: {
                // The configured factor is kept.
                s.original_max_position_embeddings =
                    original_context(pfield.substr(prefix.size()) + ".original_max_position_embeddings");
                if (s.factor.empty()) {
                    s.factor = numeric::shortest_fixed_decimal(static_cast<double>(*max_pos) / static_cast<double>(s.original_max_position_embeddings));
                    apply(pfield.substr(prefix.size()) + ".factor", s.factor, "max_position_embeddings / original_max_position_embeddings");
                }
                require_positive_number(json(std::stod(s.factor)), sprefix + "factor");
                // transformers applies the beta defaults with `or`: 0 and null both mean the default.
                for (auto [key, target] : {std::pair{"beta_fast", &s.beta_fast}, std::pair{"beta_slow", &s.beta_slow}}) {
                    const json* v = find(r, key);
                    if (v && number_of(*v, sprefix + key) != 0) *target = decimal_of(*v, sprefix + key);
                }
                s.attention_factor = dec("attention_factor");
                s.mscale = dec("mscale");
                s.mscale_all_dim = dec("mscale_all_dim");
                if (const json* t = find(r, "truncate")) {
                    if (!t->is_boolean()) bad(sprefix + "truncate", "expected a boolean, got " + type_name(*t));
                    s.truncate = t->get<bool>();
                }
                if (mla_family(family) || find(c, "qk_rope_head_dim"))
                    m.notes.push_back("DeepSeek applies the YaRN temperature in its softmax scale, not in the rotary attention factor");
                break;
            }
            case rope::ScalingType::longrope: {
                s.original_max_position_embeddings = original_context("original_max_position_embeddings");
                s.max_position_embeddings = *max_pos;
                s.attention_factor = dec("attention_factor");
                s.short_factor = factor_list(r, "short_factor", sprefix);
                s.long_factor = factor_list(r, "long_factor", sprefix);
                if (static_cast<int>(s.short_factor.size()) != m.rotary_dim / 2)
                    bad(sprefix + "short_factor", "has " + std::to_string(s.short_factor.size()) + " entries; " +
                                                      std::to_string(m.rotary_dim / 2) + " pairs rotate");
                if (static_cast<int>(s.long_factor.size()) != m.rotary_dim / 2)
                    bad(sprefix + "long_factor", "has " + std::to_string(s.long_factor.size()) + " entries; " +
                                                     std::to_string(m.rotary_dim / 2) + " pairs rotate");
                s.sequence_length = m.context_length;
                m.scaling_regime = s.longrope_uses_long() ? "long" : "short";
                break;
            }
        }
    }

    try {
        const rope::FrequencySchedule base(kind, m.theta, m.head_dim, p);
        m.schedule = base.with_scaling(std::move(s));
    } catch (const InvalidInput& e) {
        throw InvalidInput("config field " + (scaling_json ? pfield : prefix + "head_dim") + ": " + e.what());
    }
    if (gemma3_local)
        m.notes.push_back("Gemma 3: these are the sliding-window layers (rope_local_base_freq, no scaling)");
    else if (gemma3)
        m.notes.push_back("Gemma 3: these are the global layers; sliding-window layers use rope_local_base_freq "
                          "(default 10000) without scaling");
    return m;
}

ResolvedModel load_model_config(const std::filesystem::path& file, std::optional<std::int64_t> context) {
    return resolve_model_config(read_config_file(file), context);
}

json read_config_file(const std::filesystem::path& file) { return read_strict_json<json>(file, "--config " + file.string()); }

}  // namespace ropecheck::model
