#include "ropecheck/sweep/one_minus_cos.hpp"

#include <cmath>

#include "fast_trig.hpp"
#include "split_frequency.hpp"

namespace ropecheck::sweep {
namespace {

using detail::unit_roundoff;
constexpr double u = unit_roundoff;
constexpr double rho_s =
    detail::sin_relative_error + 1.61 * (detail::phase_relative_error * 1.0000001 + detail::pi_product_relative_error);
// 2 rho_s (and rho_s^2) plus 6 u for the roundings of 1 -+ lambda, the square,
// the product and the final sum; 2^-1060 for subnormal results.
constexpr double lambda_low = 2 * rho_s + 6 * u;
constexpr double lambda_high = 2 * rho_s + 2 * rho_s * rho_s + 6 * u;
constexpr double tiny = 0x1p-1060;

const detail::SplitFrequency& unit_split() {
    static const detail::SplitFrequency s = detail::split_frequency(numeric::interval(1));
    return s;
}

}  // namespace

DoubleEnclosure one_minus_cos(float x) {
    const double r = static_cast<double>(x);
    if (!(std::fabs(r) <= 0x1p50)) return {0, 2};
    const detail::SplitFrequency& s = unit_split();
    const double t = detail::reduced_phase(r, s);
    const double sv = detail::sin_poly(detail::kPi * t);
    const double a_x = detail::kPi * detail::phase_error_absolute(std::fabs(r), s) * (1 + 4 * u);
    const double twice_square = 2 * (sv * sv);
    DoubleEnclosure e;
    e.lower = std::fmax(0.0, twice_square * (1 - lambda_low) - (4.01 * a_x + tiny));
    e.upper = std::fmin(2.0, twice_square * (1 + lambda_high) + (4.01 * a_x + tiny));
    return e;
}

}  // namespace ropecheck::sweep
