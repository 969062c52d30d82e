#pragma once
// The two kinds of sum an exhaustive sweep scans over distances r:
//   CosineSeries        S(r) = sum_k a_k cos(r g_k) + b_k sin(r g_k)  (any RoPE activation,
//                       with a_k, b_k the kernel's aligned/cross chunk coefficients)
//   ReturnMarginSeries  M(r) = sum_k w_k (1 - cos(r g_k)), w_k >= 0  (how far r is from a full
//                       turn of every frequency: the margin of the diagonal construction)
// Each holds MPFI enclosures of its inputs, and `exact_at` evaluates it through the one RoPE
// kernel in MPFI at the current precision: the reference every fast path must agree with.
#include <cstdint>
#include <vector>

#include "ropecheck/numeric/types.hpp"
#include "ropecheck/rope/kernel.hpp"

namespace ropecheck::sweep {

struct CosineSeries {
    std::vector<numeric::interval> frequencies;
    std::vector<numeric::interval> aligned;  // a_k
    std::vector<numeric::interval> cross;    // b_k

    // From the kernel's coefficients of a query/key pair.
    static CosineSeries from_coefficients(const rope::ChunkCoefficients<numeric::interval>& c,
                                          std::vector<numeric::interval> frequencies);
    // a_k = 1, b_k = 0: the aligned construction q = k with unit chunks, S(r) = sum_k cos(r g_k).
    static CosineSeries aligned_unit(std::vector<numeric::interval> frequencies);

    numeric::interval exact_at(std::int64_t r) const;
};

struct ReturnMarginSeries {
    std::vector<numeric::interval> frequencies;
    std::vector<numeric::interval> weights;  // w_k >= 0

    // Unit weights: M(r) = sum_k (1 - cos(r g_k)).
    static ReturnMarginSeries unit(std::vector<numeric::interval> frequencies);

    // sum_k w_k - (kernel activation with aligned = w, cross = 0) in MPFI.
    numeric::interval exact_at(std::int64_t r) const;
};

}  // namespace ropecheck::sweep
