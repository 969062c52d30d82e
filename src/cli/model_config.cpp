// Resolves a Hugging Face config.json into the RoPE schedule transformers builds
// from it. Every rule is cited in docs/rope-scaling.md; every default
// the file relied on is listed in defaults_applied.
#include "ropecheck/cli/model_config.hpp"

#include <charconv>
#include <cmath>
#include <fstream>
#include <limits>

#include "ropecheck/numeric/decimal.hpp"
#include "ropecheck/numeric/invalid_input.hpp"

namespace ropecheck::cli {
namespace {

using nlohmann::json;

std::string type_name(const json& v) {
    if (v.is_number_integer() || v.is_number_unsigned()) return "integer";
    if (v.is_number_float()) return "number";
    return v.type_name();
}

[[noreturn]] void bad(const std::string& field, const std::string& why) {
    throw InvalidInput("config field " + field + ": " + why);
}

// A key that is absent or null is absent (docs/rope-scaling.md: head_dim null = absent).
const json* find(const json& object, const std::string& key) {
    const auto it = object.find(key);
    if (it == object.end() || it->is_null()) return nullptr;
    return &*it;
}

std::optional<std::int64_t> get_integer(const json& object, const std::string& key, const std::string& field) {
    const json* v = find(object, key);
    if (!v) return std::nullopt;
    if (v->is_number_integer() || v->is_number_unsigned()) {
        if (v->is_number_unsigned() && v->get<std::uint64_t>() > std::uint64_t{1} << 62)
            bad(field, "integer out of range");
        return v->get<std::int64_t>();
    }
    if (v->is_number_float()) {  // 4096.0 is an integer written as a float
        const double x = v->get<double>();
        if (std::isfinite(x) && x == std::floor(x) && std::fabs(x) < 4.0e18) return static_cast<std::int64_t>(x);
        bad(field, "expected an integer, got " + v->dump());
    }
    bad(field, "expected an integer, got " + type_name(*v) + " " + v->dump());
}

double number_of(const json& v, const std::string& field) {
    if (!v.is_number()) bad(field, "expected a number, got " + type_name(v) + " " + v.dump());
    const double x = v.get<double>();
    if (!std::isfinite(x)) bad(field, "expected a finite number, got " + v.dump());
    return x;
}

std::string decimal_of(const json& v, const std::string& field) {
    if (v.is_number_integer()) return std::to_string(v.get<std::int64_t>());
    if (v.is_number_unsigned()) return std::to_string(v.get<std::uint64_t>());
    return numeric::shortest_fixed_decimal(number_of(v, field));
}

std::optional<std::string> get_decimal(const json& object, const std::string& key, const std::string& field) {
    const json* v = find(object, key);
    if (!v) return std::nullopt;
    return decimal_of(*v, field);
}

std::string get_string(const json& object, const std::string& key, const std::string& field) {
    const json* v = find(object, key);
    if (!v) return {};
    if (!v->is_string()) bad(field, "expected a string, got " + type_name(*v) + " " + v->dump());
    return v->get<std::string>();
}

// The decimal must be > 0; a JSON number is finite already.
void require_positive_number(const json& v, const std::string& field) {
    if (!(number_of(v, field) > 0)) bad(field, "must be > 0, got " + v.dump());
}

int checked_int(std::int64_t v, const std::string& field) {
    if (v < 1 || v > 65536) bad(field, std::to_string(v) + " is out of range (1 to 65536)");
    return static_cast<int>(v);
}

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

std::vector<std::string> factor_list(const json& scaling, const std::string& key) {
    const std::string field = "rope_scaling." + key;
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

ResolvedModel resolve_model_config(const json& file, std::optional<std::int64_t> context) {
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

    // Base.
    if (auto t = get_decimal(c, "rope_theta", prefix + "rope_theta")) {
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
        bad(prefix + "rope_theta", e.what());
    }

    // Head size.
    std::optional<int> rotary_dim;  // absolute rotated width, when the file says so
    if (family == "deepseek_v3" && find(c, "qk_rope_head_dim")) {
        const int rope_part = checked_int(*get_integer(c, "qk_rope_head_dim", prefix + "qk_rope_head_dim"), prefix + "qk_rope_head_dim");
        const auto nope_part = get_integer(c, "qk_nope_head_dim", prefix + "qk_nope_head_dim");
        m.head_dim = rope_part + (nope_part ? checked_int(*nope_part, prefix + "qk_nope_head_dim") : 0);
        rotary_dim = rope_part;
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
        bad(prefix + "head_dim", std::to_string(m.head_dim) + " is odd; RoPE rotates 2-D chunks, so it must be even");

    // Partial rotary (NeoX convention: the exponent denominator is the rotated width).
    numeric::ExactFraction p = numeric::ExactFraction::whole(1);
    std::string p_field;
    if (!rotary_dim) {
        if (auto r = get_integer(c, "rotary_dim", prefix + "rotary_dim")) {
            rotary_dim = checked_int(*r, prefix + "rotary_dim");
            p_field = prefix + "rotary_dim";
        } else {
            for (const std::string key : {"partial_rotary_factor", "rotary_pct"}) {
                const json* v = find(c, key);
                if (!v) continue;
                p_field = prefix + key;
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
    const rope::RotaryKind kind = m.rotary_dim == m.head_dim ? rope::RotaryKind::rope : rope::RotaryKind::neox_partial;

    // Lengths.
    const json* scaling_json = find(c, "rope_scaling");
    if (scaling_json && !scaling_json->is_object())
        bad(prefix + "rope_scaling", "expected an object or null, got " + type_name(*scaling_json));
    const std::string sprefix = prefix + "rope_scaling.";
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
        std::string name = get_string(r, "rope_type", sprefix + "rope_type");
        std::string type_field = sprefix + "rope_type";
        if (name.empty()) {
            name = get_string(r, "type", sprefix + "type");
            type_field = sprefix + "type";
        }
        if (name.empty()) bad(sprefix + "rope_type", "missing (neither rope_type nor type is given)");
        s.type = scaling_type_of(name, family, type_field, m.notes);
        const auto dec = [&](const std::string& key) -> std::string {
            const json* v = find(r, key);
            if (!v) return {};
            return decimal_of(*v, sprefix + key);
        };
        s.factor = dec("factor");
        const auto scaling_l0 = get_integer(r, "original_max_position_embeddings", sprefix + "original_max_position_embeddings");
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
                // Later transformers: a top-level L0 (Phi-3 style) first, then rope_scaling's,
                // then max_position_embeddings; the configured factor is kept.
                if (top_l0) s.original_max_position_embeddings = *top_l0;
                else if (scaling_l0) s.original_max_position_embeddings = *scaling_l0;
                else {
                    s.original_max_position_embeddings = *max_pos;
                    apply("rope_scaling.original_max_position_embeddings", std::to_string(*max_pos), "max_position_embeddings");
                }
                if (s.factor.empty()) {
                    s.factor = numeric::shortest_fixed_decimal(static_cast<double>(*max_pos) / static_cast<double>(s.original_max_position_embeddings));
                    apply("rope_scaling.factor", s.factor, "max_position_embeddings / original_max_position_embeddings");
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
                if (family == "deepseek_v3" || find(c, "qk_rope_head_dim"))
                    m.notes.push_back("DeepSeek applies the YaRN temperature in its softmax scale, not in the rotary attention factor");
                break;
            }
            case rope::ScalingType::longrope: {
                if (top_l0) s.original_max_position_embeddings = *top_l0;
                else if (scaling_l0) s.original_max_position_embeddings = *scaling_l0;
                else {
                    s.original_max_position_embeddings = *max_pos;
                    apply("original_max_position_embeddings", std::to_string(*max_pos), "max_position_embeddings");
                }
                s.max_position_embeddings = *max_pos;
                s.attention_factor = dec("attention_factor");
                s.short_factor = factor_list(r, "short_factor");
                s.long_factor = factor_list(r, "long_factor");
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
        throw InvalidInput("config field " + prefix + (scaling_json ? "rope_scaling" : "head_dim") + ": " + e.what());
    }
    if (family == "gemma3" || family == "gemma3_text")
        m.notes.push_back("Gemma 3: these are the global layers; sliding-window layers use rope_local_base_freq "
                          "(default 10000) without scaling");
    return m;
}

ResolvedModel load_model_config(const std::filesystem::path& file, std::optional<std::int64_t> context) {
    std::ifstream in(file);
    if (!in) throw InvalidInput("--config " + file.string() + ": cannot read the file");
    json config;
    try {
        config = json::parse(in);
    } catch (const json::exception& e) {
        throw InvalidInput("--config " + file.string() + ": not valid JSON: " + e.what());
    }
    return resolve_model_config(config, context);
}

}  // namespace ropecheck::cli
