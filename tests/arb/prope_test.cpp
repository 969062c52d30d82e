// prope-identities: p-RoPE and NeoX partial-rotary activations for the claim's
// own Gaussian q, k (the kept frequencies themselves are in frequencies_test),
// the removed chunks' position independence at r = 0 and r = 2^40, and the
// negative control's certified difference between the two schedules.
#include <boost/test/unit_test.hpp>

#include "arb_rope.hpp"
#include "claim_runs.hpp"
#include "cross_check.hpp"
#include "ropecheck/numeric/precision_guard.hpp"
#include "ropecheck/rope/frequency_schedule.hpp"
#include "ropecheck/rope/kernel.hpp"

using namespace ropecheck;
using namespace ropecheck::arbcheck;
using numeric::interval;
using rope::FrequencySchedule;
using rope::RotaryKind;

namespace {

struct Draws {
    std::vector<double> q, k;
};
Draws draws_of(const core::Instance& instance) {
    core::CounterRng rng(instance.seed);
    const int d = instance.params.small_integer("head_dim");
    Draws out;
    out.q = gaussian_draws(rng, d);
    out.k = gaussian_draws(rng, d);
    return out;
}

std::vector<interval> intervals_of(const std::vector<double>& v) { return std::vector<interval>(v.begin(), v.end()); }

}  // namespace

BOOST_AUTO_TEST_SUITE(arb_prope)

BOOST_AUTO_TEST_CASE(prope_activations_agree) {
    const auto instances = ci_instances("prope-identities", "claim", [](const core::Parameters& p) {
        const auto d = p.integer("head_dim");
        const std::string q = p.fraction("p").str();
        return (d == 8 && q == "0.5") || (d == 64 && (q == "0" || q == "0.75")) || (d == 256 && q == "0.25");
    });
    BOOST_TEST(instances.size() == 8u);
    for (const auto& instance : instances) {
        const auto& p = instance.params;
        const auto result = run_instance(instance);
        BOOST_TEST_CONTEXT(describe(instance)) {
            BOOST_TEST(to_string(result.verdict) == "certified");
            const int d = p.small_integer("head_dim");
            const std::string theta = p.decimal("theta");
            const auto frac = p.fraction("p");
            const Draws x = draws_of(instance);
            const Balls q = balls_of(x.q), k = balls_of(x.k);
            numeric::PrecisionGuard guard(instance.precision_bits);
            const auto qi = intervals_of(x.q), ki = intervals_of(x.k);
            const FrequencySchedule prope(RotaryKind::p_rope, theta, d, frac);
            const auto g_p = prope.frequencies<interval>();
            const Balls arb_p = p_rope_frequencies(theta, d, frac.numerator, frac.denominator);
            for (std::int64_t r : {0, 1, 7, 32}) {
                const std::string where = describe(instance) + ", r = " + std::to_string(r);
                expect_agree("prope-identities", "p-RoPE activation a(r)", where, activation(q, k, arb_p, r),
                             rope::activation<interval>(qi, ki, g_p, r));
            }
            if (frac.is_zero())
                expect_agree("prope-identities", "p = 0: NoPE q^T k", describe(instance), dot(q, k),
                             rope::dot<interval>(qi, ki));
            // Removed chunks only: the same at r = 0 and r = 2^40.
            const std::int64_t m = result.evidence["kept_pairs"].get<std::int64_t>();
            Balls q_removed = q, k_removed = k;
            auto qi_removed = qi, ki_removed = ki;
            for (std::int64_t i = 0; i < 2 * m; ++i) {
                q_removed[static_cast<std::size_t>(i)] = Ball::integer(0);
                k_removed[static_cast<std::size_t>(i)] = Ball::integer(0);
                qi_removed[static_cast<std::size_t>(i)] = interval(0);
                ki_removed[static_cast<std::size_t>(i)] = interval(0);
            }
            const std::int64_t far = std::int64_t{1} << 40;
            const Ball at_far = activation(q_removed, k_removed, arb_p, far);
            expect_agree("prope-identities", "removed chunks at r = 2^40", describe(instance), at_far,
                         rope::activation<interval>(qi_removed, ki_removed, g_p, far));
            count_case("prope-identities", "removed chunks: a(2^40) = a(0) in Arb");
            BOOST_TEST(overlaps(at_far, activation(q_removed, k_removed, arb_p, 0)));
            // NeoX partial rotary where defined.
            const std::int64_t rotary_dim = frac.numerator * d / frac.denominator;
            if (rotary_dim >= 4 && rotary_dim % 2 == 0 && rotary_dim < d) {
                const auto g_n = FrequencySchedule(RotaryKind::neox_partial, theta, d, frac).frequencies<interval>();
                const Balls arb_n = neox_partial_frequencies(theta, d, frac.numerator, frac.denominator);
                for (std::int64_t r : {1, 32})
                    expect_agree("prope-identities", "NeoX partial activation a(r)",
                                 describe(instance) + ", r = " + std::to_string(r), activation(q, k, arb_n, r),
                                 rope::activation<interval>(qi, ki, g_n, r));
            }
        }
    }
}

BOOST_AUTO_TEST_CASE(prope_negative_control_agrees) {
    const auto instances = ci_instances("prope-identities", "negative/neox-equals-prope", [](const core::Parameters& p) {
        return p.integer("head_dim") == 64 && p.decimal("theta") == "10000";
    });
    for (const auto& instance : instances) {
        const auto& p = instance.params;
        const auto result = run_instance(instance);
        BOOST_TEST(to_string(result.verdict) == "refuted");
        BOOST_REQUIRE(result.counterexample.has_value());
        const std::int64_t r = result.counterexample->replay["inputs"]["distance"].get<std::int64_t>();
        const auto frac = p.fraction("p");
        const Draws x = draws_of(instance);
        const Balls q = balls_of(x.q), k = balls_of(x.k);
        const Ball a_p = activation(q, k, p_rope_frequencies("10000", 64, frac.numerator, frac.denominator), r);
        const Ball a_n = activation(q, k, neox_partial_frequencies("10000", 64, frac.numerator, frac.denominator), r);
        // "p-RoPE a(r) in [..], NeoX a(r) in [..]"
        const std::string computed = result.counterexample->computed;
        const auto first = computed.find('['), second = computed.find('[', first + 1);
        expect_agree_text("prope-identities", "p-RoPE vs NeoX activations (negative control)", describe(instance), a_p,
                          computed.substr(first, computed.find(']', first) - first + 1));
        expect_agree_text("prope-identities", "p-RoPE vs NeoX activations (negative control)", describe(instance), a_n,
                          computed.substr(second));
        count_case("prope-identities", "NeoX differs from p-RoPE (Arb, certainly)");
        BOOST_TEST(!overlaps(a_p, a_n));
    }
}

BOOST_AUTO_TEST_CASE(prope_perturbed_distance_is_disjoint) {
    const auto instance = ci_instances("prope-identities", "claim", [](const core::Parameters& p) {
        return p.integer("head_dim") == 64 && p.fraction("p").str() == "0.75" && p.decimal("theta") == "10000";
    }).front();
    const Draws x = draws_of(instance);
    numeric::PrecisionGuard guard(128);
    const auto frac = instance.params.fraction("p");
    const auto g_p = FrequencySchedule(RotaryKind::p_rope, "10000", 64, frac).frequencies<interval>();
    const Balls arb_p = p_rope_frequencies("10000", 64, frac.numerator, frac.denominator);
    for (std::int64_t r : {1, 7, 32})
        expect_disjoint("activation a(r) (a(r + 1) on the Arb side)", describe(instance) + ", r = " + std::to_string(r),
                        activation(balls_of(x.q), balls_of(x.k), arb_p, r + 1),
                        rope::activation<interval>(intervals_of(x.q), intervals_of(x.k), g_p, r));
}

BOOST_AUTO_TEST_SUITE_END()
