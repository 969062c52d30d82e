#pragma once
// A Hugging Face config.json resolved into the RoPE schedule transformers would
// build from it (docs/rope-scaling.md, docs/model-configs.md): base, head and rotated
// widths, the context-extension schedule, and every default the file relied on.
// One schedule per layer type: layer_groups.hpp resolves which layers use which.
//
// Family defaults applied when a key is absent (or null):
//   gemma3 / gemma3_text  Gemma3TextConfig: rope_theta 1e6, head_dim 256,
//                         max_position_embeddings 131072 (text fields come from
//                         text_config when present; global layers only).
//   gptj                  hard-coded base 10000, head = n_embd / n_head,
//                         rotary_dim (absolute), context n_positions.
//   deepseek_v3           (also inferred from qk_rope_head_dim when model_type is
//                         absent) rope_theta 10000; qk_rope_head_dim of the
//                         qk_nope_head_dim + qk_rope_head_dim coordinates rotate.
//   no model_type         a fragment such as a documented rope_scaling snippet:
//                         transformers' LlamaConfig defaults (rope_theta 10000,
//                         hidden_size 4096, 32 heads, max_position_embeddings
//                         2048, or L0 * factor when rope_scaling gives both).
//   deepseek_v2           as deepseek_v3 (MLA: qk_rope_head_dim rotates).
//   gemma4_text           full_attention layers use global_head_dim.
// Any other family must state rope_theta and its head size.
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "ropecheck/rope/frequency_schedule.hpp"

namespace ropecheck::model {

// M-RoPE (Qwen2-VL's mrope_section): the rotated pairs split among three position
// axes (time, height, width). For text all three positions equal the token index,
// so the text schedule is plain RoPE; `axis_pairs` records which pairs each owns.
struct Mrope {
    std::vector<int> section;                    // pairs per axis, as given
    bool interleaved = false;                    // Qwen3-VL: H and W every third pair
    std::vector<std::vector<int>> axis_pairs;    // [t, h, w], 0-based rotated pairs
};

struct ResolvedModel {
    std::string model_type;                  // as given, or inferred (see defaults_applied)
    std::string theta;                       // decimal
    int head_dim = 0;
    int rotary_dim = 0;                      // rotated coordinates per head
    std::int64_t max_position_embeddings = 0;
    std::int64_t context_length = 0;         // --context or max_position_embeddings
    std::string torch_dtype;                 // empty when absent
    rope::FrequencySchedule schedule = rope::FrequencySchedule::rope("10000", 2);  // scaling applied
    std::string scaling_regime;              // longrope: "long" / "short"; else empty
    std::vector<std::string> defaults_applied;
    std::vector<std::string> notes;
    // Which layer type's parameters (empty: the config has one set for every layer).
    std::string layer_type;
    std::string rope_type;                   // as resolved: default, linear, ..., proportional
    std::string parameters_field;            // e.g. "text_config.rope_parameters.full_attention"
    std::vector<std::string> ignored_keys;   // keys of that object this reader does not interpret
    std::optional<Mrope> mrope;
    std::string llama_4_scaling_beta;        // Mistral's query scaling (empty: absent)
};

// Throws InvalidInput naming the offending field. `layer_type` picks the parameters of
// that attention type (transformers' layer_types names: full_attention,
// sliding_attention, chunked_attention); empty picks the primary set: full_attention
// when the parameters are keyed by layer type (Gemma 3's global layers), else the only one.
ResolvedModel resolve_model_config(const nlohmann::json& config, std::optional<std::int64_t> context,
                                   const std::string& layer_type = "");
// Reads and parses the file first (InvalidInput when unreadable or not JSON).
ResolvedModel load_model_config(const std::filesystem::path& file, std::optional<std::int64_t> context);
nlohmann::json read_config_file(const std::filesystem::path& file);

}  // namespace ropecheck::model
