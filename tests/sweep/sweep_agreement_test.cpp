// The fast certified sweep against the plain MPFI sweep (every distance
// through the kernel): identical answers and overlapping enclosures on
// randomised schedules and ranges; and answers known independently from the
// continued fraction of 2 pi.
#include <boost/test/unit_test.hpp>

#include "../support/test_multiplier.hpp"
#include <cstdlib>
#include <random>

#include "ropecheck/numeric/certainty.hpp"
#include "ropecheck/numeric/precision_guard.hpp"
#include "ropecheck/rope/frequency_schedule.hpp"
#include "ropecheck/sweep/sweep.hpp"

using namespace ropecheck;
using numeric::interval;

namespace {


std::vector<interval> frequencies(const std::string& theta, int d) {
    return rope::FrequencySchedule::rope(theta, d).frequencies<interval>();
}

std::vector<interval> random_coefficients(std::mt19937_64& rng, std::size_t n) {
    std::normal_distribution<double> normal;
    std::vector<interval> out;
    for (std::size_t i = 0; i < n; ++i) out.emplace_back(normal(rng));
    return out;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(sweep_agreement)

// Numerators of the convergents of 2 pi: 6, 19, 25, 44, 333, 710, 103993, 312689, ...
// The distance r <= N closest to a multiple of 2 pi is the largest of them <= N.
BOOST_AUTO_TEST_CASE(closest_return_of_g1_is_a_convergent_of_two_pi) {
    numeric::PrecisionGuard guard(128);
    const auto series = sweep::ReturnMarginSeries::unit({interval(1)});
    const std::vector<std::pair<std::int64_t, std::int64_t>> cases{
        {400, 333}, {1000, 710}, {100000, 710}, {200000, 103993}, {1000000, 312689}};
    for (const auto& [n, expected] : cases) {
        const auto fast = sweep::minimum_of(series, 1, n);
        BOOST_TEST_CONTEXT("N = " << n) {
            BOOST_TEST(fast.argmin == expected);
            BOOST_TEST(fast.argmin_certified);
            BOOST_TEST(fast.stats.escalated < 100u);
        }
    }
}

BOOST_AUTO_TEST_CASE(fast_and_exact_minimum_agree_on_random_schedules) {
    numeric::PrecisionGuard guard(128);
    std::mt19937_64 rng(20241006);
    const std::vector<std::string> thetas{"10000", "500000", "2", "1000000"};
    for (int trial = 0; trial < 6 * ropecheck::test::test_multiplier(); ++trial) {
        const int d = 2 * (1 + static_cast<int>(rng() % 16));
        const auto g = frequencies(thetas[rng() % thetas.size()], d);
        const std::int64_t first = static_cast<std::int64_t>(rng() % 100000) - 50000;
        const std::int64_t last = first + 1 + static_cast<std::int64_t>(rng() % 3000);
        const sweep::ReturnMarginSeries margin{g, std::vector<interval>(g.size(), interval(1))};
        const auto cosine = sweep::CosineSeries{g, random_coefficients(rng, g.size()), random_coefficients(rng, g.size())};
        sweep::SweepOptions exact;
        exact.exact_only = true;
        BOOST_TEST_CONTEXT("trial " << trial << " d = " << d << " range [" << first << ", " << last << "]") {
            const auto mf = sweep::minimum_of(margin, first, last), me = sweep::minimum_of(margin, first, last, exact);
            BOOST_TEST(mf.argmin == me.argmin);
            BOOST_TEST(mf.rivals == me.rivals);
            BOOST_TEST(numeric::overlaps(mf.minimum, me.minimum));
            const auto cf = sweep::minimum_of(cosine, first, last), ce = sweep::minimum_of(cosine, first, last, exact);
            BOOST_TEST(cf.argmin == ce.argmin);
            BOOST_TEST(numeric::overlaps(cf.minimum, ce.minimum));
            BOOST_TEST(cf.stats.escalated < ce.stats.escalated);
            // First crossing below a threshold set near the middle of the values.
            const interval threshold = (cf.minimum + cosine.exact_at(first)) / interval(2);
            const auto bf = sweep::first_below(cosine, threshold, first, last);
            const auto be = sweep::first_below(cosine, threshold, first, last, exact);
            BOOST_TEST((bf.first == be.first));
            BOOST_TEST(bf.certified == be.certified);
        }
    }
}

BOOST_AUTO_TEST_CASE(answers_do_not_depend_on_thread_count) {
    numeric::PrecisionGuard guard(128);
    const auto g = frequencies("10000", 64);
    const auto series = sweep::ReturnMarginSeries::unit(g);
    sweep::SweepOptions one, two;
    one.threads = 1;
    two.threads = 2;
    const auto a = sweep::minimum_of(series, 1, 300000, one), b = sweep::minimum_of(series, 1, 300000, two);
    BOOST_TEST(a.argmin == b.argmin);
    BOOST_TEST(a.rivals == b.rivals);
    BOOST_TEST(a.stats.escalated == b.stats.escalated);
    BOOST_TEST((numeric::is_equal(a.minimum, b.minimum) != numeric::Certainty::certainly_not));
}

BOOST_AUTO_TEST_CASE(aligned_sum_first_goes_negative_where_exhaustive_search_says) {
    numeric::PrecisionGuard guard(128);
    // A single low frequency: cos(r g) first drops below 0 at r = floor(pi / (2 g)) + 1.
    const interval g = interval(1) / interval(1000);
    const auto series = sweep::CosineSeries::aligned_unit({g});
    const auto crossing = sweep::first_below(series, interval(0), 1, 100000);
    BOOST_REQUIRE(crossing.first.has_value());
    BOOST_TEST(*crossing.first == 1571);  // pi/2 * 1000 = 1570.796...
    BOOST_TEST(crossing.certified);
    const auto none = sweep::first_below(series, interval(0), 1, 1570);
    BOOST_TEST(!none.first.has_value());
    BOOST_TEST(none.certified);
}

BOOST_AUTO_TEST_CASE(bad_ranges_throw) {
    const auto series = sweep::ReturnMarginSeries::unit({interval(1)});
    BOOST_CHECK_THROW(sweep::minimum_of(series, 5, 4), std::invalid_argument);
    BOOST_CHECK_THROW(sweep::minimum_of(series, 0, std::int64_t{1} << 53), std::invalid_argument);
    const sweep::ReturnMarginSeries negative{{interval(1)}, {interval(-1)}};
    BOOST_CHECK_THROW(sweep::minimum_of(negative, 1, 10), std::invalid_argument);
}

BOOST_AUTO_TEST_SUITE_END()
