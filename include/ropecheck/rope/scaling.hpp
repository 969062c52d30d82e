#pragma once
// Context-extension schedules as Hugging Face transformers defines them
// (docs/rope-scaling.md): linear interpolation, dynamic NTK, YaRN,
// LongRoPE and Llama-3 frequency scaling. A Scaling maps the unscaled inverse
// frequencies omega_j = theta^(-2j/d) of the rotated pairs j = 0..d/2-1 to
// omega'_j, and gives the attention factor a (rotated q and k each carry a, so
// every logit carries a^2).
//
// Decisions that are discrete (which Llama-3 band a pair is in, YaRN's
// truncated correction range) are made once with MPFI enclosures, so every
// number type takes the same branch; a decision intervals cannot make throws.
#include <cstdint>
#include <string>
#include <vector>

namespace ropecheck::rope {

enum class ScalingType { none, linear, dynamic, yarn, longrope, llama3 };

std::string to_string(ScalingType type);
// "default" means none; the legacy Phi-3 spelling "su" means longrope. Throws InvalidInput.
ScalingType parse_scaling_type(const std::string& name);

// Values are exact decimal strings (empty: absent), named as the Hugging Face
// rope_scaling keys.
struct Scaling {
    ScalingType type = ScalingType::none;
    std::string factor;
    std::string low_freq_factor, high_freq_factor;        // llama3
    std::string beta_fast, beta_slow;                     // yarn (absent: 32 and 1)
    std::string attention_factor, mscale, mscale_all_dim; // yarn / longrope (optional)
    bool truncate = true;                                 // yarn
    std::int64_t original_max_position_embeddings = 0;    // L0
    std::int64_t max_position_embeddings = 0;             // L (dynamic; fallback for L0)
    std::int64_t sequence_length = 0;                     // dynamic n; longrope regime (n > L0: long)
    std::vector<std::string> short_factor, long_factor;   // longrope, one per rotated pair

    // Throws InvalidInput naming the parameter with dashes (e.g. "--low-freq-factor").
    void validate(int rotated_pairs) const;
    std::string describe() const;
    // longrope: the long factors apply (sequence_length > L0).
    bool longrope_uses_long() const;
};

// One pair's discrete decision.
enum class PairTreatment { keep, divide, blend };

// The decisions for pairs j = 0..d/2-1 of width d and base theta.
struct ScalingPlan {
    std::vector<PairTreatment> pairs;  // llama3 bands; yarn ramp (keep: rho = 0, divide: rho = 1)
    // yarn correction range ends: an exact decimal (truncated or clamped), or
    // "raw" (computed in the number type from the formula).
    std::string yarn_lo = "raw", yarn_hi = "raw";
    bool factor_above_one = false;  // s > 1 (attention factor formulas)
};
ScalingPlan plan_scaling(const Scaling& scaling, int d, const std::string& theta);

}  // namespace ropecheck::rope
