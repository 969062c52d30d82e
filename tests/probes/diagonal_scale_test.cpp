// diagonal_scale against routes that share none of its search code: closed
// forms for N = 2 and 3, an MPFR root of the untruncated sum, and the
// attention row itself, built from Theorem 5.3's queries and keys with the
// RoPE kernel and the log-domain softmax (every key present, nothing pruned).
#include <boost/test/unit_test.hpp>

#include "ropecheck/probes/probe_parameters.hpp"
#include "ropecheck/probes/probe_registry.hpp"

#include <omp.h>

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "ropecheck/numeric/certainty.hpp"
#include "ropecheck/numeric/invalid_input.hpp"
#include "ropecheck/numeric/precision_guard.hpp"
#include "ropecheck/probes/diagonal_scale.hpp"
#include "ropecheck/rope/kernel.hpp"
#include "ropecheck/rope/softmax.hpp"

using namespace ropecheck;
using numeric::Certainty;
using numeric::interval;
using numeric::real;
using probes::Pattern;

namespace {

real lower_of(const interval& x) { return numeric::lower_bound(x); }
real upper_of(const interval& x) { return numeric::upper_bound(x); }

// alpha_{i, target} from the attention row of query position i, with
// q = psi = (sqrt(s), 0) and every key psi (diagonal) or rho(g) psi
// (previous-token, built by the kernel's own rotation).
interval kernel_target_weight(const interval& g, std::int64_t position, const real& s, Pattern pattern) {
    const std::vector<interval> freqs{g};
    const std::vector<interval> psi{sqrt(interval(s)), interval(0)};
    const std::vector<interval> key =
        pattern == Pattern::diagonal ? psi : rope::rotate<interval>(psi, freqs, 1);
    std::vector<interval> logits;
    for (std::int64_t j = 1; j <= position; ++j)
        logits.push_back(rope::activation<interval>(psi, key, freqs, j - position));
    const auto row = rope::causal_attention_row<interval>(logits, static_cast<std::size_t>(position));
    const std::int64_t target = pattern == Pattern::diagonal ? position : position - 1;
    return row[static_cast<std::size_t>(target - 1)];
}

// 1 - eps as an enclosure.
interval one_minus(const std::string& eps) { return interval(1) - numeric::enclose_decimal(eps); }

bool certainly_above(const interval& x, const interval& y) { return lower_of(x) > upper_of(y); }
bool certainly_at_most(const interval& x, const interval& y) { return upper_of(x) <= lower_of(y); }

}  // namespace

BOOST_AUTO_TEST_SUITE(diagonal_scale)

// N = 2: F(s) = exp(-s (1 - cos g)), so s* = ln((1 - eps) / eps) / (1 - cos g);
// previous-token at N = 3: F(s) = 2 exp(-s (1 - cos g)), s* = ln(2 (1 - eps) / eps) / (1 - cos g).
BOOST_AUTO_TEST_CASE(closed_forms_for_short_contexts) {
    numeric::PrecisionGuard guard(128);
    const interval g = numeric::enclose_decimal("0.7");
    const interval m1 = interval(1) - cos(g);
    const auto two = probes::diagonal_scale(g, 2, "0.1");
    BOOST_TEST(two.certified);
    BOOST_TEST(numeric::overlaps(two.scale, log(interval(9)) / m1));
    const auto prev = probes::diagonal_scale(g, 3, "0.1", Pattern::previous_token);
    BOOST_TEST(prev.certified);
    BOOST_TEST(numeric::overlaps(prev.scale, log(interval(18)) / m1));
    BOOST_TEST(two.binding_distance == 1);
    BOOST_TEST(upper_of(two.scale) - lower_of(two.scale) <= upper_of(two.scale) * real(0x1p-39));
}

// The answer against the row the kernel and the softmax build: the target's
// weight at the worst position is above 1 - eps at scale_upper and not above
// it at scale_lower, and at scale_upper every earlier position passes too.
BOOST_AUTO_TEST_CASE(kernel_attention_row_agrees) {
    numeric::PrecisionGuard guard(128);
    const interval g(1);
    for (std::int64_t n : {10, 50, 400}) {
        for (Pattern pattern : {Pattern::diagonal, Pattern::previous_token}) {
            for (const std::string eps : {"0.1", "0.01"}) {
                BOOST_TEST_CONTEXT("N = " << n << ", " << probes::to_string(pattern) << ", eps = " << eps) {
                    const auto answer = probes::diagonal_scale(g, n, eps, pattern);
                    BOOST_REQUIRE(answer.certified);
                    const interval bar = one_minus(eps);
                    BOOST_TEST(certainly_above(kernel_target_weight(g, n, upper_of(answer.scale), pattern), bar));
                    BOOST_TEST(certainly_at_most(kernel_target_weight(g, n, lower_of(answer.scale), pattern), bar));
                    if (n > 50) continue;
                    for (std::int64_t i = pattern == Pattern::diagonal ? 1 : 2; i < n; ++i)
                        BOOST_TEST(certainly_above(kernel_target_weight(g, i, upper_of(answer.scale), pattern), bar));
                }
            }
        }
    }
}

// The pruned sum (exact terms near whole turns, the rest bounded) against the
// full kernel row where almost every term is pruned.
BOOST_AUTO_TEST_CASE(pruned_weight_encloses_the_full_row) {
    numeric::PrecisionGuard guard(128);
    const interval g(1);
    const std::int64_t n = 1200;
    for (Pattern pattern : {Pattern::diagonal, Pattern::previous_token}) {
        const auto answer = probes::diagonal_scale(g, n, "0.05", pattern);
        BOOST_REQUIRE(answer.certified);
        BOOST_TEST(answer.exact_terms < 100u);
        for (const real& s : {upper_of(answer.scale), upper_of(answer.scale) / 3}) {
            const interval pruned = probes::target_weight(g, n, interval(s), pattern);
            const interval full = kernel_target_weight(g, n, s, pattern);
            BOOST_TEST(numeric::overlaps(pruned, full));
            BOOST_TEST(numeric::width_of(pruned) < real(1e-25));
        }
    }
}

BOOST_AUTO_TEST_CASE(pattern_is_monotone_in_the_scale) {
    numeric::PrecisionGuard guard(128);
    const interval g = numeric::enclose_decimal("0.3");
    const auto answer = probes::diagonal_scale(g, 50, "0.2");
    BOOST_REQUIRE(answer.certified);
    bool held = false;
    for (int k = 1; k <= 24; ++k) {
        const real s = upper_of(answer.scale) * k / 12;
        const Certainty c = probes::pattern_holds(g, 50, "0.2", interval(s));
        BOOST_TEST((c != Certainty::unknown));
        if (held) BOOST_TEST((c == Certainty::certainly));
        held = held || c == Certainty::certainly;
        BOOST_TEST(((c == Certainty::certainly) == (k >= 12)));
    }
    BOOST_TEST((probes::pattern_holds(g, 50, "0.2", interval(0)) == Certainty::certainly_not));
    BOOST_TEST((probes::pattern_holds(g, 50, "0.2", interval(-5)) == Certainty::certainly_not));
    // An interval scale straddling s* is neither.
    BOOST_TEST((probes::pattern_holds(g, 50, "0.2", answer.scale) == Certainty::unknown));
}

BOOST_AUTO_TEST_CASE(scale_grows_as_epsilon_shrinks) {
    numeric::PrecisionGuard guard(128);
    const interval g(1);
    for (Pattern pattern : {Pattern::diagonal, Pattern::previous_token}) {
        real previous_upper(0);
        for (const std::string eps : {"0.5", "0.25", "0.1", "0.01", "0.001", "0.000001"}) {
            const auto answer = probes::diagonal_scale(g, 100, eps, pattern);
            BOOST_REQUIRE(answer.certified);
            BOOST_TEST(lower_of(answer.scale) > previous_upper);
            previous_upper = upper_of(answer.scale);
        }
    }
}

// For g = 1 the hardest competitor up to N is where r comes closest to a
// multiple of 2 pi: the largest convergent numerator of 2 pi = [6; 3, 1, 1,
// 7, 2, 146, 3, ...] below N (6, 19, 25, 44, 333, 710, 103993, 312689, ...).
BOOST_AUTO_TEST_CASE(binding_distance_is_a_convergent_numerator_of_two_pi) {
    numeric::PrecisionGuard guard(128);
    const interval g(1);
    const std::vector<std::pair<std::int64_t, std::int64_t>> cases{
        {50, 44}, {400, 333}, {1000, 710}, {200000, 103993}, {1000000, 312689}};
    for (const auto& [n, expected] : cases) {
        const auto answer = probes::diagonal_scale(g, n, "0.1");
        BOOST_TEST(answer.certified);
        BOOST_TEST(answer.binding_certified);
        BOOST_TEST(answer.binding_distance == expected);
        // s* is governed by the binding margin: ln(1 / T) / m <= s* <= ln(|D| / T) / m.
        const interval m = answer.binding_margin;
        BOOST_TEST(upper_of(answer.scale) * upper_of(m) >= lower_of(log(interval(9))));
        BOOST_TEST(lower_of(answer.scale) * lower_of(m) <= upper_of(log(interval(9 * (n - 1)))));
    }
}

BOOST_AUTO_TEST_CASE(independent_of_precision_and_threads) {
    const interval g(1);
    real lower128, upper128;
    {
        numeric::PrecisionGuard guard(128);
        const auto answer = probes::diagonal_scale(g, 300000, "0.1");
        BOOST_REQUIRE(answer.certified);
        lower128 = lower_of(answer.scale);
        upper128 = upper_of(answer.scale);
        const int saved = omp_get_max_threads();
        omp_set_num_threads(1);
        const auto serial = probes::diagonal_scale(g, 300000, "0.1");
        omp_set_num_threads(saved);
        BOOST_TEST(lower_of(serial.scale) == lower128);
        BOOST_TEST(upper_of(serial.scale) == upper128);
    }
    numeric::PrecisionGuard guard(256);
    const auto fine = probes::diagonal_scale(interval(1), 300000, "0.1");
    BOOST_REQUIRE(fine.certified);
    BOOST_TEST(lower_of(fine.scale) <= upper128);
    BOOST_TEST(lower128 <= upper_of(fine.scale));
}

// N = 2, eps = 1/2: alpha_{2,2} > 1/2 iff s (1 - cos g) > 0, so s* = 0, not attained.
BOOST_AUTO_TEST_CASE(zero_infimum_for_two_positions_at_one_half) {
    numeric::PrecisionGuard guard(128);
    for (Pattern pattern : {Pattern::diagonal, Pattern::previous_token}) {
        const auto answer = probes::diagonal_scale(interval(1), 2, "0.5", pattern);
        BOOST_TEST(answer.zero_infimum);
        BOOST_TEST(answer.certified);
        BOOST_TEST(lower_of(answer.scale) == 0);
        BOOST_TEST(upper_of(answer.scale) > 0);
    }
}

// g = pi / 2: distance 4 is a whole turn, so F(s) >= 1 for every s and no
// scale makes the head diagonal beyond N = 4; the probe must not certify.
BOOST_AUTO_TEST_CASE(a_whole_turn_is_never_certified) {
    numeric::PrecisionGuard guard(128);
    interval quarter_turn;
    mpfi_const_pi(quarter_turn.backend().data());
    quarter_turn /= 2;
    const auto answer = probes::diagonal_scale(quarter_turn, 10, "0.1");
    BOOST_TEST(!answer.certified);
    BOOST_TEST(probes::diagonal_scale(quarter_turn, 4, "0.1").certified);
}

BOOST_AUTO_TEST_CASE(bad_input_is_rejected) {
    numeric::PrecisionGuard guard(128);
    const interval g(1);
    for (const std::string eps : {"0", "0.6", "-0.1", "1", "abc", "1e-3", ""})
        BOOST_CHECK_THROW(probes::diagonal_scale(g, 10, eps), InvalidInput);
    BOOST_CHECK_THROW(probes::diagonal_scale(g, 1, "0.1"), InvalidInput);
    BOOST_CHECK_THROW(probes::diagonal_scale(g, probes::max_scale_context + 1, "0.1"), InvalidInput);
    BOOST_CHECK_THROW(probes::diagonal_scale(interval(0), 10, "0.1"), InvalidInput);
    BOOST_CHECK_THROW(probes::diagonal_scale(interval(-1), 10, "0.1"), InvalidInput);
    BOOST_CHECK_THROW(probes::pattern_holds(g, 10, "0.7", interval(1)), InvalidInput);
    BOOST_CHECK_THROW(probes::target_weight(g, 10, interval(0)), InvalidInput);
    BOOST_CHECK_THROW(probes::parse_pattern("anti-diagonal"), InvalidInput);
    BOOST_TEST((probes::parse_pattern("previous-token") == Pattern::previous_token));
}

BOOST_AUTO_TEST_SUITE_END()

// The registered probe (`ropecheck probe diagonal-scale`): for N = 2 the pattern
// has one competitor, so s* = ln((1 - eps) / eps) / (1 - cos g) exactly; a replay
// compares the enclosures of s* by overlap.
BOOST_AUTO_TEST_SUITE(diagonal_scale_registered)

BOOST_AUTO_TEST_CASE(answers_with_the_closed_form_for_two_positions) {
    const probes::Probe& probe = *probes::builtin_probes().find("diagonal-scale");
    const auto request = probes::request_of(probe, {{"context", 2}, {"epsilon", "0.1"}}, "test");
    BOOST_TEST(request.values().at("pattern") == "diagonal");
    const auto answer = probes::answer(probe, request);
    numeric::PrecisionGuard guard(256);
    const real s = log(real(9)) / (1 - cos(real(1)));  // g_1 = 1, (1 - 0.1) / 0.1 = 9
    BOOST_TEST((real(answer.fields.at("scale_lower").get<std::string>()) <= s));
    BOOST_TEST((s <= real(answer.fields.at("scale_upper").get<std::string>())));
    BOOST_TEST(probe.same_answer(answer.fields, answer.fields));
    core::json far = answer.fields;
    far["scale_lower"] = "1e+3";
    far["scale_upper"] = "2e+3";
    BOOST_TEST(!probe.same_answer(answer.fields, far));
    BOOST_TEST(probe.answer_summary(far) == "[1e+3, 2e+3]");
    BOOST_CHECK_THROW(probes::request_of(probe, {{"context", 2}, {"epsilon", "0.1"}, {"pattern", "next"}}, "test"),
                      InvalidInput);
    BOOST_CHECK_THROW(probes::request_of(probe, {{"context", 1}, {"epsilon", "0.1"}}, "test"), InvalidInput);
}

BOOST_AUTO_TEST_SUITE_END()
