#pragma once
// The scaling-schedules claim's worked values: inverse frequencies, attention
// factors and band decisions of every Hugging Face scaling type, as published
// by two sources independent of ropecheck (docs/pipeline-and-formats.md,
// "Scaling schedules", gives provenance and the tolerance rule):
//
//   [T] huggingface/transformers @ e42e4a43c16b458045aa7b0f721cfe4015680880,
//       tests/utils/test_modeling_rope_utils.py: the numeric snapshots its tests
//       assert (EXPECTED_INV_FREQ, torch float32, printed to 5 significant
//       digits) and the relations they assert (linear: default / factor;
//       longrope: default / short_factor or / long_factor; attention_scale).
//       The config is LlamaConfig()'s: hidden 4096 / 32 heads = d 128,
//       rope_theta 10000, max_position_embeddings 2048.
//   [R] docs/rope-scaling.md, "Worked values" (computed in python3 double
//       precision from transformers' formulas), items 1-7.
//   [F] computed here in python3 double precision from the formula the cited
//       test asserts (the test asserts the formula, not a decimal).
//
// They live here and not in the spec because a spec holds only grid axes;
// theorems/scaling-schedules.toml lists the case ids. Private to src/claims.
#include <array>
#include <cstdint>
#include <span>
#include <string_view>

namespace ropecheck::claims::support {

// What a worked value is.
//   inv_freq          omega'_j of pair `index` (0-based, j as in docs/rope-scaling.md);
//                     index -1: `printed` lists every pair's value in order
//   attention_factor  the schedule's a
//   kept_pairs, blended_pairs, divided_pairs   counts of the band decision (llama3, yarn)
//   yarn_low, yarn_high                        the truncated correction range
struct WorkedValue {
    std::string_view quantity;
    int index;
    std::string_view printed;     // as the source printed it (space-separated for index -1)
    std::string_view arithmetic;  // float32 (torch tensors), double (python floats), integer (exact count)
    std::string_view divisor;     // "": the value itself; a decimal: printed / divisor; "index+1": printed / (j + 1)
    std::string_view source;      // [T] test name, [R] item, [F] formula
};

struct ScalingCase {
    std::string_view id;
    int head_dim;
    std::string_view theta;
    std::string_view type;  // default, linear, dynamic, yarn, longrope, llama3
    std::string_view factor, low_freq_factor, high_freq_factor, attention_factor, mscale, mscale_all_dim;
    bool truncate;
    std::int64_t original_max_position_embeddings, max_position_embeddings, sequence_length;
    std::string_view short_factor, long_factor;  // longrope: one value for every pair, or "index+1"
    std::span<const WorkedValue> values;
};

// [T] test_default_rope_numerically, EXPECTED_INV_FREQ (LlamaConfig(): d = 128, theta = 10000).
inline constexpr std::string_view transformers_default_inv_freq =
    "1.0000e+00 8.6596e-01 7.4989e-01 6.4938e-01 5.6234e-01 4.8697e-01 4.2170e-01 3.6517e-01 3.1623e-01 "
    "2.7384e-01 2.3714e-01 2.0535e-01 1.7783e-01 1.5399e-01 1.3335e-01 1.1548e-01 1.0000e-01 8.6596e-02 "
    "7.4989e-02 6.4938e-02 5.6234e-02 4.8697e-02 4.2170e-02 3.6517e-02 3.1623e-02 2.7384e-02 2.3714e-02 "
    "2.0535e-02 1.7783e-02 1.5399e-02 1.3335e-02 1.1548e-02 1.0000e-02 8.6596e-03 7.4989e-03 6.4938e-03 "
    "5.6234e-03 4.8697e-03 4.2170e-03 3.6517e-03 3.1623e-03 2.7384e-03 2.3714e-03 2.0535e-03 1.7783e-03 "
    "1.5399e-03 1.3335e-03 1.1548e-03 1.0000e-03 8.6596e-04 7.4989e-04 6.4938e-04 5.6234e-04 4.8697e-04 "
    "4.2170e-04 3.6517e-04 3.1623e-04 2.7384e-04 2.3714e-04 2.0535e-04 1.7783e-04 1.5399e-04 1.3335e-04 "
    "1.1548e-04";

// [T] test_dynamic_rope_numerically, EXPECTED_INV_FREQ (factor 10, seq_len 16384).
inline constexpr std::string_view transformers_dynamic_inv_freq =
    "1.0000e+00 8.0931e-01 6.5498e-01 5.3008e-01 4.2900e-01 3.4720e-01 2.8099e-01 2.2741e-01 1.8404e-01 "
    "1.4895e-01 1.2055e-01 9.7558e-02 7.8955e-02 6.3899e-02 5.1714e-02 4.1853e-02 3.3872e-02 2.7413e-02 "
    "2.2185e-02 1.7955e-02 1.4531e-02 1.1760e-02 9.5176e-03 7.7027e-03 6.2339e-03 5.0451e-03 4.0831e-03 "
    "3.3045e-03 2.6744e-03 2.1644e-03 1.7517e-03 1.4176e-03 1.1473e-03 9.2852e-04 7.5146e-04 6.0817e-04 "
    "4.9220e-04 3.9834e-04 3.2238e-04 2.6091e-04 2.1115e-04 1.7089e-04 1.3830e-04 1.1193e-04 9.0585e-05 "
    "7.3312e-05 5.9332e-05 4.8018e-05 3.8861e-05 3.1451e-05 2.5453e-05 2.0600e-05 1.6672e-05 1.3492e-05 "
    "1.0920e-05 8.8374e-06 7.1522e-06 5.7883e-06 4.6845e-06 3.7912e-06 3.0683e-06 2.4832e-06 2.0097e-06 "
    "1.6265e-06";

// [T] test_yarn_rope_numerically, EXPECTED_INV_FREQ (factor 10, beta_fast 32, beta_slow 1).
inline constexpr std::string_view transformers_yarn_inv_freq =
    "1.0000e+00 8.6596e-01 7.4989e-01 6.4938e-01 5.6234e-01 4.8697e-01 4.2170e-01 3.6517e-01 3.1623e-01 "
    "2.7384e-01 2.3714e-01 2.0535e-01 1.7783e-01 1.5399e-01 1.3335e-01 1.1548e-01 1.0000e-01 8.3479e-02 "
    "6.9590e-02 5.7925e-02 4.8136e-02 3.9931e-02 3.3061e-02 2.7315e-02 2.2515e-02 1.8512e-02 1.5177e-02 "
    "1.2403e-02 1.0101e-02 8.1924e-03 6.6143e-03 5.3120e-03 4.2400e-03 3.3599e-03 2.6396e-03 2.0520e-03 "
    "1.5746e-03 1.1882e-03 8.7713e-04 6.2810e-04 4.3007e-04 2.7384e-04 2.3714e-04 2.0535e-04 1.7783e-04 "
    "1.5399e-04 1.3335e-04 1.1548e-04 1.0000e-04 8.6596e-05 7.4989e-05 6.4938e-05 5.6234e-05 4.8697e-05 "
    "4.2170e-05 3.6517e-05 3.1623e-05 2.7384e-05 2.3714e-05 2.0535e-05 1.7783e-05 1.5399e-05 1.3335e-05 "
    "1.1548e-05";

// [T] test_llama3_rope_numerically, EXPECTED_INV_FREQ (factor 10, original_max_position_embeddings
// 2048, low_freq_factor 1, high_freq_factor 4).
inline constexpr std::string_view transformers_llama3_inv_freq =
    "1.0000e+00 8.6596e-01 7.4989e-01 6.4938e-01 5.6234e-01 4.8697e-01 4.2170e-01 3.6517e-01 3.1623e-01 "
    "2.7384e-01 2.3714e-01 2.0535e-01 1.7783e-01 1.5399e-01 1.3335e-01 1.1548e-01 1.0000e-01 8.6596e-02 "
    "7.4989e-02 6.4938e-02 5.6234e-02 4.8697e-02 4.2170e-02 3.6517e-02 3.1623e-02 2.7384e-02 2.3714e-02 "
    "2.0535e-02 1.7783e-02 1.5399e-02 1.3335e-02 1.0730e-02 7.7785e-03 5.6009e-03 3.9991e-03 2.8248e-03 "
    "1.9675e-03 1.3449e-03 8.9549e-04 5.7363e-04 3.4539e-04 2.7384e-04 2.3714e-04 2.0535e-04 1.7783e-04 "
    "1.5399e-04 1.3335e-04 1.1548e-04 1.0000e-04 8.6596e-05 7.4989e-05 6.4938e-05 5.6234e-05 4.8697e-05 "
    "4.2170e-05 3.6517e-05 3.1623e-05 2.7384e-05 2.3714e-05 2.0535e-05 1.7783e-05 1.5399e-05 1.3335e-05 "
    "1.1548e-05";

inline constexpr WorkedValue transformers_default_values[] = {
    {"inv_freq", -1, transformers_default_inv_freq, "float32", "", "[T] test_default_rope_numerically"},
    {"attention_factor", 0, "1.0", "double", "", "[T] test_default_rope_numerically: attention_scale == 1.0"},
};
inline constexpr WorkedValue transformers_linear_2_values[] = {
    {"inv_freq", -1, transformers_default_inv_freq, "float32", "2",
     "[T] test_linear_rope_numerically: inv_freq == default_inv_freq / factor, factor 2"},
    {"attention_factor", 0, "1.0", "double", "", "[T] test_linear_rope_numerically: attention_scale == 1.0"},
};
inline constexpr WorkedValue transformers_linear_10_values[] = {
    {"inv_freq", -1, transformers_default_inv_freq, "float32", "10",
     "[T] test_linear_rope_numerically: inv_freq == default_inv_freq / factor, factor 10"},
    {"attention_factor", 0, "1.0", "double", "", "[T] test_linear_rope_numerically: attention_scale == 1.0"},
};
inline constexpr WorkedValue transformers_linear_20_values[] = {
    {"inv_freq", -1, transformers_default_inv_freq, "float32", "20",
     "[T] test_linear_rope_numerically: inv_freq == default_inv_freq / factor, factor 20"},
    {"attention_factor", 0, "1.0", "double", "", "[T] test_linear_rope_numerically: attention_scale == 1.0"},
};
inline constexpr WorkedValue transformers_dynamic_values[] = {
    {"inv_freq", -1, transformers_dynamic_inv_freq, "float32", "", "[T] test_dynamic_rope_numerically, check 2"},
    {"attention_factor", 0, "1.0", "double", "", "[T] test_dynamic_rope_numerically: attention_scale == 1.0"},
};
inline constexpr WorkedValue transformers_dynamic_short_values[] = {
    {"inv_freq", -1, transformers_default_inv_freq, "float32", "",
     "[T] test_dynamic_rope_numerically, check 1: seq_len 1 gives default_inv_freq"},
};
inline constexpr WorkedValue transformers_yarn_values[] = {
    {"inv_freq", -1, transformers_yarn_inv_freq, "float32", "", "[T] test_yarn_rope_numerically, check 3"},
    {"attention_factor", 0, "1.2302585092994045", "double", "",
     "[T] test_yarn_rope_numerically, check 1 (0.1 ln(factor) + 1); decimal [R] item 2"},
    {"yarn_low", 0, "16", "integer", "", "[R] item 3: range [16, 41]"},
    {"yarn_high", 0, "41", "integer", "", "[R] item 3: range [16, 41]"},
};
inline constexpr WorkedValue transformers_yarn_given_attention_values[] = {
    {"inv_freq", -1, transformers_yarn_inv_freq, "float32", "",
     "[T] test_yarn_rope_numerically, check 3 (the frequencies do not depend on attention_factor)"},
    {"attention_factor", 0, "0.5", "double", "", "[T] test_yarn_rope_numerically, check 1: attention_factor 0.5"},
};
inline constexpr WorkedValue transformers_llama3_values[] = {
    {"inv_freq", -1, transformers_llama3_inv_freq, "float32", "", "[T] test_llama3_rope_numerically, check 3"},
    {"attention_factor", 0, "1.0", "double", "", "[T] test_llama3_rope_numerically, check 1"},
};
inline constexpr WorkedValue transformers_longrope_short_values[] = {
    {"inv_freq", -1, transformers_default_inv_freq, "float32", "2",
     "[T] test_longrope_rope_numerically, check 2: default_inv_freq / short_factor (all 2.0)"},
};
inline constexpr WorkedValue transformers_longrope_long_values[] = {
    {"inv_freq", -1, transformers_default_inv_freq, "float32", "index+1",
     "[T] test_longrope_rope_numerically, check 3: default_inv_freq / long_factor (1, 2, .., 64)"},
    {"attention_factor", 0, "1.1410492816577111", "double", "",
     "[T] test_longrope_rope_numerically, check 1: sqrt(1 + ln(10) / ln(2048)); decimal [F]"},
};

inline constexpr WorkedValue llama_3_1_8b_values[] = {
    {"inv_freq", 0, "1.0", "double", "", "[R] item 1: highest frequency unchanged"},
    {"inv_freq", 63, "3.068925988914511e-07", "double", "", "[R] item 1: lowest, divided by 8"},
    {"inv_freq", 29, "0.002166570763503359", "double", "", "[R] item 1: first blended pair"},
    {"inv_freq", 32, "0.0005248461609929547", "double", "", "[R] item 1"},
    {"inv_freq", 34, "0.00017850781276799638", "double", "", "[R] item 1: last blended pair"},
    {"kept_pairs", 0, "29", "integer", "", "[R] item 1: pairs 0-28 kept"},
    {"blended_pairs", 0, "6", "integer", "", "[R] item 1: pairs 29-34 blended"},
    {"divided_pairs", 0, "29", "integer", "", "[R] item 1: pairs 35-63 divided by 8"},
};
inline constexpr WorkedValue llama_3_2_1b_values[] = {
    {"inv_freq", 31, "9.418306725434909e-08", "double", "", "[R] item 1: Llama-3.2-1B lowest"},
    {"kept_pairs", 0, "15", "integer", "", "[R] item 1: 15 kept"},
    {"blended_pairs", 0, "3", "integer", "", "[R] item 1: 3 blended"},
    {"divided_pairs", 0, "14", "integer", "", "[R] item 1: 14 divided"},
};
inline constexpr WorkedValue qwen_2_5_7b_yarn_values[] = {
    {"yarn_low", 0, "23", "integer", "", "[R] item 3: raw 23.596 -> 23"},
    {"yarn_high", 0, "40", "integer", "", "[R] item 3: raw 39.651 -> 40"},
    {"inv_freq", 31, "0.0008029597275452302", "double", "", "[R] item 3"},
    {"inv_freq", 40, "4.445698525097307e-05", "double", "", "[R] item 3: omega_40 / 4"},
    {"attention_factor", 0, "1.138629436111989", "double", "", "[R] items 2 and 3: 0.1 ln 4 + 1"},
};
inline constexpr WorkedValue deepseek_v3_yarn_values[] = {
    {"yarn_low", 0, "10", "integer", "", "[R] item 3: raw 10.472 -> 10"},
    {"yarn_high", 0, "23", "integer", "", "[R] item 3: raw 22.513 -> 23"},
    {"inv_freq", 16, "0.0055", "double", "", "[R] item 3: exactly 0.01 (7/13 + 6/13 / 40)"},
    {"attention_factor", 0, "1.0", "double", "", "[R] item 2: mscale = mscale_all_dim gives exactly 1"},
};
inline constexpr WorkedValue deepseek_v3_yarn_untruncated_values[] = {
    {"inv_freq", 16, "0.005524062977468265", "double", "", "[R] item 3: truncate = false"},
};
inline constexpr WorkedValue yarn_attention_32_values[] = {
    {"attention_factor", 0, "1.3465735902799727", "double", "", "[R] item 2: s = 32"},
};
inline constexpr WorkedValue yarn_attention_40_values[] = {
    {"attention_factor", 0, "1.3688879454113936", "double", "", "[R] item 2: s = 40"},
};
inline constexpr WorkedValue phi_3_longrope_values[] = {
    {"attention_factor", 0, "1.1902380714238083", "double", "", "[R] item 5: sqrt(1 + ln 32 / ln 4096)"},
};
inline constexpr WorkedValue gemma_3_linear_values[] = {
    {"inv_freq", 127, "1.3924673249935028e-07", "double", "", "[R] item 7: lowest, scaled by 1/8"},
};
inline constexpr WorkedValue gemma_3_unscaled_values[] = {
    {"inv_freq", 127, "1.1139738599948023e-06", "double", "", "[R] item 7: lowest, unscaled"},
};
inline constexpr WorkedValue neox_rotary_32_values[] = {
    {"inv_freq", 15, "0.00017782794100389227", "double", "", "[R] item 6: rotated width d = 32"},
};
inline constexpr WorkedValue gpt_j_rotary_64_values[] = {
    {"inv_freq", 31, "0.0001333521432163324", "double", "", "[R] item 6: GPT-J-6B, rotary_dim 64"},
};

// {id, d, theta, type, factor, low, high, attention_factor, mscale, mscale_all_dim, truncate,
//  L0, max_position_embeddings, sequence_length, short_factor, long_factor, values}
inline constexpr std::array<ScalingCase, 23> scaling_cases{{
    {"transformers-default", 128, "10000", "default", "", "", "", "", "", "", true, 0, 0, 0, "", "",
     transformers_default_values},
    {"transformers-linear-2", 128, "10000", "linear", "2", "", "", "", "", "", true, 0, 0, 0, "", "",
     transformers_linear_2_values},
    {"transformers-linear-10", 128, "10000", "linear", "10", "", "", "", "", "", true, 0, 0, 0, "", "",
     transformers_linear_10_values},
    {"transformers-linear-20", 128, "10000", "linear", "20", "", "", "", "", "", true, 0, 0, 0, "", "",
     transformers_linear_20_values},
    {"transformers-dynamic-16384", 128, "10000", "dynamic", "10", "", "", "", "", "", true, 0, 2048, 16384, "", "",
     transformers_dynamic_values},
    {"transformers-dynamic-seq-1", 128, "10000", "dynamic", "10", "", "", "", "", "", true, 0, 2048, 1, "", "",
     transformers_dynamic_short_values},
    {"transformers-yarn-10", 128, "10000", "yarn", "10", "", "", "", "", "", true, 2048, 2048, 0, "", "",
     transformers_yarn_values},
    {"transformers-yarn-10-attention-0.5", 128, "10000", "yarn", "10", "", "", "0.5", "", "", true, 2048, 2048, 0, "", "",
     transformers_yarn_given_attention_values},
    {"transformers-llama3-10", 128, "10000", "llama3", "10", "1", "4", "", "", "", true, 2048, 2048, 0, "", "",
     transformers_llama3_values},
    // At construction transformers picks the factor set by the expanded length
    // L0 * factor; ropecheck by the sequence length n > L0, so n = L0 * factor.
    {"transformers-longrope-short", 128, "10000", "longrope", "1", "", "", "", "", "", true, 2048, 2048, 2048, "2",
     "index+1", transformers_longrope_short_values},
    {"transformers-longrope-long", 128, "10000", "longrope", "10", "", "", "", "", "", true, 2048, 2048, 20480, "2",
     "index+1", transformers_longrope_long_values},
    {"llama-3.1-8b", 128, "500000", "llama3", "8", "1", "4", "", "", "", true, 8192, 131072, 0, "", "",
     llama_3_1_8b_values},
    {"llama-3.2-1b", 64, "500000", "llama3", "32", "1", "4", "", "", "", true, 8192, 131072, 0, "", "",
     llama_3_2_1b_values},
    {"qwen-2.5-7b-yarn", 128, "1000000", "yarn", "4", "", "", "", "", "", true, 32768, 131072, 0, "", "",
     qwen_2_5_7b_yarn_values},
    {"deepseek-v3-yarn", 64, "10000", "yarn", "40", "", "", "", "1", "1", true, 4096, 163840, 0, "", "",
     deepseek_v3_yarn_values},
    {"deepseek-v3-yarn-untruncated", 64, "10000", "yarn", "40", "", "", "", "1", "1", false, 4096, 163840, 0, "", "",
     deepseek_v3_yarn_untruncated_values},
    {"yarn-attention-32", 128, "10000", "yarn", "32", "", "", "", "", "", true, 2048, 2048, 0, "", "",
     yarn_attention_32_values},
    {"yarn-attention-40", 128, "10000", "yarn", "40", "", "", "", "", "", true, 2048, 2048, 0, "", "",
     yarn_attention_40_values},
    // Phi-3-mini-128k: d = 3072 / 32 = 96; no factor (s = 131072 / 4096 = 32). The
    // factor lists do not enter a, so every entry is 1 here.
    {"phi-3-mini-128k-longrope", 96, "10000", "longrope", "", "", "", "", "", "", true, 4096, 131072, 0, "1", "1",
     phi_3_longrope_values},
    {"gemma-3-global-linear-8", 256, "1000000", "linear", "8", "", "", "", "", "", true, 0, 0, 0, "", "",
     gemma_3_linear_values},
    {"gemma-3-global-unscaled", 256, "1000000", "default", "", "", "", "", "", "", true, 0, 0, 0, "", "",
     gemma_3_unscaled_values},
    {"neox-rotary-32", 32, "10000", "default", "", "", "", "", "", "", true, 0, 0, 0, "", "", neox_rotary_32_values},
    {"gpt-j-rotary-64", 64, "10000", "default", "", "", "", "", "", "", true, 0, 0, 0, "", "", gpt_j_rotary_64_values},
}};

}  // namespace ropecheck::claims::support
