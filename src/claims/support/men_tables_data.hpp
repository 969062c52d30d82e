#pragma once
// Men et al. 2024, "Base of RoPE Bounds Context Length" (NeurIPS 2024, arXiv 2405.14591), the
// numbers exactly as printed, for the literature-men-table-2 and literature-men-table-4 checks.
// Rows live here, not in the specs, for the reason support/paper_numbers_data.hpp gives (a spec
// holds grid axes only); the specs list the row ids. Private to src/claims.
#include <array>
#include <cstdint>
#include <string_view>

namespace ropecheck::claims::support {

// Table 2: "the lower bound of RoPE's base" per context length, d = 128.
struct MenTable2Row {
    std::string_view context;  // as printed: "16k", "1M"
    std::int64_t multiple;     // 16 for "16k"
    int unit_power;            // 1 for "k", 2 for "M" (M = k^2 under either reading of k)
    std::string_view base;     // as printed
};

inline constexpr std::array<MenTable2Row, 11> men_table_2{{
    {"1k", 1, 1, "4.3e3"},     {"2k", 2, 1, "1.6e4"},    {"4k", 4, 1, "2.7e4"},     {"8k", 8, 1, "8.4e4"},
    {"16k", 16, 1, "3.1e5"},   {"32k", 32, 1, "6.4e5"},  {"64k", 64, 1, "2.1e6"},   {"128k", 128, 1, "7.8e6"},
    {"256k", 256, 1, "3.6e7"}, {"512k", 512, 1, "6.4e7"}, {"1M", 1, 2, "5.1e8"},
}};

// Table 4: the number of m with B_{m,theta} < 0 for two ways of extending Llama 2 (base 10^4,
// d = 128) from 4k to 32k, counted up to "15k" and "30k".
//   Method 1: theta_i = (5e6)^(-2i/d).
//   Method 2: theta_i = (1e4)^(-2i/128) / 8 for i >= 44 and (1e4 * 8^(128/88))^(-2i/128) for i < 44.
struct MenTable4Row {
    std::string_view id;       // the spec's `row`: "method-1-15k"
    int method;                // 1 or 2
    std::int64_t multiple;     // 15 or 30 (thousands, under the reading of k)
    std::int64_t paper_count;  // as printed
};

inline constexpr std::array<MenTable4Row, 4> men_table_4{{
    {"method-1-15k", 1, 15, 0},
    {"method-1-30k", 1, 30, 0},
    {"method-2-15k", 2, 15, 97},
    {"method-2-30k", 2, 30, 2554},
}};

// Method 1's base, and Method 2's: the Llama 2 base, the factor and the split index.
inline constexpr std::string_view men_method_1_base = "5000000";
inline constexpr std::string_view men_method_2_base = "10000";
inline constexpr int men_method_2_factor = 8;
inline constexpr int men_method_2_split = 44;

}  // namespace ropecheck::claims::support
