// sweep::count_below against the plain MPFI sweep (every distance through the kernel, counted
// here one by one) on randomised schedules, coefficients and thresholds, across block
// boundaries; against first_below; and for any thread count.
#include <boost/test/unit_test.hpp>

#include <random>

#include "ropecheck/numeric/certainty.hpp"
#include "ropecheck/numeric/precision_guard.hpp"
#include "ropecheck/rope/frequency_schedule.hpp"
#include "ropecheck/sweep/sweep.hpp"

using namespace ropecheck;
using numeric::interval;

BOOST_AUTO_TEST_SUITE(count_below)

BOOST_AUTO_TEST_CASE(count_is_the_distance_by_distance_count) {
    numeric::PrecisionGuard guard(128);
    std::mt19937_64 rng(20261201);
    std::normal_distribution<double> normal;
    const std::vector<std::string> thetas{"10000", "500000", "2"};
    for (int trial = 0; trial < 6; ++trial) {
        const int d = 2 * (1 + static_cast<int>(rng() % 12));
        const auto g = rope::FrequencySchedule::rope(thetas[rng() % thetas.size()], d).frequencies<interval>();
        std::vector<interval> a, b;
        for (std::size_t i = 0; i < g.size(); ++i) {
            a.emplace_back(normal(rng));
            b.emplace_back(normal(rng));
        }
        const sweep::CosineSeries series{g, a, b};
        // Ranges of a few blocks (1024 distances each), starting anywhere.
        const std::int64_t first = static_cast<std::int64_t>(rng() % 5000) - 2500;
        const std::int64_t last = first + 1500 + static_cast<std::int64_t>(rng() % 2500);
        const interval threshold(normal(rng) * 0.5);
        std::uint64_t expected = 0;
        std::vector<std::int64_t> least;
        for (std::int64_t r = first; r <= last; ++r) {
            const auto below = numeric::is_less(series.exact_at(r), threshold);
            BOOST_REQUIRE(below != numeric::Certainty::unknown);
            if (below == numeric::Certainty::certainly) {
                ++expected;
                if (least.size() < 5) least.push_back(r);
            }
        }
        BOOST_TEST_CONTEXT("trial " << trial << " d = " << d << " [" << first << ", " << last << "]") {
            const auto fast = sweep::count_below(series, threshold, first, last, 5);
            BOOST_TEST(fast.certified);
            BOOST_TEST(fast.count == expected);
            BOOST_TEST(fast.least == least, boost::test_tools::per_element());
            BOOST_TEST(fast.stats.distances == static_cast<std::uint64_t>(last - first + 1));
            sweep::SweepOptions exact;
            exact.exact_only = true;
            BOOST_TEST(sweep::count_below(series, threshold, first, last, 5, exact).count == expected);
            const auto crossing = sweep::first_below(series, threshold, first, last);
            BOOST_TEST((crossing.first == (least.empty() ? std::nullopt : std::optional<std::int64_t>(least.front()))));
            if (!least.empty()) BOOST_TEST(numeric::overlaps(fast.value_at_first, series.exact_at(least.front())));
        }
    }
}

BOOST_AUTO_TEST_CASE(answers_do_not_depend_on_thread_count) {
    numeric::PrecisionGuard guard(128);
    const auto g = rope::FrequencySchedule::rope("310000", 128).frequencies<interval>();
    const auto series = sweep::CosineSeries::aligned_unit(g);
    sweep::SweepOptions one, two;
    one.threads = 1;
    two.threads = 2;
    const auto a = sweep::count_below(series, interval(0), 0, 40000, 16, one);
    const auto b = sweep::count_below(series, interval(0), 0, 40000, 16, two);
    BOOST_TEST(a.certified);
    BOOST_TEST(a.count == b.count);
    BOOST_TEST(a.least == b.least, boost::test_tools::per_element());
    BOOST_TEST(a.stats.escalated == b.stats.escalated);
    BOOST_TEST(a.count > 0u);  // Men et al.'s 16k base fails before 40000 (literature-men-table-2)
}

BOOST_AUTO_TEST_CASE(bad_ranges_are_rejected) {
    const auto series = sweep::CosineSeries::aligned_unit({interval(1)});
    BOOST_CHECK_THROW(sweep::count_below(series, interval(0), 5, 4), std::invalid_argument);
}

BOOST_AUTO_TEST_SUITE_END()
