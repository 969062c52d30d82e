// Error analysis of the double filter (u = 2^-53; s = sin(pi tau), c = cos(pi tau) exact,
// tau = r g / (2 pi) mod 1; s~, c~ computed; R = max |r| in the block; K = number of
// frequencies). Each quantity below is one term of BlockBound, named in [brackets].
//  phase  x~ = kPi * t~ satisfies |x~ - pi tau| <= 3.4 u |x~| + a_x [phase_relative for the
//         3.4 u], with a_x = pi * phase_error_absolute(R) (fast_trig.hpp) split into
//         a_round = pi u (u + 2.01 R |f3|) [phase_rounding] and a_rem = pi R delta
//         [frequency_remainder], since |t~ - tau| <= 2 u |t~| + abs and x~ = RN(kPi t~) is
//         within 1.4 u of pi t~.
//  sin    |s~ - s| <= rho_s |s~| + a_x with rho_s = 64 u [sin_polynomial] + 1.61 * 3.4 u
//         [phase_relative] (x / sin x <= 1.61 on |x| <= 1.6).
//  cos    |c~ - c| <= 80 u [cos_polynomial] + 1.6 * 3.4 u [phase_relative] + a_x.
//  margin m_k = 2 w_k s^2; m~_k = RN(2 w~_k RN(s~^2)) = 2 w~_k s~^2 (1 + theta), |theta| <= 2.01 u
//         [arithmetic]; s^2 in [s~^2 (1 - rho_s)^2 - 2.001 a_x, s~^2 (1 + rho_s)^2 + 2.001 a_x + a_x^2];
//         the recursive sum of K non-negative terms has relative error below gamma_K = K u / (1 - K u)
//         [summation]. Hence M in [M~ lambda_lo - A, M~ lambda_hi + A] with
//         lambda = 1 -+ (2 rho_s + rho_s^2 [second_order] + 2.01 u + gamma_K) (1 + 1e-3) and
//         A = sum_k 2.0002 omega_k (1 + rho_s)^2 [coefficients] + 2 (w~_k + omega_k)(2.002 + a_x) a_x
//         (its a_round and a_rem parts), omega_k = sup |w_k - w~_k|.
//  cosine C = cos(2 pi tau) = 1 - 2 s^2, S = sin(2 pi tau) = 2 s c;
//         |C~ - C| <= e_C = 3.02 u [arithmetic] + 2 (rho_s + a_x)(2.01 + a_x),
//         |S~ - S| <= e_S = 2.01 u [arithmetic] + 2.0002 (e_c + rho_s + a_x);
//         |term~ - term| <= |a~| (e_C + 3.1 u) + |b~| (e_S + 3.1 u) [3.1 u: arithmetic]
//         + alpha (1 + e_C) + beta (1 + e_S) [coefficients], plus gamma_2K * 1.02 * sum (|a~| + |b~|)
//         [summation] for the sum. The bound E is applied to both sides.
//  final  lower and upper are two or three more roundings of the value: 4 u of it [final_rounding]
//         (with the margin's (1 -+ relative) factors, and for the cosine 4 u * 1.02 sum (|a~| + |b~|)).
//  underflow  Everything above is relative, or scales with a weight; but an operation whose result
//         is subnormal errs by up to 2^-1075 absolutely (fl(x op y) = (x op y)(1 + e) + eta,
//         |eta| <= 2^-1075). The phase's own underflows are far below its u^2 term, and those inside
//         s~ and c~ below e_C, e_S (or, for the margin, below the u^2 part of a_round when
//         2 w~ >= 1, and at most 4 * 2^-1074 when 2 w~ < 1); left are the product, the sums and
//         the bound's own arithmetic (under 10 operations per frequency, and a few at the end),
//         so 32 (K + 1) * 2^-1074 [underflow] covers them. Without it, a weight of 2^-1060 near
//         r = 710 (g = 1) gave lower = upper = 0 for a margin of ~2^-1089 (the tests keep the case).
// Every bound is computed in double and then inflated by (1 + 2^-20), far more than its own
// rounding error (the underflow term covers its subnormal roundings).
#include "error_bound.hpp"

#include "ropecheck/numeric/mutant.hpp"

#include <cmath>
#include <numeric>

namespace ropecheck::sweep::detail {
namespace {

constexpr double u = unit_roundoff;
constexpr double phase_to_x = phase_relative_error * 1.0000001 + pi_product_relative_error;  // 3.4 u
constexpr double sin_phase = 1.61 * phase_to_x;  // the phase's share of rho_s
constexpr double rho_s = sin_relative_error + sin_phase;
constexpr double inflate = 1 + 0x1p-20;
constexpr double cross_terms = 1 + 1e-3;  // the margin's products of small relative terms

double gamma(std::size_t k) {
    const double ku = static_cast<double>(k + 1) * u;
    return ku / (1 - ku);
}

double underflow_allowance(std::size_t k) {
    return 32 * static_cast<double>(k + 1) * 0x1p-1074;  // exact: a small integer times 2^-1074
}

// a_round and a_rem of the phase for one frequency (their sum is the a_x of before the split).
struct PhaseAbsolute {
    double round, remainder;
};
PhaseAbsolute phase_absolute(const SplitFrequency& s, double max_r) {
    const double f3 = std::fabs(s.f3);
    const double scale = kPi * (1 + 8 * u) * (1 + 4 * u);
    return {u * (u + 2.01 * max_r * f3) * scale, max_r * s.delta * scale};
}

}  // namespace

const char* to_string(BoundTerm term) {
    switch (term) {
        case BoundTerm::sin_polynomial: return "sin_polynomial";
        case BoundTerm::cos_polynomial: return "cos_polynomial";
        case BoundTerm::phase_relative: return "phase_relative";
        case BoundTerm::phase_rounding: return "phase_rounding";
        case BoundTerm::frequency_remainder: return "frequency_remainder";
        case BoundTerm::arithmetic: return "arithmetic";
        case BoundTerm::coefficients: return "coefficients";
        case BoundTerm::summation: return "summation";
        case BoundTerm::final_rounding: return "final_rounding";
        case BoundTerm::underflow: return "underflow";
        case BoundTerm::second_order: return "second_order";
    }
    return "?";
}

namespace {
// Mutant "sweep-bound-term-dropped": the bound leaves out the evaluation's own
// roundings (Taylor sine and cosine, the phase's relative rounding, the
// arithmetic, the summation and the final rounding) and keeps only the terms
// that carry the inputs' enclosures (frequency split, coefficients) and the
// absolute phase and underflow terms: the classic bug of propagating input
// widths and forgetting the floating-point evaluation itself. Dropping any one of these small terms alone is an
// equivalent mutant (the others cover it; tests/sweep/block_evaluator_bound_test.cpp
// measures each); together they are what separates two values that differ by
// the filter's rounding, such as a(r* + d) and a(r* - d), which are equal.
bool dropped(std::size_t term) {
    if (!ROPECHECK_MUTANT("sweep-bound-term-dropped")) return false;
    switch (static_cast<BoundTerm>(term)) {
        case BoundTerm::sin_polynomial:
        case BoundTerm::cos_polynomial:
        case BoundTerm::phase_relative:
        case BoundTerm::arithmetic:
        case BoundTerm::summation:
        case BoundTerm::final_rounding:
        case BoundTerm::second_order: return true;
        default: return false;
    }
}
double total(const std::array<double, bound_term_count>& terms) {
    double sum = 0;
    for (std::size_t t = 0; t < terms.size(); ++t)
        if (!dropped(t)) sum += terms[t];
    return sum;
}
}  // namespace

double BlockBound::relative_total() const { return total(relative); }
double BlockBound::absolute_total() const { return total(absolute); }

BlockBound margin_bound(std::span<const SplitFrequency> split, std::span<const double> twice_weight,
                        std::span<const double> weight_error, double max_r) {
    BlockBound b;
    using T = BoundTerm;
    const double c = cross_terms * inflate;
    b.relative_of(T::sin_polynomial) = 2 * sin_relative_error * c;
    b.relative_of(T::phase_relative) = 2 * sin_phase * c;
    b.relative_of(T::second_order) = rho_s * rho_s * c;
    b.relative_of(T::arithmetic) = 2.01 * u * c;
    b.relative_of(T::summation) = gamma(split.size()) * c;
    b.relative_of(T::final_rounding) = 4 * u * inflate;
    double coefficients = 0, rounding = 0, remainder = 0;
    for (std::size_t k = 0; k < split.size(); ++k) {
        const PhaseAbsolute p = phase_absolute(split[k], max_r);
        const double a_x = p.round + p.remainder;
        const double scale = 2 * (std::fabs(twice_weight[k] / 2) + weight_error[k]) * (2.002 + a_x);
        coefficients += 2.0002 * weight_error[k] * (1 + rho_s) * (1 + rho_s);
        rounding += scale * p.round;
        remainder += scale * p.remainder;
    }
    b.absolute_of(T::coefficients) = coefficients * inflate;
    b.absolute_of(T::phase_rounding) = rounding * inflate;
    b.absolute_of(T::frequency_remainder) = remainder * inflate;
    b.absolute_of(T::underflow) = underflow_allowance(split.size());
    return b;
}

BlockBound cosine_bound(std::span<const SplitFrequency> split, std::span<const double> aligned,
                        std::span<const double> aligned_error, std::span<const double> cross,
                        std::span<const double> cross_error, double max_r) {
    using T = BoundTerm;
    std::array<double, bound_term_count> sum{};
    auto add = [&sum](T t, double x) { sum[static_cast<std::size_t>(t)] += x; };
    double coefficient_sum = 0;
    for (std::size_t k = 0; k < split.size(); ++k) {
        const PhaseAbsolute p = phase_absolute(split[k], max_r);
        const double a_x = p.round + p.remainder;
        const double e_C = 3.02 * u + 2 * (rho_s + a_x) * (2.01 + a_x);
        const double e_S = 2.01 * u + 2.0002 * (cos_absolute_error + 1.6 * phase_to_x + a_x + rho_s + a_x);
        const double A = std::fabs(aligned[k]), B = std::fabs(cross[k]);
        // |a~| e_C and |b~| e_S, each of their parts to its source.
        add(T::sin_polynomial, A * 2 * sin_relative_error * (2.01 + a_x) + B * 2.0002 * sin_relative_error);
        add(T::cos_polynomial, B * 2.0002 * cos_absolute_error);
        add(T::phase_relative, A * 2 * sin_phase * (2.01 + a_x) + B * 2.0002 * (1.6 * phase_to_x + sin_phase));
        add(T::phase_rounding, A * 2 * p.round * (2.01 + a_x) + B * 2.0002 * 2 * p.round);
        add(T::frequency_remainder, A * 2 * p.remainder * (2.01 + a_x) + B * 2.0002 * 2 * p.remainder);
        add(T::arithmetic, A * (3.02 * u + 3.1 * u) + B * (2.01 * u + 3.1 * u));
        add(T::coefficients, aligned_error[k] * (1 + e_C) + cross_error[k] * (1 + e_S));
        coefficient_sum += A + B;
    }
    // |acc| <= 1.02 sum (|a~| + |b~|): the sum's error and that of acc -+ bound itself.
    add(T::summation, gamma(2 * split.size()) * 1.02 * coefficient_sum);
    add(T::final_rounding, 4 * u * 1.02 * coefficient_sum);
    BlockBound b;
    for (std::size_t t = 0; t < bound_term_count; ++t) b.absolute[t] = sum[t] * inflate;
    b.absolute_of(T::underflow) = underflow_allowance(split.size());
    return b;
}

}  // namespace ropecheck::sweep::detail
