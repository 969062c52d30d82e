// The closest-return and density probes: the continued fraction method and the
// exhaustive one must agree exactly on every integer answer (random RoPE
// frequencies, random turns, random gaps), agree point by point on the largest
// gap, and reproduce answers worked out by hand.
#include <boost/test/unit_test.hpp>

#include "ropecheck/probes/probe_parameters.hpp"
#include "ropecheck/probes/probe_registry.hpp"

#include "../support/test_multiplier.hpp"
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <random>
#include <string>
#include <vector>

#include "ropecheck/numeric/certainty.hpp"
#include "ropecheck/numeric/decimal.hpp"
#include "ropecheck/numeric/invalid_input.hpp"
#include "ropecheck/numeric/precision_guard.hpp"
#include "ropecheck/probes/density.hpp"
#include "ropecheck/rope/frequency_schedule.hpp"
#include "../support/interval_near.hpp"

using namespace ropecheck;
using numeric::interval;
using probes::Method;

namespace {

using ropecheck::test::near;

int multiplier() { return ropecheck::test::test_multiplier(); }

interval two_pi() {
    interval pi;
    mpfi_const_pi(pi.backend().data());
    return interval(2) * pi;
}

// A frequency of exactly `turns` turns per token, enclosed.
interval frequency_of_turns(const interval& turns) { return turns * two_pi(); }

// A random frequency: a RoPE g_k (theta 10^4 or 5 10^5, d up to 256) whose
// wavelength stays below `max_wavelength` tokens, or g = 2 pi u for a random u.
interval random_frequency(std::mt19937_64& rng, double max_wavelength) {
    if (rng() % 4 == 0) {
        std::uniform_real_distribution<double> u(1.0 / max_wavelength, 1.0);
        return frequency_of_turns(interval(u(rng)));
    }
    const std::vector<std::string> thetas{"10000", "500000"};
    for (;;) {
        const int d = 2 * (1 + static_cast<int>(rng() % 128));
        const auto g = rope::FrequencySchedule::rope(thetas[rng() % 2], d).frequencies<interval>();
        const interval& pick = g[rng() % g.size()];
        if (numeric::upper_bound(two_pi() / pick) < max_wavelength) return pick;
    }
}

interval random_gap(std::mt19937_64& rng) {
    std::uniform_real_distribution<double> log_gap(std::log(0.005), std::log(3.0));
    return interval(std::exp(log_gap(rng)));
}

void require_both_agree(const interval& g, const interval& gap, std::int64_t max_length) {
    const auto cf = probes::density(g, gap, max_length, Method::continued_fraction);
    const auto ex = probes::density(g, gap, max_length, Method::exhaustive);
    BOOST_TEST(cf.certified, cf.undecided_reason);
    BOOST_TEST(ex.certified, ex.undecided_reason);
    BOOST_TEST((cf.least_length == ex.least_length));
    if (!cf.least_length || !ex.least_length) return;
    // At N(delta) the largest gap is certainly below delta, one point earlier certainly not.
    for (const auto* a : {&cf, &ex}) {
        BOOST_TEST(numeric::certainly_negative(a->largest_gap_at_answer - gap));
        BOOST_TEST((numeric::is_negative(a->largest_gap_before_answer - gap) == numeric::Certainty::certainly_not));
    }
    BOOST_TEST(numeric::overlaps(cf.largest_gap_at_answer, ex.largest_gap_at_answer));
    BOOST_TEST(numeric::overlaps(cf.largest_gap_before_answer, ex.largest_gap_before_answer));
}

}  // namespace

BOOST_AUTO_TEST_SUITE(density_probe)

// g = 1: the closest returns are the numerators of the convergents of 2 pi,
// |333 - 53 (2 pi)| = 0.0088212805.., |710 - 113 (2 pi)| = 6.0288706..e-5,
// |103993 - 16551 (2 pi)| = 1.9129335..e-5.
BOOST_AUTO_TEST_CASE(closest_returns_of_g1_are_convergents_of_two_pi) {
    numeric::PrecisionGuard guard(128);
    const std::vector<std::tuple<std::int64_t, std::int64_t, double>> cases{
        {400, 333, 0.0088212805180832770}, {1000, 710, 6.0288706728107442e-5}, {200000, 103993, 1.9129335779590421e-5}};
    for (const auto& [n, expected, distance] : cases) {
        for (Method m : {Method::continued_fraction, Method::exhaustive}) {
            const auto a = probes::closest_return(interval(1), n, m);
            BOOST_TEST_CONTEXT("N = " << n << ", " << probes::to_string(m)) {
                BOOST_TEST(a.closest_return == expected);
                BOOST_TEST(a.certified);
                BOOST_TEST(near(a.distance, distance, distance * 1e-12));
            }
        }
    }
    // N = 6 and 1: the first convergents 6 (|6 - 2 pi| = 0.2831853..) and r = 1 itself.
    BOOST_TEST(probes::closest_return(interval(1), 6).closest_return == 6);
    BOOST_TEST(probes::closest_return(interval(1), 5).closest_return == 1);
    BOOST_TEST(near(probes::closest_return(interval(1), 1, Method::exhaustive).distance, 1.0, 1e-15));
}

// alpha > 1/2 (a_1 = 1, q_0 = q_1 = 1): the nearest integer to alpha is 1, not 0.
BOOST_AUTO_TEST_CASE(closest_return_of_a_fast_turn_measures_to_the_nearer_whole_turn) {
    numeric::PrecisionGuard guard(128);
    const interval g = frequency_of_turns(interval(9) / interval(10) + interval(1) / interval(1000003));
    for (Method m : {Method::continued_fraction, Method::exhaustive}) {
        const auto a = probes::closest_return(g, 5, m);
        BOOST_TEST(a.closest_return == 1);
        BOOST_TEST(a.certified);
        BOOST_TEST(numeric::upper_bound(a.distance) < 0.63);  // 2 pi (0.1 - 1e-6), not 2 pi 0.9
    }
}

BOOST_AUTO_TEST_CASE(closest_returns_agree_on_random_frequencies) {
    numeric::PrecisionGuard guard(128);
    std::mt19937_64 rng(20250107);
    for (int trial = 0; trial < 60 * multiplier(); ++trial) {
        const interval g = random_frequency(rng, 1e7);
        const std::int64_t n = 1 + static_cast<std::int64_t>(rng() % (trial % 3 == 0 ? 1'000'000 : 20'000));
        const auto cf = probes::closest_return(g, n, Method::continued_fraction);
        const auto ex = probes::closest_return(g, n, Method::exhaustive);
        BOOST_TEST_CONTEXT("trial " << trial << ", g = " << numeric::decimal_midpoint(g) << ", N = " << n) {
            BOOST_TEST(cf.certified, cf.undecided_reason);
            BOOST_TEST(ex.certified, ex.undecided_reason);
            BOOST_TEST(cf.closest_return == ex.closest_return);
            BOOST_TEST(numeric::overlaps(cf.distance, ex.distance));
            BOOST_TEST(numeric::certainly_positive(cf.distance));
        }
    }
}

// At the least precision the enclosures are wide and some answers cannot be
// certified; what must never happen is two certified answers that differ.
BOOST_AUTO_TEST_CASE(certified_answers_never_disagree_at_low_precision) {
    numeric::PrecisionGuard guard(53);
    std::mt19937_64 rng(53);
    int both_certified = 0;
    for (int trial = 0; trial < 20 * multiplier(); ++trial) {
        const interval g = random_frequency(rng, 60000);
        const std::int64_t n = 1 + static_cast<std::int64_t>(rng() % 2'000'000);
        const auto a = probes::closest_return(g, n, Method::continued_fraction);
        const auto b = probes::closest_return(g, n, Method::exhaustive);
        const interval gap = random_gap(rng);
        const auto c = probes::density(g, gap, 200000, Method::continued_fraction);
        const auto d = probes::density(g, gap, 200000, Method::exhaustive);
        BOOST_TEST_CONTEXT("trial " << trial << ", g = " << numeric::decimal_midpoint(g) << ", N = " << n) {
            if (a.certified && b.certified) BOOST_TEST(a.closest_return == b.closest_return);
            if (c.certified && d.certified) BOOST_TEST((c.least_length == d.least_length));
            both_certified += (a.certified && b.certified) + (c.certified && d.certified);
        }
    }
    BOOST_TEST(both_certified > 20 * multiplier());  // most are still decided at 53 bits
}

// g = 2 pi 3/7 (enclosed): r = 7 returns exactly, so neither method can certify
// anything once N >= 7 (the enclosure holds the rational 3/7). Below 7 it is
// no better: r = 2 and r = 5 are both 1/7 turn from a whole turn at 3/7, and
// which is nearer flips with the side of 3/7 alpha lies on (a_2 is 2 or 3).
// Both methods name the smaller, r = 2, and neither certifies it.
BOOST_AUTO_TEST_CASE(a_rational_turn_is_never_certified) {
    numeric::PrecisionGuard guard(128);
    const interval g = frequency_of_turns(interval(3) / interval(7));
    const auto cf = probes::closest_return(g, 20, Method::continued_fraction);
    const auto ex = probes::closest_return(g, 20, Method::exhaustive);
    BOOST_TEST(!cf.certified);
    BOOST_TEST(!ex.certified);
    BOOST_TEST(ex.closest_return == 7);
    BOOST_TEST(numeric::lower_bound(ex.distance) == 0);
    for (Method m : {Method::continued_fraction, Method::exhaustive}) {
        const auto early = probes::closest_return(g, 6, m);
        BOOST_TEST(!early.certified);
        BOOST_TEST(early.closest_return == 2);
        BOOST_TEST(!early.undecided_reason.empty());
    }
    // g = 2 pi itself: even floor(g / 2 pi) is undecided; the answer says so and
    // its distance enclosure is the honest [0, pi].
    const auto whole = probes::closest_return(two_pi(), 10, Method::continued_fraction);
    BOOST_TEST(!whole.certified);
    BOOST_TEST(numeric::lower_bound(whole.distance) == 0);
    BOOST_TEST(numeric::upper_bound(whole.distance) > 3.14159);
    // Up to 4 only r = 2 comes within 1/7 turn: certified.
    BOOST_TEST(probes::closest_return(g, 4, Method::continued_fraction).certified);
    BOOST_TEST(probes::closest_return(g, 4, Method::exhaustive).closest_return == 2);
}

// alpha = 0.3001 (by hand, see continued_fraction_test): largest gaps for
// N = 0..12 are 1, .6999, .3998, .3001 x3, .2004 x3, .1007 x3, .0997 turns, so
//   delta = 0.35 turn -> N = 3,  delta = 0.25 -> N = 6,  0.15 -> 9,  0.1 -> 12.
BOOST_AUTO_TEST_CASE(least_length_matches_the_hand_computed_case) {
    numeric::PrecisionGuard guard(128);
    const interval g = frequency_of_turns(interval(3001) / interval(10000));
    const std::vector<std::tuple<double, std::int64_t, double, double>> cases{
        {0.35, 3, 0.3001, 0.3998}, {0.25, 6, 0.2004, 0.3001}, {0.15, 9, 0.1007, 0.2004}, {0.1, 12, 0.0997, 0.1007}};
    for (const auto& [turns, n, at, before] : cases) {
        const interval gap = interval(turns) * two_pi();
        for (Method m : {Method::continued_fraction, Method::exhaustive}) {
            const auto a = probes::density(g, gap, 1000, m);
            BOOST_TEST_CONTEXT("delta = " << turns << " turn, " << probes::to_string(m)) {
                BOOST_TEST(a.certified, a.undecided_reason);
                BOOST_REQUIRE(a.least_length.has_value());
                BOOST_TEST(*a.least_length == n);
                BOOST_TEST(near(a.largest_gap_at_answer / two_pi(), at, 1e-12));
                BOOST_TEST(near(a.largest_gap_before_answer / two_pi(), before, 1e-12));
            }
        }
    }
}

// Adversarial turns next to simple rationals (huge partial quotients, long
// stretches of equal gaps), the golden ratio (all quotients 1), then random ones.
BOOST_AUTO_TEST_CASE(largest_gaps_agree_point_by_point) {
    numeric::PrecisionGuard guard(128);
    std::vector<interval> frequencies{
        frequency_of_turns(interval(1) / interval(3) + interval(1) / interval(10000000)),
        frequency_of_turns(interval(1) / interval(2) - interval(1) / interval(1000000)),
        frequency_of_turns(interval(2) / interval(5) + sqrt(interval(2)) / interval(10000)),
        frequency_of_turns((sqrt(interval(5)) - interval(1)) / interval(2)),
        frequency_of_turns(interval(3001) / interval(10000)),
        interval(1)};
    std::mt19937_64 rng(7);
    for (int trial = 0; trial < 12 * multiplier(); ++trial) frequencies.push_back(random_frequency(rng, 3000));
    for (const interval& g : frequencies) {
        const std::int64_t n = 3000;
        const auto cf = probes::largest_gaps(g, n, Method::continued_fraction);
        const auto ex = probes::largest_gaps(g, n, Method::exhaustive);
        BOOST_REQUIRE_EQUAL(cf.size(), ex.size());
        std::int64_t disagreements = 0;
        for (std::size_t i = 0; i < cf.size(); ++i)
            if (!cf[i] || !ex[i] || !numeric::overlaps(*cf[i], *ex[i])) ++disagreements;
        BOOST_TEST_CONTEXT("g = " << numeric::decimal_midpoint(g)) {
            BOOST_TEST(disagreements == 0);
            if (disagreements != 0) continue;
            // Non-increasing, and the whole circle with one point.
            BOOST_TEST(near(*cf[0] / two_pi(), 1.0, 1e-12));
            for (std::size_t i = 1; i < cf.size(); ++i)
                BOOST_TEST(numeric::lower_bound(*cf[i]) <= numeric::upper_bound(*cf[i - 1]));
        }
    }
}

BOOST_AUTO_TEST_CASE(least_lengths_agree_on_random_frequencies_and_gaps) {
    numeric::PrecisionGuard guard(128);
    std::mt19937_64 rng(20241006);
    for (int trial = 0; trial < 80 * multiplier(); ++trial) {
        const interval g = random_frequency(rng, 60000);
        const interval gap = random_gap(rng);
        BOOST_TEST_CONTEXT("trial " << trial << ", g = " << numeric::decimal_midpoint(g)
                                    << ", delta = " << numeric::decimal_midpoint(gap)) {
            require_both_agree(g, gap, 200000);
        }
    }
}

// The schedules the claims use, with a gap on each side of typical spacings.
// Gaps are neither whole radians nor powers of ten: theta = 10^4, d = 8 has
// g = 1, 0.1, 0.01, 0.001 exactly, the gap between 0 and g is exactly g, and a
// gap equal to delta cannot be told from delta by any enclosure.
BOOST_AUTO_TEST_CASE(least_lengths_agree_on_rope_schedules) {
    numeric::PrecisionGuard guard(128);
    for (const char* theta : {"10000", "500000"}) {
        const auto g = rope::FrequencySchedule::rope(theta, 8).frequencies<interval>();
        for (const interval& gk : g)
            for (const char* gap : {"0.9", "0.07"})
                BOOST_TEST_CONTEXT("theta = " << theta << ", g = " << numeric::decimal_midpoint(gk) << ", delta = " << gap) {
                    require_both_agree(gk, numeric::enclose_decimal(gap), 300000);
                }
    }
}

// delta = exactly 1 radian and g = 1: the gap between 0 and g is exactly delta
// at N = 1..5, so no enclosure can say whether it is "< delta"; both methods
// stop there, uncertified, instead of guessing.
BOOST_AUTO_TEST_CASE(a_gap_exactly_equal_to_delta_is_not_certified) {
    numeric::PrecisionGuard guard(128);
    for (Method m : {Method::continued_fraction, Method::exhaustive}) {
        const auto a = probes::density(interval(1), interval(1), 1000, m);
        BOOST_TEST(!a.certified);
        BOOST_TEST(!a.undecided_reason.empty());
    }
}

// A slow frequency cannot be delta-dense before it has turned almost once:
// nothing up to max_length, certified by both; then the answer near 0.84 turn.
BOOST_AUTO_TEST_CASE(no_answer_within_max_length_is_certified_as_none) {
    numeric::PrecisionGuard guard(128);
    const interval g = interval(1) / interval(20000);  // about 125664 tokens per turn
    for (Method m : {Method::continued_fraction, Method::exhaustive}) {
        const auto a = probes::density(g, interval(1), 50000, m);
        BOOST_TEST(a.certified);
        BOOST_TEST(!a.least_length.has_value());
    }
    require_both_agree(g, interval(1), 200000);
}

BOOST_AUTO_TEST_CASE(bad_input_is_rejected) {
    numeric::PrecisionGuard guard(128);
    using ropecheck::InvalidInput;
    const interval g(1);
    BOOST_CHECK_THROW(probes::density(interval(0), interval(1), 10), InvalidInput);
    BOOST_CHECK_THROW(probes::density(g, interval(0), 10), InvalidInput);
    BOOST_CHECK_THROW(probes::density(g, interval(-1), 10), InvalidInput);
    BOOST_CHECK_THROW(probes::density(g, two_pi(), 10), InvalidInput);
    BOOST_CHECK_THROW(probes::density(g, interval(7), 10), InvalidInput);
    BOOST_CHECK_THROW(probes::density(g, interval(1), 0), InvalidInput);
    BOOST_CHECK_THROW(probes::density(g, interval(1), probes::max_exhaustive_length + 1, Method::exhaustive),
                      InvalidInput);
    BOOST_CHECK_THROW(probes::closest_return(interval(-1), 10), InvalidInput);
    BOOST_CHECK_THROW(probes::closest_return(g, 0, Method::exhaustive), InvalidInput);
}

BOOST_AUTO_TEST_SUITE_END()

// The registered probe (`ropecheck probe density`): for g = 1 the least N leaving no
// gap >= 0.5 is 18 (the three distance theorem on the convergents of 1 / (2 pi),
// docs/claims-group-b.md), as the exhaustive method also finds.
BOOST_AUTO_TEST_SUITE(density_registered)

BOOST_AUTO_TEST_CASE(answers_as_the_exhaustive_method) {
    const probes::Probe& probe = *probes::builtin_probes().find("density");
    const auto request = probes::request_of(probe, {{"gap", "0.5"}}, "test");
    BOOST_TEST(request.values().at("max_length") == 1'000'000'000);
    const auto answer = probes::answer(probe, request);
    numeric::PrecisionGuard guard(128);
    const auto exhaustive = probes::density(interval(1), numeric::enclose_decimal("0.5"), 1000, Method::exhaustive);
    BOOST_REQUIRE(exhaustive.least_length.has_value());
    BOOST_TEST(answer.fields.at("least_length") == *exhaustive.least_length);
    BOOST_TEST(*exhaustive.least_length == 18);
    BOOST_CHECK_THROW(probes::request_of(probe, {{"gap", "0.5"}, {"max_length", 0}}, "test"), InvalidInput);
    BOOST_CHECK_THROW(probes::request_of(probe, {{"gap", "half"}}, "test"), InvalidInput);
}

BOOST_AUTO_TEST_SUITE_END()
