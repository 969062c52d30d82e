// The continued fraction of an enclosure: known expansions (1 / (2 pi), the
// golden ratio, an integer part), honest stops (a rational inside the
// enclosure, too little precision), and the three distance formula for the
// largest gap on a case worked by hand.
#include <boost/test/unit_test.hpp>
#include <cstdint>
#include <vector>

#include "ropecheck/numeric/certainty.hpp"
#include "ropecheck/numeric/precision_guard.hpp"
#include "ropecheck/probes/continued_fraction.hpp"
#include "../support/interval_near.hpp"

using namespace ropecheck;
using numeric::interval;
using probes::ExpansionEnd;

namespace {

using ropecheck::test::near;

interval one_over_two_pi() {
    interval pi;
    mpfi_const_pi(pi.backend().data());
    return interval(1) / (interval(2) * pi);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(continued_fraction)

// 1 / (2 pi) = [0; 6, 3, 1, 1, 7, 2, 146, 3, 6, ...]: the denominators are the
// numerators of the convergents of 2 pi (6, 19, 25, 44, 333, 710, 103993, 312689)
// and the numerators count the whole turns (1, 3, 4, 7, 53, 113, 16551, 49766).
BOOST_AUTO_TEST_CASE(one_over_two_pi_matches_the_convergents_of_two_pi) {
    numeric::PrecisionGuard guard(128);
    const auto cf = probes::expand_continued_fraction(one_over_two_pi(), 400000);
    BOOST_TEST((cf.end == ExpansionEnd::beyond_limit));
    BOOST_TEST(cf.integer_part == 0);
    const std::vector<std::int64_t> a{6, 3, 1, 1, 7, 2, 146, 3};
    BOOST_TEST(cf.quotients == a, boost::test_tools::per_element());
    const std::vector<std::int64_t> q{1, 6, 19, 25, 44, 333, 710, 103993, 312689};
    const std::vector<std::int64_t> p{0, 1, 3, 4, 7, 53, 113, 16551, 49766};
    BOOST_REQUIRE_EQUAL(cf.convergents.size(), q.size());
    for (std::size_t k = 0; k < q.size(); ++k) {
        BOOST_TEST(cf.convergents[k].q == q[k]);
        BOOST_TEST(cf.convergents[k].p == p[k]);
        BOOST_TEST(numeric::certainly_positive(cf.convergents[k].theta));
    }
    // theta_k q_{k+1} lies in (1/2, 1): the classical bounds 1/(q_k + q_{k+1}) < theta_k < 1/q_{k+1}.
    for (std::size_t k = 0; k + 1 < q.size(); ++k) {
        const interval scaled = cf.convergents[k].theta * interval(static_cast<long long>(q[k + 1]));
        BOOST_TEST(numeric::upper_bound(scaled) < 1);
        BOOST_TEST(numeric::lower_bound(scaled) > 0.5);
    }
    // The next quotient is a_9 = 6 (q_9 = 6 * 312689 + 103993 = 1980127 > 400000).
    BOOST_TEST(cf.next_quotient_low == 6);
    BOOST_TEST(cf.next_quotient_high == 6);
}

// (sqrt 5 - 1) / 2 = [0; 1, 1, 1, ...]: Fibonacci denominators.
BOOST_AUTO_TEST_CASE(golden_ratio_has_fibonacci_denominators) {
    numeric::PrecisionGuard guard(128);
    const interval phi = (sqrt(interval(5)) - interval(1)) / interval(2);
    const auto cf = probes::expand_continued_fraction(phi, 1000);
    BOOST_TEST((cf.end == ExpansionEnd::beyond_limit));
    std::vector<std::int64_t> fibonacci{1, 1};  // q_0 = q_1 = 1
    while (fibonacci.back() + fibonacci[fibonacci.size() - 2] <= 1000)
        fibonacci.push_back(fibonacci.back() + fibonacci[fibonacci.size() - 2]);
    std::vector<std::int64_t> q;
    for (const auto& c : cf.convergents) q.push_back(c.q);
    BOOST_TEST(q == fibonacci, boost::test_tools::per_element());
    for (std::int64_t a : cf.quotients) BOOST_TEST(a == 1);
    BOOST_TEST(cf.convergents.back().q == 987);
}

BOOST_AUTO_TEST_CASE(integer_part_is_split_off) {
    numeric::PrecisionGuard guard(128);
    const auto cf = probes::expand_continued_fraction(interval(23) / interval(10), 100);  // 2.3 = [2; 3, 3]
    BOOST_TEST(cf.integer_part == 2);
    BOOST_REQUIRE(cf.quotients.size() >= 1u);
    BOOST_TEST(cf.quotients[0] == 3);
}

// 3/7 = [0; 2, 3]: the enclosure of 3/7 decides a_1 = 2 but its complete
// quotient zeta_2 straddles 3, so the expansion stops there instead of guessing.
BOOST_AUTO_TEST_CASE(a_rational_inside_the_enclosure_stops_the_expansion) {
    numeric::PrecisionGuard guard(128);
    const auto cf = probes::expand_continued_fraction(interval(3) / interval(7), 100);
    BOOST_TEST((cf.end == ExpansionEnd::undecided));
    BOOST_REQUIRE_EQUAL(cf.quotients.size(), 1u);
    BOOST_TEST(cf.quotients[0] == 2);
    BOOST_TEST(cf.next_quotient_low == 2);
    BOOST_TEST(cf.next_quotient_high == 3);
    // Exactly 1 (a point enclosure) has no fractional part: a_1 is "infinite",
    // so the expansion ends at once, beyond any limit.
    const auto whole = probes::expand_continued_fraction(interval(1), 100);
    BOOST_TEST(whole.integer_part == 1);
    BOOST_TEST((whole.end == ExpansionEnd::beyond_limit));
    BOOST_TEST(whole.convergents.size() == 1u);
}

// Each quotient needs about 2 log2 q bits, so at 53 bits the expansion of
// 1 / (2 pi) must stop undecided long before q = 10^15, and decide it at 256.
BOOST_AUTO_TEST_CASE(too_little_precision_stops_undecided) {
    interval alpha;
    {
        numeric::PrecisionGuard guard(53);
        alpha = one_over_two_pi();
        const auto low = probes::expand_continued_fraction(alpha, 1'000'000'000'000'000);
        BOOST_TEST((low.end == ExpansionEnd::undecided));
        BOOST_TEST(low.convergents.back().q < 10'000'000'000);
    }
    numeric::PrecisionGuard guard(256);
    const auto high = probes::expand_continued_fraction(one_over_two_pi(), 1'000'000'000'000'000);
    BOOST_TEST((high.end == ExpansionEnd::beyond_limit));
}

// alpha = 0.3001 = [0; 3, 3, 99, 1, ...] (theta: 0.3001, 0.0997, 0.001, 0.0007),
// worked by hand from the sorted points {0, .3001, .6002, .9003, .2004, .5005, ...}:
// N = 0..12 leave largest gaps 1, .6999, .3998, .3001 (x3), .2004 (x3), .1007 (x3), .0997.
BOOST_AUTO_TEST_CASE(largest_gap_formula_matches_the_hand_computed_case) {
    numeric::PrecisionGuard guard(128);
    const auto cf = probes::expand_continued_fraction(interval(3001) / interval(10000), 2000);
    const std::vector<std::int64_t> a{3, 3, 99};
    BOOST_REQUIRE(cf.quotients.size() >= 3u);
    BOOST_TEST(std::vector<std::int64_t>(cf.quotients.begin(), cf.quotients.begin() + 3) == a,
               boost::test_tools::per_element());
    const std::vector<double> expected{1, .6999, .3998, .3001, .3001, .3001, .2004, .2004, .2004, .1007, .1007, .1007,
                                       .0997};
    for (std::size_t n = 0; n < expected.size(); ++n) {
        const auto gap = probes::largest_gap_in_turns(cf, static_cast<std::int64_t>(n));
        BOOST_REQUIRE(gap.has_value());
        BOOST_TEST_CONTEXT("N = " << n) { BOOST_TEST(near(*gap, expected[n], 1e-12)); }
    }
    // Block k = 2 (13 <= n < 1003 points): theta_1 - (floor((n - 3) / 10) - 1) theta_2.
    const auto gap = probes::largest_gap_in_turns(cf, 500);  // n = 501, m = 49
    BOOST_REQUIRE(gap.has_value());
    BOOST_TEST(near(*gap, 0.0997 - 48 * 0.001, 1e-12));
    // Beyond the expansion's limit the formula does not guess.
    BOOST_TEST(!probes::largest_gap_in_turns(cf, 5000).has_value());
}

BOOST_AUTO_TEST_SUITE_END()
