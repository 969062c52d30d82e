// Which layers use which attention span and which RoPE schedule (docs/model-configs.md).
// The per-layer rules are transformers 5.x's config classes; the schedule of each
// layer type comes from model_config.cpp, so there is one reader of the RoPE keys.
#include "ropecheck/model/layer_groups.hpp"

#include <algorithm>
#include <map>

#include "ropecheck/numeric/invalid_input.hpp"

#include "config_fields.hpp"

namespace ropecheck::model {
namespace {

using nlohmann::json;
using namespace detail;

const std::string full_type = "full_attention", sliding_type = "sliding_attention", chunked_type = "chunked_attention";

void add_unique(std::vector<std::string>& to, const std::vector<std::string>& from) {
    for (const auto& x : from)
        if (std::find(to.begin(), to.end(), x) == to.end()) to.push_back(x);
}

struct TextView {
    const json* c = nullptr;
    std::string prefix, family;
};

// The text model's fields: text_config when present (multimodal configs), else the file.
TextView text_view(const json& file, const std::string& inferred_model_type) {
    TextView v{&file, "", get_string(file, "model_type", "model_type")};
    if (const json* text = find(file, "text_config")) {
        v.c = text;
        v.prefix = "text_config.";
        const std::string inner = get_string(*text, "model_type", "text_config.model_type");
        if (!inner.empty()) v.family = inner;
    }
    if (v.family.empty()) v.family = inferred_model_type;
    return v;
}

bool is_family(const std::string& family, std::initializer_list<const char*> names) {
    for (const char* n : names)
        if (family == n) return true;
    return false;
}

// A key about positions or attention span, by its name.
bool positional_key(const std::string& key) {
    for (const char* part : {"rope", "rotary", "position", "window", "chunk", "sliding", "nope", "attn_scale",
                             "attn_temperature", "floor_scale", "context", "seq_len", "bidirectional", "layer_types"})
        if (key.find(part) != std::string::npos) return true;
    return false;
}

}  // namespace

std::string to_string(Attention attention) {
    switch (attention) {
        case Attention::full: return "full";
        case Attention::sliding: return "sliding";
        case Attention::chunked: return "chunked";
    }
    return "full";
}

ModelLayout resolve_model_layout(const json& file, std::optional<std::int64_t> context) {
    const ResolvedModel primary = resolve_model_config(file, context);  // validates what every layer shares
    ModelLayout out;
    out.model_type = primary.model_type;
    out.max_position_embeddings = primary.max_position_embeddings;
    out.context_length = primary.context_length;
    out.torch_dtype = primary.torch_dtype;
    const TextView view = text_view(file, primary.model_type);
    const json& c = *view.c;
    const std::string& prefix = view.prefix;
    const std::string& family = view.family;
    auto& defaults = out.defaults_applied;
    std::vector<std::string> interpreted = {"rope_theta", "rope_scaling", "rope_parameters", "rotary_emb_base",
                                            "partial_rotary_factor", "rotary_pct", "rotary_dim", "max_position_embeddings",
                                            "n_positions", "original_max_position_embeddings", "qk_rope_head_dim",
                                            "layer_types", "sliding_window"};
    const bool llama4 = is_family(family, {"llama4", "llama4_text"});
    const bool gemma3 = is_family(family, {"gemma3", "gemma3_text"});
    const bool cohere2 = family == "cohere2";

    // Layer count.
    auto n_layers = get_integer(c, "num_hidden_layers", prefix + "num_hidden_layers");
    if (!n_layers) n_layers = get_integer(c, "n_layer", prefix + "n_layer");
    if (!n_layers) {
        const std::int64_t fallback = family.empty() ? 32 : family == "deepseek_v3" ? 61 : 0;
        if (fallback == 0) bad(prefix + "num_hidden_layers", "missing, and model_type \"" + family + "\" has no default");
        n_layers = fallback;
        defaults.push_back("num_hidden_layers=" + std::to_string(fallback) + " (" +
                           (family.empty() ? "no model_type: transformers LlamaConfig default" : "DeepseekV3Config default") + ")");
    }
    if (*n_layers < 1 || *n_layers > 100000) bad(prefix + "num_hidden_layers", std::to_string(*n_layers) + " is out of range (1 to 100000)");
    const int n = static_cast<int>(*n_layers);
    out.num_layers = n;

    // RoPE or NoPE per layer: no_rope_layers[i] = 1 means layer i rotates (Llama 4, SmolLM3).
    std::vector<bool> rotates(static_cast<std::size_t>(n), true);
    const json* no_rope = find(c, "no_rope_layers");
    const bool pattern_family = llama4 || family == "smollm3";
    if (no_rope && !no_rope->is_array()) bad(prefix + "no_rope_layers", "expected an array of 0/1, got " + type_name(*no_rope));
    if (no_rope && !no_rope->empty()) {
        interpreted.push_back("no_rope_layers");
        if (static_cast<int>(no_rope->size()) != n)
            bad(prefix + "no_rope_layers", "has " + std::to_string(no_rope->size()) + " entries; the model has " +
                                               std::to_string(n) + " layers");
        for (int i = 0; i < n; ++i) {
            const std::string f = prefix + "no_rope_layers[" + std::to_string(i) + "]";
            const json& v = (*no_rope)[static_cast<std::size_t>(i)];
            if (v.is_boolean()) rotates[static_cast<std::size_t>(i)] = v.get<bool>();
            else if (v.is_number_integer() && (v.get<std::int64_t>() == 0 || v.get<std::int64_t>() == 1))
                rotates[static_cast<std::size_t>(i)] = v.get<std::int64_t>() == 1;
            else bad(f, "expected 0 (NoPE) or 1 (RoPE), got " + v.dump());
        }
    } else if (pattern_family) {
        // Llama4TextConfig / SmolLM3Config: an empty or absent list means
        // no_rope_layers[i] = int((i + 1) % no_rope_layer_interval != 0).
        interpreted.push_back("no_rope_layers");
        interpreted.push_back("no_rope_layer_interval");
        auto interval = get_integer(c, "no_rope_layer_interval", prefix + "no_rope_layer_interval");
        if (!interval) {
            interval = 4;
            defaults.push_back("no_rope_layer_interval=4 (" + std::string(llama4 ? "Llama4TextConfig" : "SmolLM3Config") + " default)");
        }
        if (*interval < 1) bad(prefix + "no_rope_layer_interval", "must be >= 1");
        for (int i = 0; i < n; ++i) rotates[static_cast<std::size_t>(i)] = (i + 1) % *interval != 0;
        defaults.push_back("no_rope_layers=NoPE on layers i with (i + 1) % " + std::to_string(*interval) +
                           " == 0 (" + (no_rope ? "empty list" : "absent") + ": the config class's pattern)");
    }
    if (pattern_family) interpreted.push_back("no_rope_layer_interval");

    // Attention type per layer.
    std::vector<std::string> types(static_cast<std::size_t>(n), full_type);
    const json* sliding = find(c, "sliding_window");
    if (const json* lt = find(c, "layer_types")) {
        if (!lt->is_array() || static_cast<int>(lt->size()) != n)
            bad(prefix + "layer_types", "expected an array of " + std::to_string(n) + " layer types, got " +
                                            (lt->is_array() ? std::to_string(lt->size()) + " entries" : type_name(*lt)));
        for (int i = 0; i < n; ++i) {
            const json& v = (*lt)[static_cast<std::size_t>(i)];
            const std::string f = prefix + "layer_types[" + std::to_string(i) + "]";
            if (!v.is_string() || (v != full_type && v != sliding_type && v != chunked_type))
                bad(f, "expected full_attention, sliding_attention or chunked_attention, got " + v.dump());
            types[static_cast<std::size_t>(i)] = v.get<std::string>();
        }
    } else if (gemma3 || cohere2 || family == "gemma2") {
        // Gemma2Config / Gemma3TextConfig / Cohere2Config: layer i is sliding unless (i + 1) % pattern == 0.
        interpreted.push_back("sliding_window_pattern");
        auto pattern = get_integer(c, "sliding_window_pattern", prefix + "sliding_window_pattern");
        if (!pattern || family == "gemma2") {
            pattern = gemma3 ? 6 : cohere2 ? 4 : 2;
            defaults.push_back("sliding_window_pattern=" + std::to_string(*pattern) + " (" +
                               (gemma3 ? "Gemma3TextConfig" : cohere2 ? "Cohere2Config" : "Gemma2Config") +
                               " layer_types: layer i is sliding unless (i + 1) % pattern == 0)");
        }
        if (*pattern < 1) bad(prefix + "sliding_window_pattern", "must be >= 1");
        for (int i = 0; i < n; ++i) types[static_cast<std::size_t>(i)] = (i + 1) % *pattern != 0 ? sliding_type : full_type;
    } else if (llama4) {
        // Llama4TextConfig: chunked attention on the RoPE layers, full attention on the NoPE ones.
        interpreted.push_back("attention_chunk_size");
        const bool chunked = find(c, "attention_chunk_size") != nullptr;
        for (int i = 0; i < n; ++i)
            types[static_cast<std::size_t>(i)] = chunked && rotates[static_cast<std::size_t>(i)] ? chunked_type : full_type;
        defaults.push_back("layer_types=chunked_attention on the RoPE layers, full_attention on the NoPE layers (Llama4TextConfig)");
    } else if (const auto use = get_flag(c, "use_sliding_window", prefix + "use_sliding_window")) {
        // Qwen2Config and its kin: sliding only when use_sliding_window, on layers i >= max_window_layers.
        interpreted.push_back("use_sliding_window");
        interpreted.push_back("max_window_layers");
        if (*use && sliding) {
            auto first = get_integer(c, "max_window_layers", prefix + "max_window_layers");
            if (!first) {
                first = 28;
                defaults.push_back("max_window_layers=28 (Qwen2Config default)");
            }
            for (int i = 0; i < n; ++i) types[static_cast<std::size_t>(i)] = i >= *first ? sliding_type : full_type;
        } else if (sliding) {
            out.notes.push_back("use_sliding_window is false: sliding_window " + sliding->dump() + " is not used");
        }
    } else if (sliding) {
        for (auto& t : types) t = sliding_type;
        defaults.push_back("layer_types=sliding_attention on every layer (sliding_window without layer_types: "
                           "the MistralConfig / Phi3Config convention)");
    }
    if (cohere2 && !no_rope) {
        // Cohere2: the full-attention (global) layers apply no rotary embedding.
        for (int i = 0; i < n; ++i) rotates[static_cast<std::size_t>(i)] = types[static_cast<std::size_t>(i)] != full_type;
        defaults.push_back("NoPE on the full_attention layers (Cohere2 applies RoPE on sliding layers only)");
    }
    if (gemma3) interpreted.push_back("rope_local_base_freq");

    // Spans.
    const auto span = [&](const std::string& key, const std::string& type, int layer) -> std::int64_t {
        auto v = get_integer(c, key, prefix + key);
        if (!v && gemma3 && key == "sliding_window") {
            v = 4096;
            add_unique(defaults, {"sliding_window=4096 (Gemma3TextConfig default)"});
        }
        if (!v) bad(prefix + key, "missing, but layer " + std::to_string(layer) + " is " + type);
        if (*v < 1) bad(prefix + key, "must be >= 1, got " + std::to_string(*v));
        return *v;
    };

    // Groups: the layers sharing (attention type, RoPE or NoPE), in order of first layer.
    std::map<std::pair<std::string, bool>, std::size_t> index;
    for (int i = 0; i < n; ++i) {
        const auto key = std::pair{types[static_cast<std::size_t>(i)], static_cast<bool>(rotates[static_cast<std::size_t>(i)])};
        const auto found = index.find(key);
        if (found != index.end()) {
            out.groups[found->second].layers.push_back(i);
            continue;
        }
        index.emplace(key, out.groups.size());
        LayerGroup g;
        g.layers.push_back(i);
        g.layer_type = key.first;
        g.rope = key.second;
        g.attention = key.first == sliding_type ? Attention::sliding : key.first == chunked_type ? Attention::chunked : Attention::full;
        if (g.attention != Attention::full) g.window = span(g.attention == Attention::sliding ? "sliding_window" : "attention_chunk_size", key.first, i);
        const std::int64_t L = out.context_length;
        g.max_distance = (g.window ? std::min(L, *g.window) : L) - 1;

        const ResolvedModel r = resolve_model_config(file, context, key.first);
        add_unique(defaults, r.defaults_applied);
        add_unique(out.notes, r.notes);
        g.theta = r.theta;
        g.head_dim = r.head_dim;
        if (g.rope) {
            add_unique(out.ignored_keys, r.ignored_keys);
            g.schedule = r.schedule;
            g.rope_type = r.rope_type;
            g.rotary_dim = r.rotary_dim;
            g.scaling_regime = r.scaling_regime;
            g.mrope = r.mrope;
        } else {
            g.schedule = rope::FrequencySchedule(rope::RotaryKind::nope, r.theta, r.head_dim);
            g.rope_type = "none";
        }
        for (const auto& chunk : g.schedule.chunks()) g.rotating_pairs += chunk.rotated ? 1 : 0;

        if (llama4 && !g.rope) {
            for (const char* k : {"attn_temperature_tuning", "floor_scale", "attn_scale"}) interpreted.push_back(k);
            if (get_flag(c, "attn_temperature_tuning", prefix + "attn_temperature_tuning").value_or(true)) {
                QueryScaling q;
                q.source = prefix + "attn_temperature_tuning, floor_scale, attn_scale";
                q.offset = 1;
                auto floor_scale = get_integer(c, "floor_scale", prefix + "floor_scale");
                auto attn_scale = get_decimal(c, "attn_scale", prefix + "attn_scale");
                if (!find(c, "attn_temperature_tuning")) add_unique(defaults, {"attn_temperature_tuning=true (Llama4TextConfig default)"});
                if (!floor_scale) add_unique(defaults, {"floor_scale=8192 (Llama4TextConfig default)"});
                if (!attn_scale) add_unique(defaults, {"attn_scale=0.1 (Llama4TextConfig default)"});
                q.divisor = floor_scale.value_or(8192);
                q.beta = attn_scale.value_or("0.1");
                if (q.divisor < 1) bad(prefix + "floor_scale", "must be >= 1");
                q.formula = "q(p) *= 1 + " + q.beta + " * log(floor((p + 1) / " + std::to_string(q.divisor) + ") + 1)";
                g.query_scaling = q;
            }
        }
        if (!r.llama_4_scaling_beta.empty()) {
            const std::int64_t l0 = r.schedule.scaling().original_max_position_embeddings;
            if (l0 < 1)
                bad(r.parameters_field + ".llama_4_scaling_beta", "needs original_max_position_embeddings in the same object");
            QueryScaling q;
            q.source = r.parameters_field + ".llama_4_scaling_beta";
            q.beta = r.llama_4_scaling_beta;
            q.divisor = l0;
            q.formula = "q(p) *= 1 + " + q.beta + " * log(1 + floor(p / " + std::to_string(l0) + "))";
            g.query_scaling = q;
        }
        out.groups.push_back(std::move(g));
    }

    // Top-level keys about positions or spans that no rule above read.
    for (const auto& item : c.items())
        if (positional_key(item.key()) && !item.value().is_null() &&
            std::find(interpreted.begin(), interpreted.end(), item.key()) == interpreted.end())
            add_unique(out.ignored_keys, {prefix + item.key()});
    return out;
}

ModelLayout load_model_layout(const std::filesystem::path& file, std::optional<std::int64_t> context) {
    return resolve_model_layout(read_config_file(file), context);
}

}  // namespace ropecheck::model
