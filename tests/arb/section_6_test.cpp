// Section 6 and Appendix A: thm-6.1 (every channel's break distance, the cosine
// at the lowest break, the decision margin), pipeline-thm-6.1 (its exact break),
// lemma-a.1 (closest returns dist(r g, 2 pi Z) and their argmins) and lemma-a.2
// (the least N(delta) and the largest gaps at N(delta) and N(delta) - 1).
#include <boost/test/unit_test.hpp>

#include "arb_rope.hpp"
#include "claim_runs.hpp"
#include "cross_check.hpp"
#include "ropecheck/numeric/certainty.hpp"
#include "ropecheck/numeric/precision_guard.hpp"
#include "ropecheck/probes/density.hpp"
#include "ropecheck/probes/semantic_break.hpp"
#include "ropecheck/rope/frequency_schedule.hpp"

using namespace ropecheck;
using namespace ropecheck::arbcheck;
using numeric::interval;

namespace {

std::vector<interval> mpfi_rope(const std::string& theta, int d) {
    return rope::FrequencySchedule::rope(theta, d).frequencies<interval>();
}

sweep::SweepOptions one_thread() {
    sweep::SweepOptions o;
    o.threads = 1;
    return o;
}

// "g_12, r = 3456" -> (12, 3456).
std::pair<int, std::int64_t> frequency_and_distance(const std::string& where) {
    const auto g = where.find("g_");
    const auto r = where.find("r = ");
    BOOST_REQUIRE(g != std::string::npos && r != std::string::npos);
    return {std::stoi(where.substr(g + 2)), std::stoll(where.substr(r + 4))};
}

// How far from 0 a break was decided: min(-cos(r g), cos((r - 1) g)) (only -cos at r = 1).
Ball break_separation(const Ball& g, std::int64_t r) {
    Ball s = neg(cos(mul_si(g, r)));
    if (r > 1) arb_min(s.get(), s.get(), cos(mul_si(g, r - 1)).get(), prec);
    return s;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(arb_section_6)

BOOST_AUTO_TEST_CASE(thm_6_1_breaks_agree) {
    const auto instances = ci_instances("thm-6.1", "claim", [](const core::Parameters& p) {
        const auto d = p.integer("head_dim");
        const std::string q = p.fraction("p").str();
        return (q == "1" && (d == 2 || d == 64 || d == 256)) || (q == "0.25" && d == 8);
    });
    BOOST_TEST(instances.size() == 4u);
    for (const auto& instance : instances) {
        const auto& p = instance.params;
        const auto result = run_instance(instance);
        BOOST_TEST_CONTEXT(describe(instance)) {
            BOOST_TEST(to_string(result.verdict) == "certified");
            const int d = p.small_integer("head_dim");
            const std::string where = describe(instance);
            numeric::PrecisionGuard guard(instance.precision_bits);
            // Every channel, at theta and at the larger base, against the public probe
            // (one thread, as the claim runs it: hundreds of short sweeps).
            for (const std::string& theta : {p.decimal("theta"), p.decimal("theta_larger")}) {
                const Balls g = rope_frequencies(theta, d);
                const auto g_mpfi = mpfi_rope(theta, d);
                for (int k = 1; k <= d / 2; ++k) {
                    const auto arb = break_distance(g[static_cast<std::size_t>(k - 1)]);
                    BOOST_REQUIRE(arb.has_value());
                    const auto mpfi = probes::semantic_break({g_mpfi[static_cast<std::size_t>(k - 1)]}, p.integer("max_distance"), one_thread());
                    BOOST_REQUIRE(mpfi.first_break_distance.has_value());
                    expect_same("thm-6.1", "break distance of every g_k (theta and theta_larger)",
                                where + ", theta = " + theta + ", k = " + std::to_string(k), *arb, *mpfi.first_break_distance);
                    if (k == d / 2 && theta == p.decimal("theta"))
                        expect_agree("thm-6.1", "cos(r g) at the break", where + ", lowest", cos(mul_si(g.back(), *arb)),
                                     mpfi.value_at_break);
                }
            }
            // What the claim itself reports.
            const Balls g = rope_frequencies(p.decimal("theta"), d);
            const auto lowest = break_distance(g.back());
            const auto highest = break_distance(g.front());
            expect_same("thm-6.1", "reported break distances (g_1, g_d/4, g_d/2)", where, *highest,
                        result.evidence["break_distance_highest_g_1"].get<std::int64_t>());
            expect_same("thm-6.1", "reported break distances (g_1, g_d/4, g_d/2)", where, *lowest,
                        result.evidence["break_distance_lowest_g_" + std::to_string(d / 2)].get<std::int64_t>());
            if (d >= 4)
                expect_same("thm-6.1", "reported break distances (g_1, g_d/4, g_d/2)", where,
                            *break_distance(g[static_cast<std::size_t>(d / 4 - 1)]),
                            result.evidence["break_distance_g_" + std::to_string(d / 4)].get<std::int64_t>());
            expect_agree_text("thm-6.1", "cos(r g) at the break", where + ", reported", cos(mul_si(g.back(), *lowest)),
                              text(result.evidence["cos_at_lowest_break"]));
            const auto [k, r] = frequency_and_distance(result.margin->where);
            expect_agree_text("thm-6.1", "margin: separation from 0 around a break", where,
                              break_separation(g[static_cast<std::size_t>(k - 1)], r),
                              "[" + result.margin->lower + ", " + result.margin->upper + "]");
        }
    }
}

BOOST_AUTO_TEST_CASE(thm_6_1_perturbed_break_is_rejected) {
    // The integer analogue of disjointness: Arb must refuse the claim's break
    // distance shifted by one either way (r - 1 has cos >= 0, so it is no break;
    // r + 1 is not the least, since cos(r g) < 0 already).
    numeric::PrecisionGuard guard(128);
    const Balls g = rope_frequencies("10000", 256);
    const auto g_mpfi = mpfi_rope("10000", 256);
    for (int k : {1, 2, 64, 128}) {
        const auto mpfi = probes::semantic_break({g_mpfi[static_cast<std::size_t>(k - 1)]}, 1'000'000, one_thread());
        const std::int64_t r = *mpfi.first_break_distance;
        const Ball& gk = g[static_cast<std::size_t>(k - 1)];
        count_case("perturbation self-test", "break distance (r - 1, r + 1)");
        BOOST_TEST(certainly_nonnegative(cos(mul_si(gk, r - 1))), "r - 1 = " << r - 1 << " not rejected for k = " << k);
        BOOST_TEST(certainly_negative(cos(mul_si(gk, r))), "r + 1 = " << r + 1 << " not rejected for k = " << k);
        // And the perturbed frequency (g_{k+1} for g_k) moves the cosine at the break off MPFI's.
        if (k < 128)
            expect_disjoint("activation: cos(r g) at the break (g_{k+1})", "k = " + std::to_string(k),
                            cos(mul_si(g[static_cast<std::size_t>(k)], r)), mpfi.value_at_break);
    }
}

BOOST_AUTO_TEST_CASE(pipeline_thm_6_1_exact_break_agrees) {
    const auto instances = ci_instances("pipeline-thm-6.1", "claim", [](const core::Parameters& p) {
        return intended_pipeline(p) && ((p.integer("head_dim") == 64 && p.text("dtype") == "bfloat16") ||
                                        (p.integer("head_dim") == 128 && p.text("dtype") == "float16"));
    });
    for (const auto& instance : instances) {
        const auto result = run_instance(instance);
        BOOST_TEST(to_string(result.verdict) == "certified");
        const int d = instance.params.small_integer("head_dim");
        const auto arb = break_distance(rope_frequencies(instance.params.decimal("theta"), d).back());
        BOOST_REQUIRE(arb.has_value());
        expect_same("pipeline-thm-6.1", "exact break distance of g_d/2", describe(instance), *arb,
                    result.evidence["exact_break_distance"].get<std::int64_t>());
    }
}

BOOST_AUTO_TEST_CASE(lemma_a_1_closest_returns_agree) {
    const auto instances = ci_instances("lemma-a.1", "claim", [](const core::Parameters& p) {
        const auto d = p.integer("head_dim");
        const auto n = p.integer("max_distance");
        const bool ten_k = p.decimal("theta") == "10000";
        return (d == 2 && n == 1000000 && ten_k) || (d == 16 && n == 1000000 && !ten_k) || (d == 64 && n == 1000 && ten_k);
    });
    BOOST_TEST(instances.size() == 3u);
    for (const auto& instance : instances) {
        const auto& p = instance.params;
        const auto result = run_instance(instance);
        BOOST_TEST_CONTEXT(describe(instance)) {
            BOOST_TEST(to_string(result.verdict) == "certified");
            const int d = p.small_integer("head_dim");
            const std::int64_t n = p.integer("max_distance");
            const Balls g = rope_frequencies(p.decimal("theta"), d);
            numeric::PrecisionGuard guard(instance.precision_bits);
            const auto g_mpfi = mpfi_rope(p.decimal("theta"), d);
            const auto& returns = result.evidence["closest_returns"];
            Ball smallest;
            for (int k = 1; k <= d / 2; ++k) {
                const std::string where = describe(instance) + ", k = " + std::to_string(k);
                const ClosestReturn arb = closest_return(g[static_cast<std::size_t>(k - 1)], n);
                BOOST_TEST(arb.certified, "Arb cannot certify the argmin at " << where);
                const auto& row = returns[static_cast<std::size_t>(k - 1)];
                expect_same("lemma-a.1", "argmin r (continued fraction and sweep)", where, arb.argmin,
                            row["r_continued_fraction"].get<std::int64_t>());
                expect_same("lemma-a.1", "argmin r (continued fraction and sweep)", where, arb.argmin,
                            row["r_sweep"].get<std::int64_t>());
                const auto mpfi = probes::closest_return(g_mpfi[static_cast<std::size_t>(k - 1)], n);
                expect_agree("lemma-a.1", "closest-return distance dist(r g, 2 pi Z)", where, arb.distance, mpfi.distance);
                count_case("lemma-a.1", "reported distance_lower <= Arb");
                BOOST_TEST(!certainly_less(arb.distance, Ball::decimal(text(row["distance_lower"]))));
                if (k == 1) smallest = arb.distance;
                else arb_min(smallest.get(), smallest.get(), arb.distance.get(), prec);
            }
            expect_agree_text("lemma-a.1", "margin: smallest closest return", describe(instance), smallest,
                              "[" + result.margin->lower + ", " + result.margin->upper + "]");
        }
    }
}

BOOST_AUTO_TEST_CASE(lemma_a_1_perturbed_distance_is_disjoint) {
    numeric::PrecisionGuard guard(128);
    const auto g_mpfi = mpfi_rope("500000", 16);
    const Balls g = rope_frequencies("500000", 16);
    for (int k : {1, 2, 4}) {
        const auto mpfi = probes::closest_return(g_mpfi[static_cast<std::size_t>(k - 1)], 1'000'000);
        const auto off = return_distance(g[static_cast<std::size_t>(k - 1)], mpfi.closest_return + 1);
        BOOST_REQUIRE(off.has_value());
        expect_disjoint("closest-return distance (argmin + 1)", "k = " + std::to_string(k), *off, mpfi.distance);
    }
}

BOOST_AUTO_TEST_CASE(lemma_a_2_least_lengths_agree) {
    // The claim itself on d = 2 (g_1 = 1), both gaps.
    const auto instances = ci_instances("lemma-a.2", "claim", [](const core::Parameters& p) {
        return p.integer("head_dim") == 2 && p.decimal("theta") == "10000";
    });
    for (const auto& instance : instances) {
        const auto result = run_instance(instance);
        BOOST_TEST(to_string(result.verdict) == "certified");
        const Ball delta = Ball::decimal(instance.params.decimal("gap"));
        const auto& row = result.evidence["least_lengths"][0];
        const std::int64_t n = row["least_length_continued_fraction"].get<std::int64_t>();
        BOOST_TEST(row["least_length_insertion"].get<std::int64_t>() == n);
        const auto at = largest_gap(Ball::integer(1), n), before = largest_gap(Ball::integer(1), n - 1);
        BOOST_REQUIRE(at.has_value() && before.has_value());
        count_case("lemma-a.2", "N(delta) is least: gap(N) < delta <= gap(N - 1)");
        BOOST_TEST(certainly_less(*at, delta), describe(instance) << ": gap at N = " << n << " is " << at->str());
        BOOST_TEST(certainly_less_equal(delta, *before), describe(instance) << ": gap at N - 1 is " << before->str());
    }
    // The public probe on every frequency of d = 16, theta = 5e5 (ci grid), both gaps.
    numeric::PrecisionGuard guard(128);
    const auto g_mpfi = mpfi_rope("500000", 16);
    const Balls g = rope_frequencies("500000", 16);
    for (const std::string gap : {"0.5", "0.05"})
        for (int k = 1; k <= 8; ++k) {
            const std::string where = "d = 16, theta = 500000, gap = " + gap + ", k = " + std::to_string(k);
            const auto mpfi = probes::density(g_mpfi[static_cast<std::size_t>(k - 1)], numeric::enclose_decimal(gap), 1'000'000);
            BOOST_REQUIRE(mpfi.least_length.has_value());
            const std::int64_t n = *mpfi.least_length;
            const Ball& gk = g[static_cast<std::size_t>(k - 1)];
            const auto at = largest_gap(gk, n), before = largest_gap(gk, n - 1);
            BOOST_REQUIRE(at.has_value() && before.has_value());
            expect_agree("lemma-a.2", "largest gap at N(delta) and N(delta) - 1", where, *at, mpfi.largest_gap_at_answer);
            expect_agree("lemma-a.2", "largest gap at N(delta) and N(delta) - 1", where + " (N - 1)", *before,
                         mpfi.largest_gap_before_answer);
            count_case("lemma-a.2", "N(delta) is least: gap(N) < delta <= gap(N - 1)");
            const Ball delta = Ball::decimal(gap);
            BOOST_TEST(certainly_less(*at, delta), where);
            BOOST_TEST(certainly_less_equal(delta, *before), where);
        }
}

BOOST_AUTO_TEST_CASE(lemma_a_2_perturbed_gap_is_disjoint) {
    numeric::PrecisionGuard guard(128);
    const auto g_mpfi = mpfi_rope("500000", 16);
    const Balls g = rope_frequencies("500000", 16);
    for (int k : {1, 2, 5}) {
        const auto mpfi = probes::density(g_mpfi[static_cast<std::size_t>(k - 1)], numeric::enclose_decimal("0.05"), 1'000'000);
        // One point fewer: by the definition of N(delta) the gap at N(delta) - 1 is >= delta
        // and the one at N(delta) below it, so the balls must be disjoint.
        const auto off = largest_gap(g[static_cast<std::size_t>(k - 1)], *mpfi.least_length - 1);
        BOOST_REQUIRE(off.has_value());
        expect_disjoint("largest gap (N(delta) - 1)", "k = " + std::to_string(k), *off, mpfi.largest_gap_at_answer);
    }
}

BOOST_AUTO_TEST_SUITE_END()
