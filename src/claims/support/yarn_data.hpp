#pragma once
// Peng et al. 2023, "YaRN: Efficient Context Window Extension of Large Language Models" (ICLR
// 2024, arXiv 2309.00071), the numbers exactly as printed, for the literature-yarn check. Rows
// live here, not in the spec, for the reason support/paper_numbers_data.hpp gives (a spec holds
// grid axes only); the spec lists the row ids. Private to src/claims.
#include <cstdint>
#include <string_view>

namespace ropecheck::claims::support {

// The recommended temperature, sqrt(1/t) = 0.1 ln s + 1, "~ 1.208" at s = 8.
inline constexpr std::string_view yarn_temperature_factor = "8";
inline constexpr std::string_view yarn_temperature_printed = "1.208";
// The perturbation of the temperature row: the same printed value claimed at s = 16.
inline constexpr std::string_view yarn_temperature_perturbed_factor = "16";

// Definition 2's ramp for Llama 2: base b, head dimension |D|, original context L, alpha, beta.
inline constexpr std::string_view yarn_llama_2_base = "10000";
inline constexpr int yarn_head_dim = 128;
inline constexpr std::int64_t yarn_original_context = 4096;
inline constexpr std::string_view yarn_alpha = "1";
inline constexpr std::string_view yarn_beta = "32";
// The factor s at which the implementation's ramp is read off its frequencies (the ramp itself
// does not depend on s; 8 is the temperature row's example).
inline constexpr std::string_view yarn_ramp_factor = "8";

// Code Llama's base change 1e4 -> 1e6 under the NTK-aware b' = b s^(|D|/(|D|-2)): "s ~ 88.6", "a
// context of 355k" (355e3: half a unit is 500).
inline constexpr std::string_view yarn_code_llama_base = "1000000";
inline constexpr std::string_view yarn_code_llama_printed_s = "88.6";
inline constexpr std::string_view yarn_code_llama_printed_context = "355e3";
// The even |D| searched for a reading that gives the printed s.
inline constexpr int yarn_code_llama_largest_width = 1024;

}  // namespace ropecheck::claims::support
