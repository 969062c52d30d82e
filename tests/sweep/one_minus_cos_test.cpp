// sweep::one_minus_cos against MPFR at 256 bits (1 - cos x = 2 sin^2(x / 2),
// no cancellation): its enclosure must hold the exact value for every float
// tried, near multiples of 2 pi (where the value is tiny and relative error
// matters), for large angles up to 2^40 and beyond the supported 2^50.
#include <boost/test/unit_test.hpp>

#include <mpfr.h>

#include <cmath>
#include <limits>
#include <random>

#include "../support/test_multiplier.hpp"
#include "ropecheck/sweep/one_minus_cos.hpp"

using ropecheck::sweep::one_minus_cos;

namespace {

// 1 - cos(x) as an MPFR number at 256 bits (rounded to nearest: the enclosure
// ends are compared with margins far above 2^-256 relative).
struct Exact {
    mpfr_t v;
    explicit Exact(float x) {
        mpfr_init2(v, 256);
        mpfr_set_flt(v, x, MPFR_RNDN);  // exact
        mpfr_div_ui(v, v, 2, MPFR_RNDN);
        mpfr_sin(v, v, MPFR_RNDN);
        mpfr_sqr(v, v, MPFR_RNDN);
        mpfr_mul_ui(v, v, 2, MPFR_RNDN);
    }
    ~Exact() { mpfr_clear(v); }
    bool within(double lo, double hi) const { return mpfr_cmp_d(v, lo) >= 0 && mpfr_cmp_d(v, hi) <= 0; }
};

}  // namespace

BOOST_AUTO_TEST_SUITE(one_minus_cos_bound)

BOOST_AUTO_TEST_CASE(encloses_the_exact_value) {
    std::mt19937_64 rng(2024);
    std::vector<float> xs{0.0F, 1.0F, -1.0F, 0x1p-20F, 3.14159265F, 6.28318531F, 710.0F, 44.0F, 355.0F,
                          103993.0F, 312689.0F, 0x1p40F, -0x1p40F, 0x1p50F};
    // float32 angles r * inv near returns of inv = 1, 0.1, 1e-4 (the pipeline's angles).
    for (float inv : {1.0F, 0.1F, 1e-4F})
        for (std::int64_t r : {7, 44, 710, 103993, 312689, 4272943, 80143857})
            for (std::int64_t dr = -2; dr <= 2; ++dr) xs.push_back(static_cast<float>(r + dr) * inv);
    std::uniform_real_distribution<double> exponent(-30, 40);
    const int n = 20000 * ropecheck::test::test_multiplier();
    for (int i = 0; i < n; ++i) {
        const float x = static_cast<float>(std::exp2(exponent(rng))) * ((rng() & 1) ? 1.0F : -1.0F);
        xs.push_back(x);
    }
    double widest = 0;  // (upper - lower) / exact where exact > 2^-26 (where screens look)
    int failures = 0;
    for (float x : xs) {
        const auto e = one_minus_cos(x);
        const Exact exact(x);
        if (!exact.within(e.lower, e.upper)) {
            if (++failures <= 5) BOOST_ERROR("x = " << x << ": exact outside [" << e.lower << ", " << e.upper << "]");
        }
        const double v = mpfr_get_d(exact.v, MPFR_RNDN);
        if (v > 0x1p-26) widest = std::max(widest, (e.upper - e.lower) / v);
        BOOST_TEST(e.lower >= 0.0);
        BOOST_TEST(e.upper <= 2.0);
    }
    BOOST_TEST_MESSAGE(xs.size() << " floats, relative width of the widest enclosure " << widest);
    BOOST_TEST(failures == 0);
    BOOST_TEST(widest < 1e-10);  // a screen at 2^-25 loses nothing to the bound
}

BOOST_AUTO_TEST_CASE(beyond_the_supported_range_says_nothing) {
    for (float x : {0x1p51F, -0x1p60F, std::numeric_limits<float>::infinity(), std::numeric_limits<float>::quiet_NaN()}) {
        const auto e = one_minus_cos(x);
        BOOST_TEST(e.lower == 0.0);
        BOOST_TEST(e.upper == 2.0);
    }
}

BOOST_AUTO_TEST_SUITE_END()
