#pragma once
// The paper's numbers, exactly as printed (the paper's Sections 3-6 and Appendix E;
// docs/claims-group-a.md, section 8), for the paper-numbers check. They live here and not
// in theorems/paper-numbers.toml because a spec holds only grid axes (scalars
// and arrays of scalars, expanded as a cartesian product), which cannot carry
// rows of several fields; the spec lists the row ids to check. Private to
// src/claims.
//
// Every value is a decimal string so its printed precision is kept: the
// tolerance of a row is derived from the digits the paper printed.
#include <array>
#include <string_view>

namespace ropecheck::claims::support {

// How a row's value is compared with the paper's.
enum class PaperTolerance {
    rounding,        // ours within half a unit of the paper's last printed digit
    relative_tenth,  // a qualitative phrase, read as within 10% of the stated quantity
    exact_count,     // an integer count; rounding of a whole number then means equality
};

struct PaperRow {
    std::string_view id;         // the spec's `row` value
    std::string_view statement;  // what the paper says, in words
    std::string_view paper;      // the paper's value as printed
    std::string_view expect;     // "agree" or "paper-error"
    PaperTolerance tolerance;
};

inline constexpr std::array<PaperRow, 12> formula_rows{{
    {"gemma-band-onset", "10,000^(-0.8) (the onset of Gemma's low-frequency bands)", "0.0006", "agree",
     PaperTolerance::rounding},
    // The paper's one wrong number (docs/claims-group-a.md, section 8): 500000^(-0.625) is 2.74e-4.
    {"llama-3.1-band", "500,000^(-40/64) for Llama 3.1 8B (d = 128, g_41)", "0.0001", "paper-error",
     PaperTolerance::rounding},
    {"rotations-128k", "a 128k context turns the slowest frequency (~1/theta, theta = 10,000) "
                       "128,000/10,000/(2 pi) times", "2.04", "agree", PaperTolerance::rounding},
    {"gemma-g119", "g_119 = 10,000^(-236/256) (Gemma 7B, d = 256)", "0.0002", "agree", PaperTolerance::rounding},
    {"gemma-g119-3-digits", "g_119 = 10,000^(-236/256) to three digits", "2.05e-4", "agree",
     PaperTolerance::rounding},
    {"gemma-8000-g119", "8000 g_119 (radians turned over an 8k context)", "1.64", "agree", PaperTolerance::rounding},
    // "About a quarter turn": 8000 g_119 / (pi/2) read as 1 within 10%.
    {"gemma-8000-g119-quarter-turn", "8000 g_119 is about a quarter turn (pi/2 rad)", "1", "agree",
     PaperTolerance::relative_tenth},
    {"gemma-lowest-frequency", "g_{d/2} = 10^4^(-254/256) (Gemma 7B)", "1.07e-4", "agree", PaperTolerance::rounding},
    {"gemma-lowest-wavelength", "wavelength 2 pi / g_{d/2} in tokens (printed as 58,470)", "58470", "agree",
     PaperTolerance::rounding},
    // "~10,000" has one significant digit; the paper's reasoning is g_{d/2} ~ 1/theta.
    {"one-radian-lowest", "one radian of misalignment at g_{d/2} takes 1/g_{d/2} tokens (Gemma, d = 256)",
     "10000", "agree", PaperTolerance::rounding},
    {"one-radian-highest", "one radian of misalignment at g_1 takes 1/g_1 tokens", "1", "agree",
     PaperTolerance::exact_count},
    {"gemma-chunks-per-head", "16 heads of dimension 256: 2-D chunks per head (d/2)", "128", "agree",
     PaperTolerance::exact_count},
}};

// Appendix E, Tables 3-5: per token (BOS, 1..7) the Cauchy-Schwarz upper bound
// ||q_i|| ||k|| / sqrt(d), the diagonal activation a_{i,i} and the previous-token
// activation a_{i,i-1} (empty: N/A for BOS), each rounded by the paper.
struct ActivationTable {
    std::string_view id;  // the spec's `row` value
    std::string_view caption;
    std::array<std::string_view, 8> upper;
    std::array<std::string_view, 8> diagonal;
    std::array<std::string_view, 8> previous;
};

inline constexpr std::array<ActivationTable, 3> activation_tables{{
    {"table-3", "Table 3 (Gemma 7B layer 1, head 5; diagonal head)",
     {"3.74", "182.34", "203.65", "483.97", "141.48", "130.71", "168.52", "122.31"},
     {"3.25", "119.60", "156.93", "383.00", "98.47", "92.15", "137.10", "90.71"},
     {"", "-8.45", "76.67", "82.13", "29.01", "45.33", "73.04", "55.25"}},
    {"table-4", "Table 4 (Gemma 7B layer 27, head 8; diagonal head)",
     {"7.91", "64.42", "112.43", "51.97", "52.69", "67.10", "116.41", "67.37"},
     {"6.05", "55.84", "96.52", "45.75", "44.00", "53.83", "105.47", "57.78"},
     {"", "-9.63", "32.51", "29.49", "25.96", "20.08", "19.95", "6.07"}},
    // The paper does not say whether this table's bound uses the key at i or i - 1;
    // both activation rows are compared with the printed bound of their column.
    {"table-5", "Table 5 (Gemma 7B layer 1, head 8; previous-token head)",
     {"3.85", "76.54", "79.13", "102.41", "61.34", "54.54", "56.62", "57.2"},
     {"-1.58", "3.29", "5.21", "-1.46", "4.23", "4.61", "2.47", "3.08"},
     {"", "31.04", "35.31", "18.91", "19.72", "18.96", "17.46", "13.67"}},
}};

// Section 6, the apostrophe head: 2-D chunk vectors on the semantic band and the
// dot products the paper quotes for them.
struct QuotedProduct {
    std::string_view id;  // the spec's `row` value
    std::string_view statement;
    std::array<std::string_view, 2> query;
    std::array<std::string_view, 2> key;
    std::string_view paper;  // the quoted q . k
};

inline constexpr std::array<QuotedProduct, 2> quoted_products{{
    {"apostrophe-other", "apostrophe head: q . k_other, q ~ [-4.1, 11.3], k_other ~ [11.2, -3.5]",
     {"-4.1", "11.3"}, {"11.2", "-3.5"}, "-85.5"},
    {"apostrophe-bos", "apostrophe head: q . k_BOS, q ~ [-4.1, 11.3], k_BOS ~ [-2.5, 1.3]",
     {"-4.1", "11.3"}, {"-2.5", "1.3"}, "24.9"},
}};

}  // namespace ropecheck::claims::support
