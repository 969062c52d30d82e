#pragma once
// Su et al.'s (RoFormer) "long-term decay" bound on a RoPE activation, evaluated
// with MPFI at one distance. Private to src/claims.
//
// The exact form checked (1-based chunks k = 1..n, n = d/2):
//   h_k = a_k - i b_k, from the kernel's aligned/cross chunk coefficients, so that
//         a(r) = Re sum_k h_k e^{i r g_k} = sum_k a_k cos(r g_k) + b_k sin(r g_k)
//         (h_k = conj(q0 + i q1) (k0 + i k1) for chunk k of q and of the key);
//   S_k = sum_{l<k} e^{i r g_l}, so S_1 = 0 and S_{n+1} is the full sum; h_{n+1} = 0.
// Abel summation (e^{i r g_k} = S_{k+1} - S_k) gives the identity
//   sum_{k=1}^{n} h_k e^{i r g_k} = sum_{k=2}^{n+1} (h_{k-1} - h_k) S_k,
// hence  |sum| <= sum_{k=2}^{n+1} |h_k - h_{k-1}| |S_k|                      (abel_sum)
//              <= (max_{1<=k<=n} |h_{k+1} - h_k|) sum_{k=2}^{n+1} |S_k|        (bound).
// Read with 1-based indices, RoFormer's 0-based S_j = sum_{k=0}^{j-1} turns the last sum into
// sum_{k=1}^{n} |S_k|; with S_k = sum_{l<k} that index range drops the full sum S_{n+1}
// and is false (d = 2: it says |h_1| <= 0). `literal` evaluates that form so the
// report can show where it fails.
#include <cstdint>
#include <vector>

#include "ropecheck/numeric/types.hpp"
#include "ropecheck/rope/kernel.hpp"

namespace ropecheck::claims::support {

struct ComplexInterval {
    numeric::interval re;
    numeric::interval im;
};

// What the bound needs of the weights, all independent of the distance.
struct AbelWeights {
    std::vector<ComplexInterval> h;         // h_k = a_k - i b_k, k = 1..n (index k - 1)
    std::vector<numeric::interval> steps;   // |h_{k+1} - h_k|, k = 1..n, h_{n+1} = 0
    numeric::interval largest_step;         // encloses max_k |h_{k+1} - h_k|
};

AbelWeights abel_weights(const rope::ChunkCoefficients<numeric::interval>& c);

// |z|, with the squares taken by mpfi_sqr so that a part straddling 0 stays >= 0.
numeric::interval modulus(const ComplexInterval& z);

struct AbelTerms {
    numeric::interval modulus;    // |sum_k h_k e^{i r g_k}|
    numeric::interval real_part;  // Re sum = a(r), to cross-check against the kernel
    numeric::interval abel_sum;   // sum_{k=2}^{n+1} |h_k - h_{k-1}| |S_k|
    numeric::interval bound;      // largest_step * sum_{k=2}^{n+1} |S_k|
    numeric::interval literal;    // largest_step * sum_{k=1}^{n} |S_k| (the literal 1-based index range)
};

// Every term at distance r, in MPFI.
AbelTerms abel_terms(const AbelWeights& w, const std::vector<numeric::interval>& freqs, std::int64_t r);

}  // namespace ropecheck::claims::support
