// Error analysis (u = 2^-53; s = sin(pi tau), c = cos(pi tau) exact, tau = r g / (2 pi) mod 1;
// s~, c~ computed; R = max |r| in the block; K = number of frequencies):
//  phase  x~ = kPi * t~ satisfies |x~ - pi tau| <= 3.42 u |x~| + a_x, with
//         a_x = pi * phase_error_absolute(R) (fast_trig.hpp), since |t~ - tau| <= 2 u |t~| + abs
//         and x~ = RN(kPi t~) is within 1.4 u of pi t~.
//  sin    |s~ - s| <= rho_s |s~| + a_x with rho_s = 64 u + 1.61 * 3.42 u (x / sin x <= 1.61 on |x| <= 1.6).
//  cos    |c~ - c| <= 80 u + 1.6 * 3.42 u + a_x.
//  margin m_k = 2 w_k s^2; m~_k = RN(2 w~_k RN(s~^2)) = 2 w~_k s~^2 (1 + theta), |theta| <= 2.01 u;
//         s^2 in [s~^2 (1 - rho_s)^2 - 2.001 a_x, s~^2 (1 + rho_s)^2 + 2.001 a_x + a_x^2];
//         the recursive sum of K non-negative terms has relative error below gamma_K = K u / (1 - K u).
//         Hence M in [M~ lambda_lo - A, M~ lambda_hi + A] with
//         lambda = 1 -+ (2 rho_s + rho_s^2 + 2.01 u + gamma_K) (1 + 1e-3) and
//         A = sum_k 2.0002 omega_k (1 + rho_s)^2 + 2 (w~_k + omega_k)(2.002 a_x + a_x^2).
//  cosine C = cos(2 pi tau) = 1 - 2 s^2, S = sin(2 pi tau) = 2 s c;
//         |C~ - C| <= e_C = 3.02 u + 2 (rho_s + a_x)(2.01 + a_x),
//         |S~ - S| <= e_S = 2.01 u + 2.0002 (e_c + rho_s + a_x);
//         |term~ - term| <= |a~| (e_C + 3.1 u) + |b~| (e_S + 3.1 u) + alpha + beta (coefficient errors),
//         plus gamma_K * 1.02 * sum (|a~| + |b~|) for the sum. The bound E is applied to both sides.
// Every bound is computed in double and then inflated by (1 + 2^-20), far more than its own
// rounding error.
#include "block_evaluator.hpp"

#include <cmath>
#include <stdexcept>

namespace ropecheck::sweep::detail {
namespace {

constexpr double u = unit_roundoff;
constexpr double phase_to_x = phase_relative_error * 1.0000001 + pi_product_relative_error;  // 3.42 u
constexpr double rho_s = sin_relative_error + 1.61 * phase_to_x;
constexpr double e_c_fixed = cos_absolute_error + 1.6 * phase_to_x;
constexpr double inflate = 1 + 0x1p-20;

double gamma(std::size_t k) {
    const double ku = static_cast<double>(k + 1) * u;
    return ku / (1 - ku);
}

double block_max_distance(std::int64_t first, int count) {
    const std::int64_t last = first + count - 1;
    return static_cast<double>(std::max(first < 0 ? -first : first, last < 0 ? -last : last));
}

}  // namespace

MarginBlockEvaluator::MarginBlockEvaluator(const ReturnMarginSeries& series) {
    for (std::size_t k = 0; k < series.frequencies.size(); ++k) {
        split_.push_back(split_frequency(series.frequencies[k]));
        const auto w = to_double_with_error(series.weights[k]);
        // The relative bound of the sum needs non-negative terms.
        if (w.value - w.error < 0) throw std::invalid_argument("return margin weights must be >= 0");
        twice_weight_.push_back(2 * w.value);
        weight_error_.push_back(w.error);
    }
}

void MarginBlockEvaluator::evaluate(std::int64_t first, int count, double* lower, double* upper) const {
    double acc[block_size];
    for (int j = 0; j < count; ++j) acc[j] = 0;
    const double base = static_cast<double>(first);
    for (std::size_t k = 0; k < split_.size(); ++k) {
        const SplitFrequency s = split_[k];
        const double tw = twice_weight_[k];
        for (int j = 0; j < count; ++j) {
            const double t = reduced_phase(base + static_cast<double>(j), s);
            const double sv = sin_poly(kPi * t);
            acc[j] += tw * (sv * sv);
        }
    }
    const double max_r = block_max_distance(first, count);
    double absolute = 0;
    for (std::size_t k = 0; k < split_.size(); ++k) {
        const double a_x = kPi * phase_error_absolute(max_r, split_[k]) * (1 + 4 * u);
        const double w = twice_weight_[k] / 2;
        absolute += 2.0002 * weight_error_[k] * (1 + rho_s) * (1 + rho_s) +
                    2 * (std::fabs(w) + weight_error_[k]) * (2.002 * a_x + a_x * a_x);
    }
    absolute *= inflate;
    // + 4 u: the two roundings of the final lower/upper expressions themselves.
    const double relative =
        ((2 * rho_s + rho_s * rho_s + 2.01 * u + gamma(split_.size())) * (1 + 1e-3) + 4 * u) * inflate;
    for (int j = 0; j < count; ++j) {
        lower[j] = acc[j] * (1 - relative) - absolute;
        upper[j] = acc[j] * (1 + relative) + absolute;
    }
}

CosineBlockEvaluator::CosineBlockEvaluator(const CosineSeries& series) {
    for (std::size_t k = 0; k < series.frequencies.size(); ++k) {
        split_.push_back(split_frequency(series.frequencies[k]));
        const auto a = to_double_with_error(series.aligned[k]);
        const auto b = to_double_with_error(series.cross[k]);
        aligned_.push_back(a.value);
        aligned_error_.push_back(a.error);
        cross_.push_back(b.value);
        cross_error_.push_back(b.error);
    }
}

void CosineBlockEvaluator::evaluate(std::int64_t first, int count, double* lower, double* upper) const {
    double acc[block_size];
    for (int j = 0; j < count; ++j) acc[j] = 0;
    const double base = static_cast<double>(first);
    for (std::size_t k = 0; k < split_.size(); ++k) {
        const SplitFrequency s = split_[k];
        const double a = aligned_[k], b = cross_[k];
        if (b == 0 && cross_error_[k] == 0) {
            for (int j = 0; j < count; ++j) {
                const double sv = sin_poly(kPi * reduced_phase(base + static_cast<double>(j), s));
                acc[j] += a * (1 - 2 * (sv * sv));
            }
        } else {
            for (int j = 0; j < count; ++j) {
                const double x = kPi * reduced_phase(base + static_cast<double>(j), s);
                const double sv = sin_poly(x);
                const double cv = cos_poly(x);
                acc[j] += a * (1 - 2 * (sv * sv)) + b * (2 * (sv * cv));
            }
        }
    }
    const double max_r = block_max_distance(first, count);
    double bound = 0, coefficient_sum = 0;
    for (std::size_t k = 0; k < split_.size(); ++k) {
        const double a_x = kPi * phase_error_absolute(max_r, split_[k]) * (1 + 4 * u);
        const double e_C = 3.02 * u + 2 * (rho_s + a_x) * (2.01 + a_x);
        const double e_S = 2.01 * u + 2.0002 * (e_c_fixed + a_x + rho_s + a_x);
        const double abs_a = std::fabs(aligned_[k]), abs_b = std::fabs(cross_[k]);
        bound += abs_a * (e_C + 3.1 * u) + abs_b * (e_S + 3.1 * u) + aligned_error_[k] * (1 + e_C) +
                 cross_error_[k] * (1 + e_S);
        coefficient_sum += abs_a + abs_b;
    }
    // + 4 u sum: the rounding of acc -+ bound itself (|acc| <= 1.02 sum |a| + |b|).
    bound = (bound + (gamma(2 * split_.size()) + 4 * u) * 1.02 * coefficient_sum) * inflate;
    for (int j = 0; j < count; ++j) {
        lower[j] = acc[j] - bound;
        upper[j] = acc[j] + bound;
    }
}

}  // namespace ropecheck::sweep::detail
