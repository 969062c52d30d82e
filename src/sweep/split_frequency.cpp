#include "split_frequency.hpp"
#include "ropecheck/numeric/enclosure.hpp"

#include <mpfi.h>

#include <algorithm>

namespace ropecheck::sweep::detail {
namespace {

constexpr mpfr_prec_t work_bits = 256;

// Rounds `x` to `bits` significant bits (nearest) and returns it as a double.
double round_to_bits(const mpfr_t x, mpfr_prec_t bits) {
    mpfr_t y;
    mpfr_init2(y, bits);
    mpfr_set(y, x, MPFR_RNDN);
    const double d = mpfr_get_d(y, MPFR_RNDN);  // exact: bits <= 53
    mpfr_clear(y);
    return d;
}

// sup |enclosure - value|, rounded up to a double.
double distance_bound(const mpfi_t enclosure, double value) {
    mpfi_t diff;
    mpfi_init2(diff, work_bits);
    mpfi_sub_d(diff, enclosure, value);
    mpfr_t lo, hi;
    mpfr_inits2(work_bits, lo, hi, static_cast<mpfr_ptr>(nullptr));
    mpfi_get_left(lo, diff);
    mpfi_get_right(hi, diff);
    mpfr_abs(lo, lo, MPFR_RNDU);
    mpfr_abs(hi, hi, MPFR_RNDU);
    const double bound = std::max(mpfr_get_d(lo, MPFR_RNDU), mpfr_get_d(hi, MPFR_RNDU));
    mpfr_clears(lo, hi, static_cast<mpfr_ptr>(nullptr));
    mpfi_clear(diff);
    return bound;
}

}  // namespace

SplitFrequency split_frequency(const numeric::interval& g) {
    mpfi_t f, two_pi;
    mpfi_init2(f, work_bits);
    mpfi_init2(two_pi, work_bits);
    numeric::enclose_pi(two_pi);
    mpfi_mul_ui(two_pi, two_pi, 2);
    mpfi_set(f, g.backend().data());
    mpfi_div(f, f, two_pi);

    mpfr_t mid, rest;
    mpfr_inits2(work_bits, mid, rest, static_cast<mpfr_ptr>(nullptr));
    mpfi_mid(mid, f);
    SplitFrequency s;
    s.f1 = round_to_bits(mid, 22);
    mpfr_sub_d(rest, mid, s.f1, MPFR_RNDN);  // exact at 256 bits
    s.f2 = round_to_bits(rest, 22);
    mpfr_sub_d(rest, rest, s.f2, MPFR_RNDN);
    s.f3 = mpfr_get_d(rest, MPFR_RNDN);

    // delta >= sup |f - (f1 + f2 + f3)|: subtract the three parts in interval
    // arithmetic, each subtraction exact or enclosed.
    mpfi_sub_d(f, f, s.f1);
    mpfi_sub_d(f, f, s.f2);
    s.delta = distance_bound(f, s.f3);
    mpfr_clears(mid, rest, static_cast<mpfr_ptr>(nullptr));
    mpfi_clear(f);
    mpfi_clear(two_pi);
    return s;
}

DoubleWithError to_double_with_error(const numeric::interval& x) {
    mpfr_t mid;
    mpfr_init2(mid, work_bits);
    mpfi_mid(mid, x.backend().data());
    DoubleWithError out;
    out.value = mpfr_get_d(mid, MPFR_RNDN);
    mpfr_clear(mid);
    out.error = distance_bound(x.backend().data(), out.value);
    return out;
}

}  // namespace ropecheck::sweep::detail
