// The filter's error bounds, measured: for many inputs the actual error of
// the double computations (against MPFR at 300 bits) must stay within the
// bound the code claims. A bound that is violated even once fails the test.
#include <boost/test/unit_test.hpp>

#include "../support/test_multiplier.hpp"
#include <cmath>
#include <cstdlib>
#include <random>

#include "../../src/sweep/fast_trig.hpp"
#include "../../src/sweep/split_frequency.hpp"
#include "ropecheck/numeric/precision_guard.hpp"
#include "ropecheck/rope/frequency_schedule.hpp"

namespace sd = ropecheck::sweep::detail;
using ropecheck::numeric::interval;

namespace {


double mpfr_error(double computed, void (*f)(mpfr_t, const mpfr_t), double x) {
    mpfr_t a, b;
    mpfr_inits2(300, a, b, static_cast<mpfr_ptr>(nullptr));
    mpfr_set_d(a, x, MPFR_RNDN);
    f(b, a);
    mpfr_sub_d(b, b, computed, MPFR_RNDN);
    const double e = std::fabs(mpfr_get_d(b, MPFR_RNDN));
    mpfr_clears(a, b, static_cast<mpfr_ptr>(nullptr));
    return e;
}

void exact_sin(mpfr_t out, const mpfr_t in) { mpfr_sin(out, in, MPFR_RNDN); }
void exact_cos(mpfr_t out, const mpfr_t in) { mpfr_cos(out, in, MPFR_RNDN); }

}  // namespace

BOOST_AUTO_TEST_SUITE(fast_trig)

BOOST_AUTO_TEST_CASE(polynomials_stay_within_their_bounds) {
    std::mt19937_64 rng(20241006);
    std::uniform_real_distribution<double> wide(-1.6, 1.6);
    double worst_sin = 0, worst_cos = 0;
    const int n = 20000 * ropecheck::test::test_multiplier();
    for (int i = 0; i < n; ++i) {
        // Every eighth input is tiny, where relative errors are hardest.
        double x = wide(rng);
        if (i % 8 == 0) x = std::ldexp(x, -static_cast<int>(rng() % 60));
        const double s = sd::sin_poly(x), c = sd::cos_poly(x);
        worst_sin = std::max(worst_sin, mpfr_error(s, exact_sin, x) / (sd::sin_relative_error * std::fabs(s)));
        worst_cos = std::max(worst_cos, mpfr_error(c, exact_cos, x) / sd::cos_absolute_error);
    }
    BOOST_TEST_MESSAGE("largest error / bound: sin " << worst_sin << ", cos " << worst_cos);
    BOOST_TEST(worst_sin <= 1.0);
    BOOST_TEST(worst_cos <= 1.0);
    BOOST_TEST(sd::sin_poly(0.0) == 0.0);
    BOOST_TEST(sd::cos_poly(0.0) == 1.0);
}

BOOST_AUTO_TEST_CASE(round_to_integer_is_nearest_even) {
    BOOST_TEST(sd::round_to_integer(2.5) == 2.0);
    BOOST_TEST(sd::round_to_integer(3.5) == 4.0);
    BOOST_TEST(sd::round_to_integer(-0.49999999999999994) == 0.0);
    BOOST_TEST(sd::round_to_integer(123456789.75) == 123456790.0);
}

// tau = r g / (2 pi) mod 1, reduced to [-1/2, 1/2], at 300 bits.
BOOST_AUTO_TEST_CASE(phase_reduction_stays_within_its_bound) {
    ropecheck::numeric::PrecisionGuard guard(128);
    std::mt19937_64 rng(7);
    double worst = 0;
    const auto schedule = ropecheck::rope::FrequencySchedule::rope("10000", 256);
    const auto freqs = schedule.frequencies<interval>();
    for (std::size_t k = 0; k < freqs.size(); k += 3) {
        const auto split = sd::split_frequency(freqs[k]);
        mpfr_t g, two_pi, tau;
        mpfr_inits2(300, g, two_pi, tau, static_cast<mpfr_ptr>(nullptr));
        mpfi_mid(g, freqs[k].backend().data());
        mpfr_const_pi(two_pi, MPFR_RNDN);
        mpfr_mul_ui(two_pi, two_pi, 2, MPFR_RNDN);
        for (int i = 0; i < 200 * ropecheck::test::test_multiplier(); ++i) {
            std::int64_t r = static_cast<std::int64_t>(rng() % sd::max_fast_distance);
            if (i % 2) r = -r;
            if (i % 16 == 0) r = 312689 * (1 + i % 5);  // near a return of g_1 = 1
            const double t = sd::reduced_phase(static_cast<double>(r), split);
            BOOST_REQUIRE(std::fabs(t) <= 0.5);
            mpfr_mul_si(tau, g, r, MPFR_RNDN);
            mpfr_div(tau, tau, two_pi, MPFR_RNDN);
            mpfr_t nearest;
            mpfr_init2(nearest, 300);
            mpfr_rint(nearest, tau, MPFR_RNDN);
            mpfr_sub(tau, tau, nearest, MPFR_RNDN);
            mpfr_sub_d(tau, tau, t, MPFR_RNDN);
            mpfr_clear(nearest);
            const double error = std::fabs(mpfr_get_d(tau, MPFR_RNDN));
            // Unit-distance wrap: t and tau may sit on either side of +-1/2.
            const double wrapped = std::min(error, std::fabs(1 - error));
            const double bound = sd::phase_relative_error * std::fabs(t) +
                                 sd::phase_error_absolute(std::fabs(static_cast<double>(r)), split);
            worst = std::max(worst, wrapped / bound);
        }
        mpfr_clears(g, two_pi, tau, static_cast<mpfr_ptr>(nullptr));
    }
    BOOST_TEST_MESSAGE("largest phase error / bound: " << worst);
    BOOST_TEST(worst <= 1.0);
}

BOOST_AUTO_TEST_SUITE_END()
