#pragma once
// A Hugging Face config.json resolved into layer groups: the sets of layers that
// share one attention kind, one span and one RoPE schedule (docs/model-configs.md).
// The rules follow transformers 5.x; every default the file relied on is listed in
// defaults_applied, every position or attention-span key it does not interpret in
// ignored_keys. A config it cannot interpret throws InvalidInput "config field X: ...".
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "ropecheck/model/model_config.hpp"
#include "ropecheck/rope/frequency_schedule.hpp"

namespace ropecheck::model {

// full: every earlier token; sliding: the last W; chunked: the tokens of the same
// aligned chunk of C (Llama 4).
enum class Attention { full, sliding, chunked };
std::string to_string(Attention attention);

// A position-dependent multiplier s(p) of the query at position p (the score's scale).
//   llama4 attn_temperature_tuning (NoPE layers): s(p) = 1 + attn_scale * log(floor((p + 1) / floor_scale) + 1)
//   Mistral llama_4_scaling_beta (every layer):    s(p) = 1 + beta * log(1 + floor(p / L0))
// with L0 = rope_parameters.original_max_position_embeddings; log is natural.
struct QueryScaling {
    std::string source;          // the config keys it comes from
    std::string formula;         // as above, with the numbers put in
    std::string beta;            // attn_scale or llama_4_scaling_beta (decimal)
    std::int64_t divisor = 0;    // floor_scale or L0
    std::int64_t offset = 0;     // 1 for Llama 4 (p + 1), 0 for Mistral
};

struct LayerGroup {
    std::vector<int> layers;               // 0-based
    std::string layer_type;                // transformers' name: full_attention, sliding_attention, chunked_attention
    Attention attention = Attention::full;
    std::optional<std::int64_t> window;    // W or C
    std::int64_t max_distance = 0;         // the largest query-key distance a layer sees: min(L, W or C) - 1
    bool rope = true;                      // false: NoPE (no rotation at all)
    // The resolved schedule (for a NoPE group: RotaryKind::nope, every frequency exactly 0).
    rope::FrequencySchedule schedule = rope::FrequencySchedule::rope("10000", 2);
    std::string rope_type;                 // default, linear, ..., proportional; "none" for NoPE
    std::string theta;
    int head_dim = 0;
    int rotary_dim = 0;                    // rotated coordinates per head (0 for NoPE)
    int rotating_pairs = 0;                // pairs with a non-zero frequency
    std::string scaling_regime;            // longrope: long / short
    std::optional<Mrope> mrope;
    std::optional<QueryScaling> query_scaling;
};

struct ModelLayout {
    std::string model_type;
    int num_layers = 0;
    std::int64_t max_position_embeddings = 0;
    std::int64_t context_length = 0;
    std::string torch_dtype;
    std::vector<LayerGroup> groups;         // ordered by first layer
    std::vector<std::string> defaults_applied;
    std::vector<std::string> ignored_keys;  // full field names, e.g. "initial_context_length"
    std::vector<std::string> notes;
};

ModelLayout resolve_model_layout(const nlohmann::json& config, std::optional<std::int64_t> context);
ModelLayout load_model_layout(const std::filesystem::path& file, std::optional<std::int64_t> context);

}  // namespace ropecheck::model
