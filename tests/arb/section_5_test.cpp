// Section 5 and Table 1: thm-5.3 (the least scale s* and its binding distance),
// table-1 (the positional-pattern scale on g_1), prop-5.2 (NoPE ties and the
// RoPE separation on [x_bos, x_1, x_1], and the negative control's Theorem 5.3
// weights). Arb rebuilds each attention row from its logits.
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <cmath>

#include "arb_rope.hpp"
#include "claim_runs.hpp"
#include "cross_check.hpp"
#include "ropecheck/numeric/certainty.hpp"
#include "ropecheck/numeric/precision_guard.hpp"
#include "ropecheck/probes/diagonal_scale.hpp"
#include "ropecheck/rope/frequency_schedule.hpp"

using namespace ropecheck;
using namespace ropecheck::arbcheck;
using numeric::interval;

namespace {

// min over 1 <= r <= last of 1 - cos(r g), with every r in Arb (last <= a few thousand).
struct Binding {
    std::int64_t argmin = 0;
    Ball margin;
    bool certified = false;
};
Binding binding(const Ball& g, std::int64_t last) {
    Binding b;
    std::vector<Ball> m;
    for (std::int64_t r = 1; r <= last; ++r) m.push_back(sub(Ball::integer(1), cos(mul_si(g, r))));
    std::size_t best = 0;
    for (std::size_t i = 1; i < m.size(); ++i)
        if (arf_cmp(arb_midref(m[i].get()), arb_midref(m[best].get())) < 0) best = i;
    b.argmin = static_cast<std::int64_t>(best) + 1;
    b.margin = m[best];
    b.certified = true;
    for (std::size_t i = 0; i < m.size(); ++i)
        if (i != best && !certainly_less(m[best], m[i])) b.certified = false;
    return b;
}

// The thm-5.3 Arb checks of one instance: the target weight at both ends of the
// printed bracket for s*, and the bar 1 - eps.
struct ScaleCheck {
    Ball weight_upper;  // alpha at s_upper
    Ball weight_lower;  // alpha at s_lower
    Ball bar;           // 1 - eps
};
ScaleCheck scale_check(const Ball& g, std::int64_t n, const std::string& epsilon, bool previous,
                       const std::string& s_lower, const std::string& s_upper) {
    ScaleCheck c;
    c.weight_upper = diagonal_target_weight(g, n, Ball::decimal(s_upper), previous);
    c.weight_lower = diagonal_target_weight(g, n, Ball::decimal(s_lower), previous);
    c.bar = sub(Ball::integer(1), Ball::decimal(epsilon));
    return c;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(arb_section_5)

BOOST_AUTO_TEST_CASE(thm_5_3_scale_bracket_agrees) {
    const auto instances = ci_instances("thm-5.3", "claim", [](const core::Parameters& p) {
        const auto k = p.integer("frequency_index");
        const auto n = p.integer("context");
        const std::string e = p.decimal("epsilon");
        const bool diag = p.text("pattern") == "diagonal";
        return (k == 1 && n == 10 && e == "0.1" && diag) || (k == 1 && n == 400 && e == "0.01" && !diag) ||
               (k == 8 && n == 5000 && e == "0.01" && diag) || (k == 8 && n == 400 && e == "0.1" && !diag) ||
               (k == 1 && n == 5000 && e == "0.1" && !diag) || (k == 8 && n == 10 && e == "0.01" && diag);
    });
    BOOST_TEST(instances.size() == 6u);
    for (const auto& instance : instances) {
        const auto& p = instance.params;
        const auto result = run_instance(instance);
        BOOST_TEST_CONTEXT(describe(instance)) {
            BOOST_TEST(to_string(result.verdict) == "certified");
            const int d = p.small_integer("head_dim");
            const std::int64_t k = p.integer("frequency_index");
            const std::int64_t n = p.integer("context");
            const bool previous = p.text("pattern") == "previous-token";
            const std::string eps = p.decimal("epsilon");
            const Ball g = theta_power(p.decimal("theta"), 2 * (k - 1), d);
            const std::string where = describe(instance);
            expect_agree_text("thm-5.3", "frequency g_K", where, g, text(result.evidence["frequency"]));

            // The pattern certainly holds at the printed upper end and certainly fails at the lower end.
            const std::string lo = text(result.evidence["s_star_lower"]), up = text(result.evidence["s_star_upper"]);
            const ScaleCheck c = scale_check(g, n, eps, previous, lo, up);
            count_case("thm-5.3", "alpha(s_upper) > 1 - eps >= alpha(s_lower)");
            BOOST_TEST(certainly_less(c.bar, c.weight_upper), "Arb: the pattern does not hold at s_upper = " << up);
            BOOST_TEST(certainly_less_equal(c.weight_lower, c.bar), "Arb: the pattern does not fail at s_lower = " << lo);

            // The weight at the bracket ends against the probe's (public API) MPFI enclosure.
            numeric::PrecisionGuard guard(instance.precision_bits);
            const interval g_mpfi = rope::FrequencySchedule::rope(p.decimal("theta"), d).frequencies<interval>()[static_cast<std::size_t>(k - 1)];
            const auto pattern = previous ? probes::Pattern::previous_token : probes::Pattern::diagonal;
            // The logits s cos(r g) carry s times the 128-bit rounding of cos(r g), so the
            // weight's radius scales with s (up to ~1e10 here): the narrowness bar is 1e-30 s.
            const double tolerance = 1e-30 * std::max(1.0, std::stod(up));
            for (const auto& [s, weight] : {std::pair{up, c.weight_upper}, std::pair{lo, c.weight_lower}})
                expect_agree("thm-5.3", "target weight alpha at the bracket ends", where + ", s = " + s, weight,
                             probes::target_weight(g_mpfi, n, numeric::enclose_decimal(s), pattern), tolerance);

            // The binding competitor: argmin of 1 - cos(r g) over the competitor distances.
            const Binding b = binding(g, previous ? std::max<std::int64_t>(n - 2, 1) : n - 1);
            BOOST_TEST(b.certified);
            expect_same("thm-5.3", "binding distance", where, b.argmin, result.evidence["binding_distance"].get<std::int64_t>());
            expect_agree_text("thm-5.3", "binding margin 1 - cos(r g)", where, b.margin, text(result.evidence["binding_margin"]));
        }
    }
}

BOOST_AUTO_TEST_CASE(thm_5_3_perturbed_scale_is_disjoint) {
    const auto instance = ci_instances("thm-5.3", "claim", [](const core::Parameters& p) {
        return p.integer("frequency_index") == 1 && p.integer("context") == 400 && p.decimal("epsilon") == "0.01" &&
               p.text("pattern") == "diagonal";
    }).front();
    const auto result = run_instance(instance);
    const std::string up = text(result.evidence["s_star_upper"]), lo = text(result.evidence["s_star_lower"]);
    const Ball g = theta_power("10000", 0, 64);
    // The scale off by one part in 10^12 (the bracket itself is ~2^-40 wide): the
    // weights at both ends must move off MPFI's. (One competitor more, N + 1, would
    // not do: it adds exp(-s (1 - cos(N g))), far below any width at these scales.)
    const Ball nudge = Ball::decimal("1.000000000001");
    numeric::PrecisionGuard guard(128);
    const interval g1 = rope::FrequencySchedule::rope("10000", 64).frequencies<interval>()[0];
    expect_disjoint("scale: target weight at s_upper (s (1 + 1e-12))", describe(instance),
                    diagonal_target_weight(g, 400, mul(Ball::decimal(up), nudge), false),
                    probes::target_weight(g1, 400, numeric::enclose_decimal(up)));
    expect_disjoint("scale: target weight at s_lower (s (1 + 1e-12))", describe(instance),
                    diagonal_target_weight(g, 400, mul(Ball::decimal(lo), nudge), false),
                    probes::target_weight(g1, 400, numeric::enclose_decimal(lo)));
    // And the binding margin one distance off.
    const std::int64_t r = result.evidence["binding_distance"].get<std::int64_t>();
    expect_disjoint("margin: binding 1 - cos(r g) (r + 1)", describe(instance),
                    sub(Ball::integer(1), cos(mul_si(g, r + 1))), from_enclosure_text(text(result.evidence["binding_margin"])));
}

BOOST_AUTO_TEST_CASE(table_1_agrees) {
    const auto instances = ci_instances("table-1", "claim", [](const core::Parameters& p) {
        const std::string q = p.fraction("p").str();
        return q == "0" || q == "0.25" || q == "1";
    });
    for (const auto& instance : instances) {
        const auto& p = instance.params;
        const auto result = run_instance(instance);
        BOOST_TEST_CONTEXT(describe(instance)) {
            BOOST_TEST(to_string(result.verdict) == "certified");
            const int d = p.small_integer("head_dim");
            const auto frac = p.fraction("p");
            const Balls g = p_rope_frequencies(p.decimal("theta"), d, frac.numerator, frac.denominator);
            const std::string where = describe(instance);
            if (!frac.is_zero()) {
                // s* for g_1 at (N, eps), printed to 12 digits outward: still a bracket.
                const auto [lower, upper] = enclosure_ends(text(result.evidence["least_scale_g1"]));
                const Ball lo = Ball::decimal(lower), up = Ball::decimal(upper);
                const Ball bar = sub(Ball::integer(1), Ball::decimal(p.decimal("epsilon")));
                const std::int64_t n = p.integer("context");
                count_case("table-1", "least scale on g_1 brackets s* (weights at both ends)");
                BOOST_TEST(certainly_less(bar, diagonal_target_weight(g[0], n, up, false)));
                BOOST_TEST(certainly_less_equal(diagonal_target_weight(g[0], n, lo, false), bar));
            }
            if (result.evidence.contains("lowest_frequency_break_distance")) {
                const auto r = break_distance(g.back());
                BOOST_REQUIRE(r.has_value());
                expect_same("table-1", "lowest-frequency break distance", where, *r,
                            result.evidence["lowest_frequency_break_distance"].get<std::int64_t>());
            }
        }
    }
}

namespace {

// prop-5.2's inputs as the claim draws them: W_Q, W_K (d x d_model, N(0, 1) times
// 1/sqrt(d_model) in double), then x_bos and x_1.
struct Prop52Inputs {
    std::vector<std::vector<double>> w_q, w_k;
    std::vector<double> x_bos, x_1;
};
Prop52Inputs prop_5_2_inputs(const core::Instance& instance) {
    const int d = instance.params.small_integer("head_dim");
    const int m = instance.params.small_integer("model_dim");
    core::CounterRng rng(instance.seed);
    const double scale = 1 / std::sqrt(static_cast<double>(m));
    const auto matrix = [&] {
        std::vector<std::vector<double>> w;
        for (int i = 0; i < d; ++i) {
            auto row = gaussian_draws(rng, m);
            for (double& x : row) x *= scale;
            w.push_back(std::move(row));
        }
        return w;
    };
    Prop52Inputs in;
    in.w_q = matrix();
    in.w_k = matrix();
    in.x_bos = gaussian_draws(rng, m);
    in.x_1 = gaussian_draws(rng, m);
    return in;
}

Balls project(const std::vector<std::vector<double>>& w, const std::vector<double>& x) {
    Balls out;
    for (const auto& row : w) out.push_back(dot(balls_of(row), balls_of(x)));
    return out;
}

struct Prop52Arb {
    Balls nope;                // a_{3,1..3} = q_3^T k_j
    Ball nope_alpha_3, nope_alpha_2, half_gap;
    Ball separation;           // RoPE a_{3,3} - a_{3,2}
    Ball rope_alpha_3, rope_alpha_2;
};
// position_offset perturbs the RoPE relative distance j - 3 (self-test).
Prop52Arb prop_5_2_arb(const core::Instance& instance, std::int64_t position_offset = 0) {
    const auto in = prop_5_2_inputs(instance);
    const auto& p = instance.params;
    const std::vector<std::vector<double>> tokens{in.x_bos, in.x_1, in.x_1};
    std::vector<Balls> keys;
    for (const auto& x : tokens) keys.push_back(project(in.w_k, x));
    const Balls q3 = project(in.w_q, in.x_1);
    Prop52Arb out;
    for (const auto& k : keys) out.nope.push_back(dot(q3, k));
    out.nope_alpha_3 = softmax_weight(out.nope, 2);
    out.nope_alpha_2 = softmax_weight(out.nope, 1);
    out.half_gap = div(softmax_weight(out.nope, 0), Ball::integer(2));
    const auto frac = p.fraction("p");
    const Balls g = p_rope_frequencies(p.decimal("theta"), p.small_integer("head_dim"), frac.numerator, frac.denominator);
    Balls rotary;
    for (std::int64_t j = 1; j <= 3; ++j)
        rotary.push_back(activation(q3, keys[static_cast<std::size_t>(j - 1)], g, j - 3 + position_offset));
    out.separation = sub(rotary[2], rotary[1]);
    out.rope_alpha_3 = softmax_weight(rotary, 2);
    out.rope_alpha_2 = softmax_weight(rotary, 1);
    return out;
}

}  // namespace

BOOST_AUTO_TEST_CASE(prop_5_2_agrees) {
    const auto instances = ci_instances("prop-5.2", "claim", [](const core::Parameters& p) {
        const auto d = p.integer("head_dim");
        const auto draw = p.integer("draw");
        const std::string q = p.fraction("p").str();
        return (d == 4 && q == "0.5" && draw == 0) || (d == 16 && q == "1" && draw == 1) || (d == 64 && q == "1" && draw == 3);
    });
    BOOST_TEST(instances.size() == 3u);
    for (const auto& instance : instances) {
        const auto result = run_instance(instance);
        BOOST_TEST_CONTEXT(describe(instance)) {
            BOOST_TEST(to_string(result.verdict) == "certified");
            const Prop52Arb arb = prop_5_2_arb(instance);
            const std::string where = describe(instance);
            for (std::size_t j = 0; j < 3; ++j)
                expect_agree_text("prop-5.2", "NoPE activations a_{3,j}", where + ", j = " + std::to_string(j + 1),
                                  arb.nope[j], text(result.evidence["nope_activations"][j]));
            expect_agree_text("prop-5.2", "NoPE weights alpha_{3,3}, alpha_{3,2}", where, arb.nope_alpha_3, text(result.evidence["nope_alpha_3_3"]));
            expect_agree_text("prop-5.2", "NoPE weights alpha_{3,3}, alpha_{3,2}", where, arb.nope_alpha_2, text(result.evidence["nope_alpha_3_2"]));
            expect_agree_text("prop-5.2", "margin 1/2 - alpha_{3,3} = alpha_{3,1}/2", where, arb.half_gap,
                              "[" + result.margin->lower + ", " + result.margin->upper + "]");
            expect_agree_text("prop-5.2", "RoPE a_{3,3} - a_{3,2}", where, arb.separation, text(result.evidence["rope_a_3_3_minus_a_3_2"]));
            expect_agree_text("prop-5.2", "RoPE weights alpha_{3,3}, alpha_{3,2}", where, arb.rope_alpha_3, text(result.evidence["rope_alpha_3_3"]));
            expect_agree_text("prop-5.2", "RoPE weights alpha_{3,3}, alpha_{3,2}", where, arb.rope_alpha_2, text(result.evidence["rope_alpha_3_2"]));
        }
    }
}

BOOST_AUTO_TEST_CASE(prop_5_2_negative_control_agrees) {
    // Theorem 5.3's construction on g_1 = 1 over three positions at the claim's own ||psi||^2.
    const auto instances = ci_instances("prop-5.2", "negative/claim-for-rope", [](const core::Parameters& p) { return p.integer("head_dim") == 16; });
    for (const auto& instance : instances) {
        const auto result = run_instance(instance);
        BOOST_TEST(to_string(result.verdict) == "refuted");
        for (const auto& [name, previous] : {std::pair{"diagonal", false}, std::pair{"previous-token", true}}) {
            const auto& e = result.evidence[name];
            const Ball weight = diagonal_target_weight(Ball::integer(1), 3, Ball::decimal(text(e["scale"])), previous);
            expect_agree_text("prop-5.2", "Thm 5.3 weights on [x_bos, x_1, x_1] (negative control)",
                              describe(instance) + ", " + name, weight, text(e["alpha"]));
        }
    }
}

BOOST_AUTO_TEST_CASE(prop_5_2_perturbed_distance_is_disjoint) {
    const auto instance = ci_instances("prop-5.2", "claim", [](const core::Parameters& p) {
        return p.integer("head_dim") == 16 && p.fraction("p").str() == "1" && p.integer("draw") == 0;
    }).front();
    const auto result = run_instance(instance);
    const Prop52Arb arb = prop_5_2_arb(instance, 1);  // every key one position further away
    expect_disjoint("activation: RoPE a_{3,3} - a_{3,2} (distance + 1)", describe(instance), arb.separation,
                    from_enclosure_text(text(result.evidence["rope_a_3_3_minus_a_3_2"])));
    expect_disjoint("attention weight: RoPE alpha_{3,3} (distance + 1)", describe(instance), arb.rope_alpha_3,
                    from_enclosure_text(text(result.evidence["rope_alpha_3_3"])));
}

BOOST_AUTO_TEST_SUITE_END()
