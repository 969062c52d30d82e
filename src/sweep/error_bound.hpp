#pragma once
// The double filter's error bound for one block of distances, kept term by
// term (one per source of error) rather than as one number, so that tests can
// weigh each term against measured errors and name the inputs that need it
// (tests/sweep/block_evaluator_bound_test.cpp). The derivation of every term is
// in error_bound.cpp; the evaluators (block_evaluator.hpp) only add them up.
#include <array>
#include <cfloat>
#include <cmath>
#include <cstddef>
#include <limits>
#include <span>

#include "fast_trig.hpp"

namespace ropecheck::sweep::detail {

enum class BoundTerm : int {
    sin_polynomial,       // the Taylor sine's own error (fast_trig.hpp, 64 u relative)
    cos_polynomial,       // the Taylor cosine's own error (80 u absolute)
    phase_relative,       // reduced_phase's 2 u |t| and the rounding of pi t
    phase_rounding,       // reduced_phase's absolute roundings, u (u + 2.01 R |f3|)
    frequency_remainder,  // R delta: g / (2 pi) minus f1 + f2 + f3, over g's whole enclosure
    arithmetic,           // roundings of the squares, products and 1 - 2 s^2 of each frequency's term
    coefficients,         // the half-widths of the weights' / coefficients' enclosures
    summation,            // the recursive sum over the frequencies
    final_rounding,       // forming lower and upper from the value and the bound
    underflow,            // subnormal results: absolute errors up to 2^-1075 per operation
    second_order,         // products of small terms (rho_s^2)
};
inline constexpr std::size_t bound_term_count = 11;
const char* to_string(BoundTerm term);

// The exact value at every distance r of the block lies in
//   [v (1 - relative) - absolute, v (1 + relative) + absolute]
// with v the filter's value at r (v >= 0 whenever relative > 0: the margin) and
// relative, absolute the sums of the terms (a term is one or the other).
struct BlockBound {
    std::array<double, bound_term_count> relative{};
    std::array<double, bound_term_count> absolute{};

    double& relative_of(BoundTerm t) { return relative[static_cast<std::size_t>(t)]; }
    double& absolute_of(BoundTerm t) { return absolute[static_cast<std::size_t>(t)]; }
    double relative_total() const;
    double absolute_total() const;
};

// Per frequency: its split, the double coefficient(s) and the half-width(s) of
// their enclosures. max_r: the largest |r| of the block.
BlockBound margin_bound(std::span<const SplitFrequency> split, std::span<const double> twice_weight,
                        std::span<const double> weight_error, double max_r);
BlockBound cosine_bound(std::span<const SplitFrequency> split, std::span<const double> aligned,
                        std::span<const double> aligned_error, std::span<const double> cross,
                        std::span<const double> cross_error, double max_r);

// lower and upper of `count` values under one bound. A value that is not finite
// (overflow, inf * 0) and a bound that is not finite give [-inf, +inf]: no
// information, which every driver escalates, never a wrong enclosure. When
// the caller knows every value is finite (`finite_values`: no sum of its
// coefficients can overflow), the per-value test is skipped.
// (Inline: it runs once per distance, in the evaluators' vectorised file.)
inline void enclose(const double* value, int count, const BlockBound& bound, bool finite_values, double* lower,
                    double* upper) {
    constexpr double inf = std::numeric_limits<double>::infinity();
    const double relative = bound.relative_total();
    double absolute = bound.absolute_total();
    if (!(absolute <= DBL_MAX) || !(relative < 1)) absolute = inf;  // overflowed or NaN: no information
    const double down = 1 - relative, up = 1 + relative;
    if (finite_values) {
        for (int j = 0; j < count; ++j) {
            lower[j] = value[j] * down - absolute;
            upper[j] = value[j] * up + absolute;
        }
        return;
    }
    for (int j = 0; j < count; ++j) {
        const double v = value[j];
        const bool finite = std::fabs(v) <= DBL_MAX;  // false for +-inf and NaN
        lower[j] = finite ? v * down - absolute : -inf;
        upper[j] = finite ? v * up + absolute : inf;
    }
}

// Whether every value of an evaluator whose terms are at most `term_bounds` in
// magnitude (per frequency) is finite: their sum, even with every rounding of
// the recursive sum, stays far below DBL_MAX (and so no inf, hence no NaN, can
// arise). False for a NaN or infinite bound.
inline bool values_stay_finite(std::span<const double> term_bounds) {
    double sum = 0;
    for (double t : term_bounds) sum += t;
    return sum <= DBL_MAX / 4;
}

}  // namespace ropecheck::sweep::detail
