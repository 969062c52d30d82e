#include "step_rounding.hpp"

#include <mpfr.h>

#include "ropecheck/numeric/dtype_rounding.hpp"

#include <cmath>
#include <limits>

namespace ropecheck::rope::detail {

double round_to(double x, const numeric::IeeeParameters& format) {
    if (x == 0 || !std::isfinite(x)) return x;
    // The quantum of x's binade in the format, or of its subnormals: scaling by a
    // power of two is exact, and nearbyint rounds to nearest-even (the default mode).
    const int exponent = std::max(std::ilogb(x), format.min_exponent) - (format.precision - 1);
    const bool nearest = numeric::dtype_rounds_to_nearest();
    const double scaled = std::ldexp(x, -exponent);
    const double rounded = std::ldexp(nearest ? std::nearbyint(scaled) : std::trunc(scaled), exponent);
    const double largest = std::ldexp(2.0 - std::ldexp(1.0, 1 - format.precision), format.max_exponent);
    // Overflow: to nearest gives infinity; truncation (the mutant) the largest finite value.
    if (std::abs(rounded) > largest) return std::copysign(nearest ? std::numeric_limits<double>::infinity() : largest, x);
    return rounded;
}

namespace {

// One correctly rounded value at `bits`, unbounded exponent: a result below
// the format's least normal number needs the emulation's subnormal rounding.
double subnormal_safe(mpfr_srcptr value, double x, numeric::IeeeFormat format, numeric::detail::IeeeOp op) {
    const double v = mpfr_get_d(value, MPFR_RNDN);  // exact: at most 24 bits
    const auto p = numeric::parameters_of(format);
    if (v == 0 || std::abs(v) >= std::ldexp(1.0, p.min_exponent)) return v;
    return numeric::detail::ieee_apply(format, op, numeric::real(x), numeric::real(x)).convert_to<double>();
}

}  // namespace

CosSin cos_sin_in(double x, numeric::IeeeFormat format) {
    const auto p = numeric::parameters_of(format);
    mpfr_t in, c, s;
    mpfr_init2(in, 53);
    mpfr_init2(c, p.precision);
    mpfr_init2(s, p.precision);
    mpfr_set_d(in, x, MPFR_RNDN);
    mpfr_sin_cos(s, c, in, numeric::dtype_rounds_to_nearest() ? MPFR_RNDN : MPFR_RNDZ);
    const CosSin out{subnormal_safe(c, x, format, numeric::detail::IeeeOp::cos),
                     subnormal_safe(s, x, format, numeric::detail::IeeeOp::sin)};
    mpfr_clear(in);
    mpfr_clear(c);
    mpfr_clear(s);
    return out;
}

}  // namespace ropecheck::rope::detail
