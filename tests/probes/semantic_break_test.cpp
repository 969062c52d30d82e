// semantic_break against answers found by other means: for one frequency
// g < pi the first r with cos(r g) < 0 is floor(pi / (2 g)) + 1 (computed here
// in 300-bit MPFR from theta^(-2(k-1)/d) by pow), and a plain MPFR loop over
// every distance for several frequencies at once.
#include <boost/test/unit_test.hpp>

#include "ropecheck/probes/probe_parameters.hpp"
#include "ropecheck/probes/probe_registry.hpp"
#include <algorithm>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "ropecheck/numeric/certainty.hpp"
#include "ropecheck/numeric/invalid_input.hpp"
#include "ropecheck/numeric/precision_guard.hpp"
#include "ropecheck/probes/semantic_break.hpp"
#include "ropecheck/rope/frequency_schedule.hpp"

using namespace ropecheck;
using numeric::interval;
using numeric::real;

namespace {

real reference_frequency(const std::string& theta, int d, int k) {
    return pow(real(theta), real(-2 * (k - 1)) / d);
}

// floor(pi / (2 g)) + 1, valid for 0 < g < pi.
std::int64_t quarter_turn_formula(const real& g) {
    real pi;
    mpfr_const_pi(pi.backend().data(), MPFR_RNDN);
    return floor(pi / (2 * g)).convert_to<std::int64_t>() + 1;
}

struct BruteBreak {
    std::optional<std::int64_t> first;
    real smallest_magnitude;  // min |sum| over the distances looked at
};

// The least r <= n with sum_k cos(r g_k) < 0, one distance at a time.
BruteBreak brute_break(const std::vector<real>& g, std::int64_t n) {
    BruteBreak out{std::nullopt, real(1e9)};
    for (std::int64_t r = 1; r <= n; ++r) {
        real sum = 0;
        for (const real& gk : g) sum += cos(real(static_cast<long long>(r)) * gk);
        out.smallest_magnitude = std::min(out.smallest_magnitude, real(abs(sum)));
        if (sum < 0) {
            out.first = r;
            break;
        }
    }
    return out;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(semantic_break)

BOOST_AUTO_TEST_CASE(one_frequency_breaks_a_quarter_turn_later) {
    struct Case {
        std::string theta;
        int d;
        int k;
    };
    // Gemma 7B's lowest and band frequencies, Llama 3.1's lowest, and small schedules.
    const std::vector<Case> cases{{"10000", 256, 128}, {"10000", 256, 119}, {"10000", 256, 64}, {"10000", 256, 1},
                                  {"500000", 128, 64},  {"500000", 128, 33}, {"500000", 128, 2},  {"10000", 2, 1},
                                  {"3", 8, 4},          {"1000000", 64, 32}};
    for (const Case& c : cases) {
        numeric::PrecisionGuard guard(128);
        const interval g = rope::FrequencySchedule::rope(c.theta, c.d).frequencies<interval>()[static_cast<std::size_t>(c.k - 1)];
        const auto answer = probes::semantic_break({g}, 10'000'000);
        numeric::PrecisionGuard fine(300);
        const std::int64_t expected = quarter_turn_formula(reference_frequency(c.theta, c.d, c.k));
        BOOST_TEST_CONTEXT("theta " << c.theta << " d " << c.d << " k " << c.k) {
            BOOST_REQUIRE(answer.first_break_distance.has_value());
            BOOST_TEST(*answer.first_break_distance == expected);
            BOOST_TEST(answer.certified);
            BOOST_TEST(numeric::certainly_negative(answer.value_at_break));
        }
    }
}

BOOST_AUTO_TEST_CASE(hand_picked_frequencies) {
    numeric::PrecisionGuard guard(128);
    // cos(3) < 0 already at r = 1; cos(1) > 0 > cos(2); g = 1/1000 breaks at 1571.
    BOOST_TEST(*probes::semantic_break({interval(3)}, 10).first_break_distance == 1);
    BOOST_TEST(*probes::semantic_break({interval(1)}, 10).first_break_distance == 2);
    BOOST_TEST(*probes::semantic_break({interval(1) / interval(1000)}, 10'000).first_break_distance == 1571);
}

BOOST_AUTO_TEST_CASE(no_break_up_to_the_limit_is_reported_as_none) {
    numeric::PrecisionGuard guard(128);
    const auto before = probes::semantic_break({interval(1) / interval(1000)}, 1570);
    BOOST_TEST(!before.first_break_distance.has_value());
    BOOST_TEST(before.certified);
    // A removed p-RoPE frequency is exactly 0: cos(r * 0) = 1 never breaks.
    const auto never = probes::semantic_break({interval(0), interval(0)}, 100'000);
    BOOST_TEST(!never.first_break_distance.has_value());
    BOOST_TEST(never.certified);
}

BOOST_AUTO_TEST_CASE(several_frequencies_agree_with_a_plain_mpfr_loop) {
    struct Case {
        std::string theta;
        int d;
        std::int64_t n;
    };
    // Gemma 7B's whole head, and Llama 3.1's base at smaller d (its d = 128 head
    // breaks only near r = 18000, too long for a loop at 160 bits in a unit test).
    for (const Case& c : {Case{"10000", 4, 20000}, Case{"10000", 8, 20000}, Case{"500000", 16, 20000},
                          Case{"10000", 64, 20000}, Case{"10000", 256, 20000}, Case{"500000", 32, 20000},
                          Case{"2", 10, 200}}) {
        numeric::PrecisionGuard guard(128);
        const auto answer = probes::semantic_break(rope::FrequencySchedule::rope(c.theta, c.d).frequencies<interval>(), c.n);
        // 160 bits: only signs matter, and the loop's rounding error (< 2^-140 here)
        // is checked to be far below the smallest |sum| it met.
        numeric::PrecisionGuard fine(160);
        std::vector<real> g;
        for (int k = 1; k <= c.d / 2; ++k) g.push_back(reference_frequency(c.theta, c.d, k));
        const auto expected = brute_break(g, c.n);
        BOOST_TEST_CONTEXT("theta " << c.theta << " d " << c.d) {
            BOOST_TEST(answer.certified);
            BOOST_TEST((answer.first_break_distance == expected.first));
            BOOST_TEST(expected.smallest_magnitude > real(1e-30));
        }
    }
}

BOOST_AUTO_TEST_CASE(bad_input_is_rejected) {
    numeric::PrecisionGuard guard(128);
    const std::vector<interval> g{interval(1)};
    BOOST_CHECK_THROW(probes::semantic_break({}, 10), InvalidInput);
    BOOST_CHECK_THROW(probes::semantic_break(g, 0), InvalidInput);
    BOOST_CHECK_THROW(probes::semantic_break(g, -5), InvalidInput);
    BOOST_CHECK_THROW(probes::semantic_break(g, (std::int64_t{1} << 52) + 1), InvalidInput);
    BOOST_CHECK_THROW(probes::semantic_break({interval(std::numeric_limits<double>::quiet_NaN())}, 10), InvalidInput);
}

BOOST_AUTO_TEST_SUITE_END()

// The registered probe (`ropecheck probe semantic-break`): on its default, the
// lowest frequency g = theta^(-(d-2)/d), the break is floor(pi / (2 g)) + 1, and
// the shared schedule reaches it (linear scaling by 2 halves g).
BOOST_AUTO_TEST_SUITE(semantic_break_registered)

BOOST_AUTO_TEST_CASE(answers_with_the_quarter_turn_on_the_lowest_frequency) {
    const probes::Probe& probe = *probes::builtin_probes().find("semantic-break");
    const auto closed_form = [](int scale) {
        numeric::PrecisionGuard guard(300);
        real pi;
        mpfr_const_pi(pi.backend().data(), MPFR_RNDN);
        const real g = pow(real(10000), real(-14) / 16) / scale;
        return floor(pi / (2 * g)).convert_to<std::int64_t>() + 1;
    };
    const auto request = probes::request_of(probe, {{"head_dim", 16}}, "test");
    BOOST_TEST(request.values().at("frequency") == 8);
    BOOST_TEST(request.values().at("max_distance") == 1'000'000'000);
    const auto plain = probes::answer(probe, request);
    BOOST_TEST(plain.fields.at("first_break_distance") == closed_form(1));
    const auto linear = probes::answer(
        probe, probes::request_of(probe, {{"head_dim", 16}, {"scaling", {{"type", "linear"}, {"factor", "2"}}}}, "test"));
    BOOST_TEST(linear.fields.at("first_break_distance") == closed_form(2));
    BOOST_TEST(!probe.same_answer(plain.fields, linear.fields));
    // A limit below the answer: null, and said so.
    const auto short_search = probes::answer(
        probe, probes::request_of(probe, {{"head_dim", 16}, {"max_distance", closed_form(1) - 1}}, "test"));
    BOOST_TEST(short_search.fields.at("first_break_distance").is_null());
    BOOST_TEST(short_search.text.find("beyond " + std::to_string(closed_form(1) - 1)) != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()
