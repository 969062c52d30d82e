#include "turn_filter.hpp"

#include <mpfi.h>
#include <mpfr.h>

#include <algorithm>
#include <cmath>
#include <numbers>
#include <string>

#include "ropecheck/numeric/enclosure.hpp"
#include "ropecheck/numeric/invalid_input.hpp"

namespace ropecheck::probes::detail {
namespace {

static_assert(sizeof(unsigned long) == 8, "the fixed-point conversion reads 64-bit limbs");

// floor(x 2^128) for 0 <= x < 1, exactly: two 64-bit limbs, each read after an
// exact scaling by 2^64 (MPFR scales by powers of two without rounding, and
// the working variable has room for every bit of x).
u128 floor_units(mpfr_srcptr x) {
    mpfr_t t;
    mpfr_init2(t, mpfr_get_prec(x) + 128);
    mpfr_mul_2ui(t, x, 64, MPFR_RNDN);
    const unsigned long high = mpfr_get_ui(t, MPFR_RNDD);
    mpfr_sub_ui(t, t, high, MPFR_RNDN);
    mpfr_mul_2ui(t, t, 64, MPFR_RNDN);
    const unsigned long low = mpfr_get_ui(t, MPFR_RNDD);
    mpfr_clear(t);
    return (static_cast<u128>(high) << 64) | low;
}

}  // namespace

TurnFilter::TurnFilter(const numeric::interval& frequency, std::int64_t max_distance)
    : max_distance_(max_distance) {
    mpfi_srcptr g = frequency.backend().data();
    if (mpfi_nan_p(g) || !mpfi_bounded_p(g)) throw InvalidInput("the frequency is not a finite number");
    if (mpfi_is_strictly_pos(g) <= 0) throw InvalidInput("the frequency must be certainly > 0");
    if (max_distance < 1) throw InvalidInput("the largest distance must be >= 1");

    // beta = g / (2 pi) with 64 guard bits, so its own rounding is far below
    // the width the enclosure of g already has.
    const mpfr_prec_t bits = std::max<mpfr_prec_t>(mpfi_get_prec(g), 128) + 64;
    mpfi_t beta, two_pi;
    mpfi_init2(beta, bits);
    mpfi_init2(two_pi, bits);
    numeric::enclose_pi(two_pi);
    mpfi_mul_2ui(two_pi, two_pi, 1);
    mpfi_div(beta, g, two_pi);

    // Fractional part with directed rounding: f in [low, low + width_up].
    mpfr_t low, high, whole, width_up;
    for (mpfr_ptr x : {low, high, whole, width_up}) mpfr_init2(x, bits);
    mpfi_get_left(low, beta);
    mpfi_get_right(high, beta);
    mpfr_floor(whole, low);
    mpfr_sub(low, low, whole, MPFR_RNDD);
    mpfr_sub(high, high, whole, MPFR_RNDU);
    mpfr_sub(width_up, high, low, MPFR_RNDU);
    const bool too_wide = mpfr_cmp_d(width_up, 0.25) >= 0;
    if (!too_wide) {
        // f 2^128 >= floor(low 2^128) = base_, and
        // f 2^128 <= low 2^128 + width_up 2^128 < (base_ + 1) + (floor(width_up 2^128) + 1).
        base_ = floor_units(low);
        width_ = floor_units(width_up) + 2;
    }
    for (mpfr_ptr x : {low, high, whole, width_up}) mpfr_clear(x);
    mpfi_clear(beta);
    mpfi_clear(two_pi);

    const u128 limit = u128{1} << 125;
    if (too_wide || width_ > limit / static_cast<u128>(max_distance))
        throw InvalidInput("the frequency enclosure is too wide to tell whole turns apart up to distance " +
                           std::to_string(max_distance) + "; raise the precision");
}

double units_to_double(u128 units) { return std::ldexp(static_cast<double>(units), -128); }

numeric::real units_to_real_down(u128 units) {
    numeric::real out;
    mpfr_ptr x = out.backend().data();
    mpfr_set_ui(x, static_cast<unsigned long>(units >> 64), MPFR_RNDD);
    mpfr_mul_2ui(x, x, 64, MPFR_RNDD);
    mpfr_add_ui(x, x, static_cast<unsigned long>(units), MPFR_RNDD);
    mpfr_div_2ui(x, x, 128, MPFR_RNDD);
    return out;
}

u128 near_threshold_units(double margin) {
    const u128 beyond_every_distance = (u128{1} << 127) + 1;
    if (!(margin < 2)) return beyond_every_distance;
    if (margin <= 0) return 0;
    const double x = std::sqrt(margin / 8) * (1 + 1e-12);
    if (x >= 0.5) return beyond_every_distance;
    return static_cast<u128>(std::ldexp(x, 128)) + 1;
}

double approximate_margin(u128 units) {
    const double s = std::sin(std::numbers::pi * units_to_double(units));
    return 2 * s * s;
}

}  // namespace ropecheck::probes::detail
