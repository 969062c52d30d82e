// positional_margin against answers found by other means: the convergents of
// 2 pi (for g = 1 the worst distance up to N is the largest convergent
// numerator <= N), and a plain MPFR loop over every distance for small N.
#include <boost/test/unit_test.hpp>

#include "ropecheck/probes/probe_parameters.hpp"
#include "ropecheck/probes/probe_registry.hpp"

#include "../support/two_pi_convergents.hpp"
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "ropecheck/numeric/certainty.hpp"
#include "ropecheck/numeric/invalid_input.hpp"
#include "ropecheck/numeric/precision_guard.hpp"
#include "ropecheck/probes/positional_margin.hpp"
#include "ropecheck/rope/frequency_schedule.hpp"

using namespace ropecheck;
using numeric::interval;
using numeric::real;

namespace {

using ropecheck::test::two_pi_convergent_numerators;

// g_k = theta^(-2(k-1)/d) by MPFR's pow at 300 bits: a different route from the
// schedule's exp(-(n/D) log theta) in MPFI.
std::vector<real> reference_real_frequencies(const std::string& theta, int d) {
    std::vector<real> g;
    for (int k = 1; k <= d / 2; ++k) g.push_back(pow(real(theta), real(-2 * (k - 1)) / d));
    return g;
}

struct BruteMinimum {
    std::int64_t argmin;
    real minimum;
};

// min over 1 <= r <= n of sum_k (1 - cos(r g_k)), one distance at a time.
BruteMinimum brute_minimum(const std::vector<real>& g, std::int64_t n) {
    BruteMinimum best{0, real(0)};
    for (std::int64_t r = 1; r <= n; ++r) {
        real sum = 0;
        for (const real& gk : g) sum += 1 - cos(real(static_cast<long long>(r)) * gk);
        if (r == 1 || sum < best.minimum) best = {r, sum};
    }
    return best;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(positional_margin)

BOOST_AUTO_TEST_CASE(convergents_of_two_pi_are_derived_correctly) {
    const auto p = two_pi_convergent_numerators(5'000'000);
    const std::vector<std::int64_t> known{6, 19, 25, 44, 333, 710, 103993, 312689, 1980127, 2292816, 4272943};
    BOOST_TEST(p == known, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(highest_frequency_is_worst_at_the_largest_convergent) {
    numeric::PrecisionGuard guard(128);
    const auto convergents = two_pi_convergent_numerators(5'000'000);
    const std::vector<interval> g1{interval(1)};
    std::vector<std::int64_t> lengths{6, 18, 24, 43, 332, 709, 103992, 5'000'000};
    for (std::int64_t p : convergents) lengths.push_back(p);
    for (std::int64_t n : lengths) {
        std::int64_t expected = 0;
        for (std::int64_t p : convergents)
            if (p <= n) expected = p;
        const auto answer = probes::positional_margin(g1, n);
        BOOST_TEST_CONTEXT("N = " << n) {
            BOOST_TEST(answer.worst_distance == expected);
            BOOST_TEST(answer.certified);
            BOOST_TEST(answer.rivals.empty());
            BOOST_TEST(numeric::certainly_positive(answer.margin));
            // The margin is 1 - cos(p), evaluated here directly in MPFI.
            BOOST_TEST(numeric::overlaps(answer.margin, interval(1) - cos(interval(static_cast<long long>(expected)))));
        }
    }
}

BOOST_AUTO_TEST_CASE(multi_frequency_schedules_agree_with_a_plain_mpfr_loop) {
    numeric::PrecisionGuard guard(128);
    struct Case {
        std::string theta;
        int d;
        std::int64_t n;
    };
    // Includes Gemma 7B (theta 10^4, d 256) and Llama 3.1 (5*10^5, d 128) at small N.
    for (const Case& c : {Case{"10000", 2, 800}, Case{"10000", 8, 3000}, Case{"500000", 16, 3000},
                          Case{"2", 6, 3000}, Case{"10000", 256, 300}, Case{"500000", 128, 500}}) {
        const auto answer = probes::positional_margin(rope::FrequencySchedule::rope(c.theta, c.d).frequencies<interval>(), c.n);
        numeric::PrecisionGuard fine(300);
        const auto brute = brute_minimum(reference_real_frequencies(c.theta, c.d), c.n);
        BOOST_TEST_CONTEXT("theta " << c.theta << " d " << c.d << " N " << c.n) {
            BOOST_TEST(answer.certified);
            BOOST_TEST(answer.worst_distance == brute.argmin);
            BOOST_TEST(numeric::contains(answer.margin, brute.minimum));
        }
    }
}

BOOST_AUTO_TEST_CASE(model_sized_schedules_answer) {
    // Gemma 7B and Llama 3.1 base at a context of 2 * 10^5 (the command line
    // answers 10^6 in about a second): the answer must be a
    // certified distance in range whose margin encloses a direct evaluation.
    numeric::PrecisionGuard guard(128);
    for (const auto& [theta, d] : {std::pair{"10000", 256}, std::pair{"500000", 128}}) {
        const auto g = rope::FrequencySchedule::rope(theta, d).frequencies<interval>();
        const auto answer = probes::positional_margin(g, 200'000);
        BOOST_TEST_CONTEXT("theta " << theta << " d " << d) {
            BOOST_TEST(answer.certified);
            BOOST_TEST(answer.worst_distance >= 1);
            BOOST_TEST(answer.worst_distance <= 200'000);
            interval direct(0);
            for (const auto& gk : g) direct += interval(1) - cos(interval(static_cast<long long>(answer.worst_distance)) * gk);
            BOOST_TEST(numeric::overlaps(answer.margin, direct));
            BOOST_TEST(numeric::certainly_positive(answer.margin));
        }
    }
}

BOOST_AUTO_TEST_CASE(bad_input_is_rejected) {
    numeric::PrecisionGuard guard(128);
    const std::vector<interval> g{interval(1)};
    BOOST_CHECK_THROW(probes::positional_margin({}, 10), InvalidInput);
    BOOST_CHECK_THROW(probes::positional_margin(g, 0), InvalidInput);
    BOOST_CHECK_THROW(probes::positional_margin(g, -5), InvalidInput);
    BOOST_CHECK_THROW(probes::positional_margin(g, (std::int64_t{1} << 52) + 1), InvalidInput);
    const interval nan(std::numeric_limits<double>::quiet_NaN());
    BOOST_CHECK_THROW(probes::positional_margin({nan}, 10), InvalidInput);
}

BOOST_AUTO_TEST_SUITE_END()

// The registered probe (`ropecheck probe positional-margin`): on g_1 = 1 the worst
// distance up to N is the largest numerator of a convergent of 2 pi that is <= N.
BOOST_AUTO_TEST_SUITE(positional_margin_registered)

BOOST_AUTO_TEST_CASE(answers_with_a_convergent_of_two_pi) {
    const probes::Probe& probe = *probes::builtin_probes().find("positional-margin");
    const auto request = probes::request_of(probe, {{"max_distance", 100000}}, "test");
    BOOST_TEST(request.values().at("frequency") == 1);  // the default
    const auto answer = probes::answer(probe, request);
    std::int64_t expected = 0;
    for (std::int64_t p : two_pi_convergent_numerators(100000)) expected = p;
    BOOST_TEST(answer.fields.at("worst_distance") == expected);
    BOOST_TEST(answer.fields.at("certified") == true);
    BOOST_TEST(answer.label == "g_1 = 1.00000000000e+00");
    BOOST_TEST(probe.same_answer(answer.fields, answer.fields));
    BOOST_TEST(probe.answer_summary(answer.fields) == std::to_string(expected));
    // Every frequency at once: frequency "all".
    const auto all = probes::request_of(probe, {{"max_distance", 10}, {"frequency", "all"}, {"head_dim", 8}}, "test");
    BOOST_TEST(probes::answer(probe, all).label == "all 4 frequencies");
    BOOST_CHECK_THROW(probes::request_of(probe, {{"max_distance", -5}}, "test"), InvalidInput);
}

BOOST_AUTO_TEST_SUITE_END()
