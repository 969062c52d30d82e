#pragma once
// A Hugging Face config.json resolved into the RoPE schedule transformers would
// build from it (docs/rope-scaling.md): base, head and rotated
// widths, the context-extension schedule, and every default the file relied on.
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
// Any other family must state rope_theta and its head size.
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "ropecheck/rope/frequency_schedule.hpp"

namespace ropecheck::cli {

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
};

// Throws InvalidInput naming the offending field.
ResolvedModel resolve_model_config(const nlohmann::json& config, std::optional<std::int64_t> context);
// Reads and parses the file first (InvalidInput when unreadable or not JSON).
ResolvedModel load_model_config(const std::filesystem::path& file, std::optional<std::int64_t> context);

}  // namespace ropecheck::cli
