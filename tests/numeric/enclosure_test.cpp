// numeric/enclosure.hpp: pi against MPFR's pi at a far higher precision,
// [lower, upper], hull, common part, identical.
#include <boost/test/unit_test.hpp>

#include <mpfr.h>

#include <cmath>

#include "ropecheck/numeric/certainty.hpp"
#include "ropecheck/numeric/enclosure.hpp"
#include "ropecheck/numeric/precision_guard.hpp"

namespace numeric = ropecheck::numeric;
using numeric::interval;
using numeric::real;

namespace {

interval between_doubles(double lo, double hi) { return numeric::between(real(lo), real(hi)); }

// Does the enclosure x (any precision) contain pi? Compared exactly (mpfr_cmp)
// with MPFR's own pi at 4000 bits rounded down and up: [low, high] holds pi, and
// x's endpoints, of about 1000 bits, cannot fall inside that 2^-3998-wide
// interval (pi would need ~3000 equal binary digits in a row there).
bool holds_pi(mpfi_srcptr x) {
    mpfr_t low, high, end;
    mpfr_inits2(4000, low, high, static_cast<mpfr_ptr>(nullptr));
    mpfr_init2(end, mpfi_get_prec(x));
    mpfr_const_pi(low, MPFR_RNDD);
    mpfr_const_pi(high, MPFR_RNDU);
    mpfi_get_left(end, x);
    bool ok = mpfr_cmp(end, low) <= 0;
    mpfi_get_right(end, x);
    ok = ok && mpfr_cmp(end, high) >= 0;
    mpfr_clears(low, high, end, static_cast<mpfr_ptr>(nullptr));
    return ok;
}

// The width of x in units of 2^(2 - precision), an ulp of a number in [2, 4).
double width_in_ulps(mpfi_srcptr x) {
    mpfr_t w;
    mpfr_init2(w, 64);
    mpfi_diam_abs(w, x);
    const double ulps = std::ldexp(mpfr_get_d(w, MPFR_RNDU), static_cast<int>(mpfi_get_prec(x)) - 2);
    mpfr_clear(w);
    return ulps;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(enclosure)

BOOST_AUTO_TEST_CASE(pi_contains_pi_at_1000_bits) {
    numeric::PrecisionGuard guard(1000);
    const interval p = numeric::pi();
    BOOST_TEST(mpfi_get_prec(p.backend().data()) >= 1000);
    BOOST_TEST(holds_pi(p.backend().data()));
    BOOST_TEST(width_in_ulps(p.backend().data()) <= 1.0);
    const interval tau = numeric::two_pi();
    BOOST_TEST((numeric::lower_bound(tau) == 2 * numeric::lower_bound(p)));
    BOOST_TEST((numeric::upper_bound(tau) == 2 * numeric::upper_bound(p)));
}

BOOST_AUTO_TEST_CASE(raw_pi_takes_the_precision_of_its_argument) {
    mpfi_t x;
    mpfi_init2(x, 200);
    numeric::enclose_pi(x);
    BOOST_TEST(holds_pi(x));
    BOOST_TEST(width_in_ulps(x) <= 1.0);
    mpfi_clear(x);
}

BOOST_AUTO_TEST_CASE(between_hull_common_part_identical) {
    numeric::PrecisionGuard guard(64);
    const interval x = numeric::between(real(-1), real(3));
    BOOST_TEST((numeric::lower_bound(x) == -1));
    BOOST_TEST((numeric::upper_bound(x) == 3));
    // An endpoint finer than the precision is rounded outward.
    real third;
    {
        numeric::PrecisionGuard fine(256);
        third = real(1) / 3;
    }
    const interval t = numeric::between(third, third);
    BOOST_TEST(numeric::contains(t, third));
    BOOST_TEST((numeric::lower_bound(t) < numeric::upper_bound(t)));

    const interval h = numeric::hull(between_doubles(1, 2), between_doubles(5, 7));
    BOOST_TEST((numeric::lower_bound(h) == 1));
    BOOST_TEST((numeric::upper_bound(h) == 7));

    const auto c = numeric::common_part(between_doubles(1, 5), between_doubles(4, 7));
    BOOST_TEST_REQUIRE(c.has_value());
    BOOST_TEST((numeric::lower_bound(*c) == 4));
    BOOST_TEST((numeric::upper_bound(*c) == 5));
    BOOST_TEST(!numeric::common_part(between_doubles(1, 2), between_doubles(3, 4)).has_value());
    const auto touch = numeric::common_part(between_doubles(1, 2), between_doubles(2, 4));
    BOOST_TEST_REQUIRE(touch.has_value());
    BOOST_TEST(numeric::identical(*touch, between_doubles(2, 2)));

    BOOST_TEST(numeric::identical(between_doubles(1, 2), between_doubles(1, 2)));
    BOOST_TEST(!numeric::identical(between_doubles(1, 2), between_doubles(1, 3)));
    BOOST_TEST(!numeric::identical(between_doubles(0, 2), between_doubles(1, 2)));
}

BOOST_AUTO_TEST_SUITE_END()
