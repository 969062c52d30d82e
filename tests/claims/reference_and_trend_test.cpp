// The two support pieces the group-A claims (prop-3.2, fig-2, su-decay-bound) decide
// with: the second route to RoPE's frequencies and all-ones curve, checked against
// values computed independently with mpmath at 40 digits (script and values in
// docs/claims-group-a.md), and the no-trend t test, checked against a hand-computed
// value and against injected trends (so a statistic that returned 0 would fail).
#include <boost/test/unit_test.hpp>

#include <cmath>
#include <stdexcept>

#include "../../src/claims/support/reference_frequencies.hpp"
#include "../../src/claims/support/trend_test.hpp"
#include "ropecheck/numeric/certainty.hpp"
#include "ropecheck/numeric/precision_guard.hpp"
#include "ropecheck/rope/frequency_schedule.hpp"

using ropecheck::numeric::enclose_decimal;
using ropecheck::numeric::interval;
namespace support = ropecheck::claims::support;

namespace {

// |x - value| <= tolerance for every point of x.
bool near(const interval& x, const char* value, const char* tolerance) {
    const interval deviation = abs(x - enclose_decimal(value));
    return ropecheck::numeric::certainly_negative(deviation - enclose_decimal(tolerance));
}

}  // namespace

BOOST_AUTO_TEST_SUITE(reference_and_trend)

BOOST_AUTO_TEST_CASE(reference_frequencies_match_mpmath) {
    ropecheck::numeric::PrecisionGuard guard(128);
    const auto gemma = support::reference_rope_frequencies("10000", 256);
    BOOST_REQUIRE_EQUAL(gemma.size(), 128u);
    BOOST_TEST(near(gemma[0], "1", "1e-35"));
    BOOST_TEST(near(gemma[118], "0.0002053525026457146074605752", "1e-28"));  // g_119
    BOOST_TEST(near(gemma[127], "0.0001074607828321317497215942", "1e-28"));  // g_128
    const auto llama = support::reference_rope_frequencies("500000", 128);
    BOOST_TEST(near(llama[40], "0.0002742481756762073182533226", "1e-28"));  // g_41
    const auto small = support::reference_rope_frequencies("10000", 4);
    BOOST_TEST(near(small[1], "0.01", "1e-35"));
    BOOST_TEST(support::reference_rope_frequencies("10000", 2).size() == 1u);
}

// The second route agrees with the schedule everywhere (overlapping enclosures).
BOOST_AUTO_TEST_CASE(reference_frequencies_enclose_the_schedule) {
    ropecheck::numeric::PrecisionGuard guard(128);
    for (int d : {2, 8, 64, 256, 1024})
        for (const char* theta : {"10000", "500000", "1.5"}) {
            const auto reference = support::reference_rope_frequencies(theta, d);
            const auto schedule = ropecheck::rope::FrequencySchedule::rope(theta, d).frequencies<interval>();
            for (std::size_t k = 0; k < schedule.size(); ++k)
                BOOST_TEST(ropecheck::numeric::overlaps(reference[k], schedule[k]),
                           "d = " << d << ", theta = " << theta << ", k = " << k + 1);
        }
}

// f(r) = (2/d) sum_k cos(r g_k) at theta = 10^4: mpmath values (docs/claims-group-a.md).
BOOST_AUTO_TEST_CASE(reference_all_ones_curve_matches_mpmath) {
    ropecheck::numeric::PrecisionGuard guard(128);
    const auto g1024 = support::reference_rope_frequencies("10000", 1024);
    BOOST_TEST(near(support::reference_all_ones_curve(g1024, 0), "1", "1e-30"));
    BOOST_TEST(near(support::reference_all_ones_curve(g1024, 1), "0.9735113839778101163553371", "1e-24"));
    BOOST_TEST(near(support::reference_all_ones_curve(g1024, 100), "0.4367963435440824116091689", "1e-24"));
    BOOST_TEST(near(support::reference_all_ones_curve(g1024, 1000), "0.1954077528221496205754657", "1e-24"));
    BOOST_TEST(near(support::reference_all_ones_curve(g1024, 5000), "-0.01043351115562482778866194", "1e-24"));
    const auto g256 = support::reference_rope_frequencies("10000", 256);
    BOOST_TEST(near(support::reference_all_ones_curve(g256, 100), "0.4561832114968159728323274", "1e-24"));
    BOOST_TEST(near(support::reference_all_ones_curve(g256, 5000), "-0.02946904738222488166523822", "1e-24"));
}

// x = 0..3, y = 0, 1, 3, 2: slope 4/5, residuals -0.3, -0.1, 1.1, -0.7, RSS 1.8,
// se = sqrt(1.8 / 2 / 5) = sqrt(0.18), t = 0.8 / sqrt(0.18).
BOOST_AUTO_TEST_CASE(slope_t_matches_a_hand_computation) {
    const double t = support::slope_t_statistic({0, 1, 2, 3}, {0, 1, 3, 2});
    BOOST_TEST(t == 0.8 / std::sqrt(0.18), boost::test_tools::tolerance(1e-12));
    BOOST_TEST(support::slope_t_statistic({0, 1, 2, 3}, {0, -1, -3, -2}) == -t, boost::test_tools::tolerance(1e-12));
    // A flat line is no trend; an exact line is an infinitely significant one.
    BOOST_TEST(support::slope_t_statistic({0, 1, 2}, {5, 5, 5}) == 0.0);
    BOOST_TEST(std::isinf(support::slope_t_statistic({0, 1, 2}, {1, 2, 3})));
    BOOST_CHECK_THROW(support::slope_t_statistic({0, 1}, {0, 1}), std::invalid_argument);
    BOOST_CHECK_THROW(support::slope_t_statistic({2, 2, 2}, {0, 1, 2}), std::invalid_argument);
}

// Student-t quantiles from a printed table: t_{0.975, 10} = 2.228139, t_{0.9995, 49} = 3.500443.
BOOST_AUTO_TEST_CASE(slope_t_threshold_is_the_student_quantile) {
    BOOST_TEST(support::slope_t_threshold(12, 0.05) == 2.228139, boost::test_tools::tolerance(1e-6));
    BOOST_TEST(support::slope_t_threshold(51, 0.001) == 3.500443, boost::test_tools::tolerance(1e-6));
}

// A trend injected into noise makes the test fire; the same noise alone does not.
BOOST_AUTO_TEST_CASE(injected_trend_fires_the_test) {
    std::vector<double> x, noise;
    for (int i = 0; i <= 50; ++i) {
        x.push_back(100.0 * i);
        noise.push_back(0.01 * std::sin(12.9898 * i + 0.5) + 0.007 * std::cos(78.233 * i));  // |noise| <= 0.017
    }
    const double threshold = support::slope_t_threshold(x.size(), 0.001);
    BOOST_TEST(std::abs(support::slope_t_statistic(x, noise)) < threshold);
    for (double total_rise : {0.05, -0.05, 0.2}) {
        std::vector<double> y = noise;
        for (std::size_t i = 0; i < y.size(); ++i) y[i] += total_rise * x[i] / x.back();
        const double t = support::slope_t_statistic(x, y);
        BOOST_TEST_CONTEXT("rise " << total_rise) {
            BOOST_TEST(std::abs(t) > threshold);
            BOOST_TEST((t > 0) == (total_rise > 0));
        }
    }
}

BOOST_AUTO_TEST_SUITE_END()
