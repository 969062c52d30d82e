#pragma once
// Wang et al. 2024, "Resonance RoPE: Improving Context Length Generalization of Large Language
// Models" (ACL Findings 2024, arXiv 2403.00071), the numbers exactly as printed, for the
// literature-resonance-rope check (the reason they live here: support/paper_numbers_data.hpp).
// Private to src/claims.
#include <cstdint>
#include <string_view>

namespace ropecheck::claims::support {

// Llama 2: base, head dimension, training length (pre-critical: wavelength below it).
inline constexpr std::string_view resonance_base = "10000";
inline constexpr int resonance_head_dim = 128;
inline constexpr std::int64_t resonance_train_length = 4096;
// "range from 2 pi ~ 6.28 to 2 10000^(126/128) pi ~ 54410.14".
inline constexpr std::string_view resonance_shortest_printed = "6.28";
inline constexpr std::string_view resonance_longest_printed = "54410.14";
// "the LCM of the rounded pre-critical wavelengths is greater than 7 x 10^51".
inline constexpr unsigned long resonance_lcm_mantissa = 7;
inline constexpr unsigned long resonance_lcm_exponent = 51;
// The perturbation: Llama 2's printed values claimed at Llama 3's base.
inline constexpr std::string_view resonance_perturbed_base = "500000";

}  // namespace ropecheck::claims::support
