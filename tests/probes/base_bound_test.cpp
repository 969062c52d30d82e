// base_bound against an independent brute force. The reference below shares no
// code with the probe: the frequencies come from square roots (theta^(2/D) for
// D a power of two) instead of exp/log, and every distance r <= L is evaluated
// in MPFI one by one, with no double filter. Checked for small (L, D):
//   (i)   bases on a fine grid from T up to theta_lower all fail certainly;
//   (ii)  least_theta (the decimal) passes: every r <= L certainly has S >= 0;
//   (iii) a fragmented case found here by search (a base passes, a larger one
//         fails): base_bound still returns the least passing base, where a
//         bisection between a failing and a passing base does not.
// The timings of D = 128 for the README run only on request:
//   test_probes --run_test=base_bound/timing_d128
#include <boost/test/unit_test.hpp>

#include "ropecheck/probes/probe_parameters.hpp"
#include "ropecheck/probes/probe_registry.hpp"
#include <omp.h>

#include <chrono>
#include <cstdint>
#include <iostream>
#include <optional>
#include <string>
#include <vector>

#include "ropecheck/numeric/certainty.hpp"
#include "ropecheck/numeric/decimal.hpp"
#include "ropecheck/numeric/invalid_input.hpp"
#include "ropecheck/numeric/precision_guard.hpp"
#include "ropecheck/probes/base_bound.hpp"

using namespace ropecheck;
using numeric::interval;
using numeric::real;

namespace {

// g_k = theta^(-2(k-1)/D), k = 1..D/2, for D a power of two: theta^(2/D) by
// log2(D/2) square roots, then powers of its reciprocal.
std::vector<interval> reference_enclosed_frequencies(const interval& theta, int head_dim) {
    interval root = theta;
    for (int n = head_dim / 2; n > 1; n /= 2) root = sqrt(root);
    const interval ratio = interval(1) / root;
    std::vector<interval> g{interval(1)};
    while (static_cast<int>(g.size()) < head_dim / 2) g.push_back(g.back() * ratio);
    return g;
}

interval reference_sum(const std::vector<interval>& g, std::int64_t r) {
    interval sum(0);
    for (const interval& gk : g) sum += cos(interval(static_cast<long long>(r)) * gk);
    return sum;
}

struct Verdict {
    bool passes = false;                 // every r <= L certainly has S >= 0
    std::optional<std::int64_t> fails_at;  // the least r with S certainly < 0
};

Verdict reference_verdict(const interval& theta, int head_dim, std::int64_t context) {
    const auto g = reference_enclosed_frequencies(theta, head_dim);
    bool undecided = false;
    for (std::int64_t r = 1; r <= context; ++r) {
        const interval s = reference_sum(g, r);
        if (numeric::certainly_negative(s)) return {false, r};
        if (numeric::lower_bound(s) < 0) undecided = true;
    }
    return {!undecided, std::nullopt};
}

// Whether some r <= L certainly has S < 0, trying `hint` (the last failing r
// found) first: neighbouring bases of a grid mostly fail at the same distance.
bool reference_fails(const interval& theta, int head_dim, std::int64_t context, std::int64_t& hint) {
    if (hint >= 1 && hint <= context &&
        numeric::certainly_negative(reference_sum(reference_enclosed_frequencies(theta, head_dim), hint)))
        return true;
    const Verdict v = reference_verdict(theta, head_dim, context);
    if (v.fails_at) hint = *v.fails_at;
    return v.fails_at.has_value();
}

interval point(const real& x) { return interval(x); }

// The checks (i), (ii) and the certified gap for one answer.
void check_against_reference(const probes::BaseBoundAnswer& a, std::int64_t context, int head_dim,
                             const std::string& floor) {
    BOOST_TEST_CONTEXT("L = " << context << ", D = " << head_dim << ", T = " << floor << ", least_theta = "
                              << a.least_theta_decimal << ", theta_lower = "
                              << numeric::decimal_nearest(a.theta_lower, 15)) {
        BOOST_REQUIRE(a.certified);
        // (ii) the exact decimal passes.
        BOOST_TEST(reference_verdict(numeric::enclose_decimal(a.least_theta_decimal), head_dim, context).passes);
        // theta_lower fails, at the binding distance.
        const auto g = reference_enclosed_frequencies(point(a.theta_lower), head_dim);
        BOOST_TEST(numeric::certainly_negative(reference_sum(g, a.binding_distance)));
        // 0 < (least - lower) / least <= 1e-9.
        const interval least = numeric::enclose_decimal(a.least_theta_decimal);
        const interval gap = (least - point(a.theta_lower)) / least;
        BOOST_TEST(numeric::certainly_positive(gap));
        BOOST_TEST(numeric::upper_bound(gap) <= real("1e-9"));
        // (i) a log-spaced grid from T to theta_lower, and bases closing in on it.
        const real t = real(floor);
        std::vector<real> grid;
        const int n = 120;
        for (int i = 0; i <= n; ++i) grid.push_back(t * pow(a.theta_lower / t, real(i) / n));
        for (const int j : {1, 2, 4, 8, 12, 16, 20, 25, 30, 35, 40})
            grid.push_back(a.theta_lower * (1 - pow(real(2), -j)));
        std::int64_t hint = a.binding_distance;
        for (const real& theta : grid) {
            if (theta < t || theta > a.theta_lower) continue;
            BOOST_TEST_CONTEXT("grid base " << numeric::decimal_nearest(theta, 15)) {
                BOOST_TEST(reference_fails(point(theta), head_dim, context, hint));
            }
        }
    }
}

}  // namespace

BOOST_AUTO_TEST_SUITE(base_bound)

BOOST_AUTO_TEST_CASE(rejects_bad_input) {
    BOOST_CHECK_THROW(probes::base_bound(0, 8, "100"), InvalidInput);
    BOOST_CHECK_THROW(probes::base_bound(-5, 8, "100"), InvalidInput);
    BOOST_CHECK_THROW(probes::base_bound(probes::max_base_bound_context + 1, 8, "100"), InvalidInput);
    BOOST_CHECK_THROW(probes::base_bound(50, 7, "100"), InvalidInput);
    BOOST_CHECK_THROW(probes::base_bound(50, 0, "100"), InvalidInput);
    BOOST_CHECK_THROW(probes::base_bound(50, -4, "100"), InvalidInput);
    BOOST_CHECK_THROW(probes::base_bound(50, 8, "1"), InvalidInput);
    BOOST_CHECK_THROW(probes::base_bound(50, 8, "0.5"), InvalidInput);
    BOOST_CHECK_THROW(probes::base_bound(50, 8, "ten"), InvalidInput);
}

BOOST_AUTO_TEST_CASE(two_dimensions_have_one_base_independent_frequency) {
    numeric::PrecisionGuard guard(128);
    // L = 1: cos 1 > 0 for every base, so the floor passes.
    const auto one = probes::base_bound(1, 2, "100");
    BOOST_TEST(one.certified);
    BOOST_TEST(one.least_theta_decimal == "100");
    BOOST_TEST(one.binding_distance == 0);
    // L >= 2: cos 2 < 0 for every base; no base passes.
    const auto two = probes::base_bound(7, 2, "100");
    BOOST_TEST(two.certified);
    BOOST_TEST(boost::multiprecision::isinf(two.least_theta));
    BOOST_TEST(two.binding_distance == 2);
}

BOOST_AUTO_TEST_CASE(a_passing_floor_is_the_answer) {
    numeric::PrecisionGuard guard(128);
    // r = 1: every cos(g_k) > 0 because g_k <= 1.
    const auto short_context = probes::base_bound(1, 8, "100");
    BOOST_TEST(short_context.certified);
    BOOST_TEST(short_context.least_theta_decimal == "100");
    BOOST_TEST(short_context.intervals_excluded == 0u);
    // D = 8, L = 50 passes from about 6.1e4 on; 10^9 is far above.
    const auto high_floor = probes::base_bound(50, 8, "1e9");
    BOOST_TEST(high_floor.certified);
    BOOST_TEST(high_floor.least_theta_decimal == "1e9");
    BOOST_TEST(reference_verdict(numeric::enclose_decimal("1e9"), 8, 50).passes);
}

BOOST_AUTO_TEST_CASE(agrees_with_exhaustive_reference) {
    numeric::PrecisionGuard guard(128);
    struct Case {
        std::int64_t context;
        int head_dim;
        std::string floor;
    };
    // D = 4 with L >= 355 needs theta ~ 1.4e14: 355 is within 3e-5 of 113 pi.
    const std::vector<Case> cases{{10, 4, "100"},  {50, 4, "100"},   {500, 4, "100"}, {50, 8, "100"},
                                  {200, 8, "100.1"}, {500, 8, "100"}, {300, 16, "100"},
                                  {150, 32, "2"}};
    for (const Case& c : cases) {
        const auto answer = probes::base_bound(c.context, c.head_dim, c.floor);
        check_against_reference(answer, c.context, c.head_dim, c.floor);
    }
}

BOOST_AUTO_TEST_CASE(fragmented_bases_do_not_fool_it) {
    numeric::PrecisionGuard guard(128);
    const int head_dim = 8;
    const std::string floor = "100";
    // Find, on a log grid, a context where a base passes and a larger one fails.
    std::int64_t context = 0;
    real passing, failing_above;
    for (const std::int64_t l : {20, 30, 40, 50, 60, 80}) {
        std::optional<real> first_pass;
        for (int i = 0; i <= 200 && context == 0; ++i) {
            const real theta = real(100) * pow(real(10), real(i) / 40);  // 10^2 .. 10^7
            const Verdict v = reference_verdict(point(theta), head_dim, l);
            if (v.passes && !first_pass) first_pass = theta;
            if (first_pass && v.fails_at) {
                context = l;
                passing = *first_pass;
                failing_above = theta;
            }
        }
        if (context != 0) break;
    }
    BOOST_REQUIRE(context != 0);
    BOOST_TEST_MESSAGE("fragmented: L = " << context << ", D = 8: " << numeric::decimal_nearest(passing, 10)
                                          << " passes, " << numeric::decimal_nearest(failing_above, 10)
                                          << " fails");

    const auto answer = probes::base_bound(context, head_dim, floor);
    check_against_reference(answer, context, head_dim, floor);
    // The least passing base is at most the grid's first passing base.
    BOOST_TEST(numeric::upper_bound(numeric::enclose_decimal(answer.least_theta_decimal)) <= passing);

    // Bisection between the floor (fails) and 10^9 (passes), by the same
    // reference, lands on a later boundary: it would answer a larger base.
    real low(floor), high("1e9");
    BOOST_REQUIRE(reference_verdict(point(low), head_dim, context).fails_at.has_value());
    BOOST_REQUIRE(reference_verdict(point(high), head_dim, context).passes);
    for (int i = 0; i < 60; ++i) {
        const real middle = sqrt(low * high);
        (reference_verdict(point(middle), head_dim, context).passes ? high : low) = middle;
    }
    BOOST_TEST_MESSAGE("bisection answers " << numeric::decimal_nearest(high, 10) << ", base_bound "
                                            << answer.least_theta_decimal);
    BOOST_TEST(high > passing);
    BOOST_TEST(answer.least_theta < passing);
}

BOOST_AUTO_TEST_CASE(two_precisions_agree) {
    // Each answer brackets the infimum, so the brackets must intersect.
    probes::BaseBoundAnswer fine, coarse;
    {
        numeric::PrecisionGuard guard(192);
        fine = probes::base_bound(200, 8, "100");
    }
    {
        numeric::PrecisionGuard guard(64);
        coarse = probes::base_bound(200, 8, "100");
    }
    BOOST_REQUIRE(fine.certified);
    BOOST_REQUIRE(coarse.certified);
    BOOST_TEST(fine.theta_lower < coarse.least_theta);
    BOOST_TEST(coarse.theta_lower < fine.least_theta);
    BOOST_TEST(fine.binding_distance == coarse.binding_distance);
}

BOOST_AUTO_TEST_CASE(same_answer_for_any_thread_count) {
    numeric::PrecisionGuard guard(128);
    const int saved = omp_get_max_threads();
    omp_set_num_threads(1);
    const auto one = probes::base_bound(1500, 64, "100");
    omp_set_num_threads(3);
    const auto three = probes::base_bound(1500, 64, "100");
    omp_set_num_threads(saved);
    BOOST_TEST(one.certified);
    BOOST_TEST(one.least_theta_decimal == three.least_theta_decimal);
    BOOST_TEST(one.theta_lower == three.theta_lower);
    BOOST_TEST(one.intervals_excluded == three.intervals_excluded);
}

BOOST_AUTO_TEST_CASE(an_exhausted_budget_is_not_certified) {
    numeric::PrecisionGuard guard(128);
    const auto answer = probes::base_bound(50, 8, "100", 3);
    BOOST_TEST(!answer.certified);
    BOOST_TEST(answer.intervals_excluded == 3u);
    BOOST_TEST(answer.least_theta_decimal.empty());
    // What was covered is still proven: theta_lower fails at the binding distance.
    const auto g = reference_enclosed_frequencies(point(answer.theta_lower), 8);
    BOOST_TEST(numeric::certainly_negative(reference_sum(g, answer.binding_distance)));
}

BOOST_AUTO_TEST_CASE(timing_d128, *boost::unit_test::disabled()) {
    numeric::PrecisionGuard guard(128);
    for (const std::int64_t context : {4096, 8192, 32768, 131072}) {
        const auto start = std::chrono::steady_clock::now();
        const auto answer = probes::base_bound(context, 128, "100");
        const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        std::cout << "D = 128, L = " << context << ": least_theta = " << answer.least_theta_decimal
                  << ", theta_lower = " << numeric::decimal_down(answer.theta_lower, 15)
                  << ", binding_distance = " << answer.binding_distance
                  << ", intervals = " << answer.intervals_excluded << ", certified = " << answer.certified << ", "
                  << seconds << " s" << std::endl;
        BOOST_TEST(answer.certified);
    }
}

BOOST_AUTO_TEST_SUITE_END()

// The registered probe (`ropecheck probe base-bound`): with d = 2 the only
// frequency is 1 whatever the base and cos 2 < 0, so no base passes L = 2; with
// L = 1 and d = 4 the floor passes (cos 1 + cos(T^(-1/2)) > 0). It takes plain RoPE only.
BOOST_AUTO_TEST_SUITE(base_bound_registered)

BOOST_AUTO_TEST_CASE(answers_the_cases_known_in_closed_form) {
    const probes::Probe& probe = *probes::builtin_probes().find("base-bound");
    BOOST_TEST(!probe.heading_names_theta());
    const auto none = probes::answer(probe, probes::request_of(probe, {{"context", 2}, {"head_dim", 2}}, "test"));
    BOOST_TEST(none.fields.at("least_theta") == "+inf");
    BOOST_TEST(none.fields.at("certified") == true);
    const auto floor = probes::answer(probe, probes::request_of(probe, {{"context", 1}, {"head_dim", 4}}, "test"));
    BOOST_TEST(floor.fields.at("least_theta") == "100");
    BOOST_TEST(floor.fields.at("intervals_excluded") == 0);
    BOOST_TEST(floor.label == "context 1, theta >= 100");
    BOOST_TEST(!probes::takes_schedule(probe.parameters()));
    BOOST_CHECK_THROW(probes::request_of(probe, {{"context", 0}}, "test"), InvalidInput);
    BOOST_CHECK_THROW(probes::request_of(probe, {{"context", 10}, {"theta_floor", "1"}}, "test"), InvalidInput);
}

BOOST_AUTO_TEST_SUITE_END()
