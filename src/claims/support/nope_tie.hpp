#pragma once
// Proposition 5.2's witness input [x_bos, x_1, x_1] through the RoPE kernel and
// the log-domain softmax, for the frequencies of any schedule: the NoPE side of
// prop-5.2 and the positional "no" of table-1 (p = 0) both come from here, so
// the kernel and the softmax (and their mutants) decide them. Private to
// src/claims.
//
// Under NoPE every frequency is the exact point 0, so R^r = I exactly: the keys
// of the two equal tokens, placed at positions 2 and 3 by the kernel's rotation,
// are the same enclosures bit for bit, so are a_{3,2} = a_{3,3}, and so are
// alpha_{3,2} = alpha_{3,3} = 1 / (exp(a_{3,1} - a_{3,3}) + 2) < 1/2.
#include <vector>

#include "ropecheck/core/counter_rng.hpp"
#include "ropecheck/numeric/types.hpp"

namespace ropecheck::claims::support {

struct WitnessInput {
    std::vector<std::vector<double>> w_q;     // head_dim x model_dim, entries N(0, 1 / model_dim)
    std::vector<std::vector<double>> w_k;
    std::vector<std::vector<double>> tokens;  // x_bos, x_1, x_3 (x_3 = x_1 unless perturbed)
};

// Draws W_Q, W_K, x_bos, x_1 (in that order) as exact doubles. With
// perturb_third_token, x_3 = x_1 + 2^-10 u with u ~ N(0, I) drawn next: the
// input no longer satisfies the proposition's hypothesis (equal tokens).
WitnessInput draw_witness_input(core::CounterRng& rng, int head_dim, int model_dim, bool perturb_third_token);

struct TieOutcome {
    std::vector<numeric::interval> activations;  // a_{3,j} = q_3^T R^(j-3) k_j, j = 1..3 (kernel)
    std::vector<numeric::interval> weights;      // alpha_{3,j} (causal softmax row 3)
    bool positioned_keys_identical = false;      // R^2 k_2 and R^3 k_3 (kernel rotation): same enclosures
    bool activations_identical = false;          // a_{3,2}, a_{3,3}: same enclosures
    bool weights_identical = false;              // alpha_{3,2}, alpha_{3,3}: same enclosures
    bool activations_differ = false;             // a_{3,2} != a_{3,3} certainly
    bool weights_differ = false;                 // alpha_{3,2} != alpha_{3,3} certainly
    bool row_sums_to_one = false;                // the enclosure of the row's sum contains 1
    bool closed_form_agrees = false;             // alpha_{3,3} overlaps 1 / (exp(a_{3,1} - a_{3,3}) + 2)
    bool below_half_direct = false;              // alpha_{3,3}'s upper end < 1/2
    bool below_half_identity = false;            // alpha_{3,1} certainly > 0: 1/2 - alpha_{3,3} = alpha_{3,1} / 2
    numeric::interval gap_to_half;               // alpha_{3,1} / 2

    // The tie is certified: identical activations and weights, a row that sums
    // to 1 and matches the closed form, and alpha_{3,3} certainly < 1/2.
    bool tie_certified() const;
};

// freqs: one per chunk of the head (d / 2 of them).
TieOutcome attend_witness(const WitnessInput& input, const std::vector<numeric::interval>& freqs);

}  // namespace ropecheck::claims::support
