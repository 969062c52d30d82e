// Proposition 3.1: for any non-zero query q and any distance r*, the key
// k = R^(-r*) q makes a(r) = q^T R^r k = sum_k ||q^(k)||^2 cos((r - r*) g_k)
// strictly largest at r = r*. Certified with MPFI over the window |r| <= N:
// every a(r*) - a(r), r != r*, must have a positive lower bound.
//
// Sign convention (the paper's text and proof disagree): a(r) = q^T R^r k, and
// the key is built with rho(g_k)^(-r*), so the maximum sits at +r*.
// Negative control "shifted-key": build the key for r* + 1 but claim r*; the
// check must find the distance that certainly beats r*.
#include <cstdlib>
#include <optional>

#include "checks.hpp"
#include "ropecheck/numeric/certainty.hpp"
#include "ropecheck/numeric/decimal.hpp"
#include "ropecheck/rope/kernel.hpp"
#include "support/claim_support.hpp"
#include "support/exact_peak.hpp"

namespace ropecheck::claims {
namespace {

using numeric::interval;
using numeric::real;

constexpr std::int64_t max_window = 1'000'000;

class MaximalAtArbitraryDistanceCheck final : public core::Check {
public:
    std::string name() const override { return "prop-3.1"; }

    std::vector<core::ParameterSpec> parameters() const override {
        return {support::head_dim_parameter(),
                support::theta_parameter(),
                {"target_distance", core::ParameterKind::integer, "the distance r* where a(r) must peak"},
                {"window", core::ParameterKind::integer, "N: every r with |r| <= N is compared"},
                support::draw_parameter(),
                support::control_parameter("none, shifted-key")};
    }

    void validate(const core::Parameters& p) const override {
        support::rope_schedule(p);
        const std::int64_t window = p.integer("window");
        support::require_range("window", window, 1, max_window);
        support::require_range("target_distance", p.integer("target_distance"), -window, window);
        support::control_of(p, {"none", "shifted-key"});
    }

    core::InstanceResult run(const core::Instance& instance) const override {
        const core::Parameters& p = instance.params;
        const auto schedule = support::rope_schedule(p);
        const std::int64_t target = p.integer("target_distance");
        const std::int64_t window = p.integer("window");
        const bool shifted = support::control_of(p, {"none", "shifted-key"}) == "shifted-key";
        const std::int64_t built_for = shifted ? target + 1 : target;

        core::CounterRng rng(instance.seed);
        const std::vector<double> q_exact = support::gaussian_vector(rng, schedule.head_dim());
        const auto q = support::convert<interval>(q_exact);
        const auto freqs = schedule.frequencies<interval>();
        const auto k = rope::rotate<interval>(q, freqs, -built_for);
        const auto coeffs = rope::chunk_coefficients<interval>(q, k);
        const support::ExactPeak peak = support::exact_peak(coeffs, freqs, target, window);
        const interval& at_target = peak.at_target;

        // The construction's own identity a(r*) = ||q||^2 when the key is built for r*.
        const interval norm_squared = rope::dot<interval>(q, q);
        const bool peak_value_consistent = shifted || numeric::overlaps(at_target, norm_squared);
        const std::int64_t closest = peak.closest;
        const interval& gap = peak.gap;
        core::InstanceResult result;
        result.evidence["q_norm_squared"] = numeric::decimal_enclosure(norm_squared);
        result.evidence["a_at_target"] = numeric::decimal_enclosure(at_target);
        result.evidence["key_built_for"] = built_for;
        result.evidence["distances_escalated_to_mpfi"] = peak.escalated;
        result.margin = core::Margin{numeric::decimal_lower(gap), numeric::decimal_upper(gap),
                                     "r = " + std::to_string(closest)};
        if (!peak_value_consistent) {
            result.verdict = core::Verdict::error;
            result.message = "kernel inconsistency: a(r*) does not enclose ||q||^2";
            return result;
        }
        if (numeric::certainly_negative(gap)) {
            const interval beaten = rope::activation_from_coefficients<interval>(coeffs, freqs, closest);
            result.verdict = core::Verdict::refuted;
            result.message = "a(" + std::to_string(closest) + ") certainly exceeds a(r* = " + std::to_string(target) +
                             ") by at least " + numeric::decimal_lower(-gap, 6);
            core::Counterexample cx;
            cx.kind = "a distance beats the claimed maximum";
            cx.inputs = {{"head_dim", std::to_string(schedule.head_dim())},
                         {"theta", schedule.theta()},
                         {"target_distance r*", std::to_string(target)},
                         {"key built for distance", std::to_string(built_for)},
                         {"winning distance r", std::to_string(closest)}};
            cx.claimed = "a(r*) > a(r) for every r != r* with |r| <= " + std::to_string(window);
            cx.computed = "a(" + std::to_string(closest) + ") in " + numeric::decimal_enclosure(beaten) + " > a(" +
                          std::to_string(target) + ") in " + numeric::decimal_enclosure(at_target);
            cx.replay = support::replay_header(instance);
            cx.replay["inputs"] = {{"q", support::exact_vector(q_exact)},
                                   {"key_built_for", built_for},
                                   {"target_distance", target},
                                   {"winning_distance", closest}};
            result.counterexample = std::move(cx);
            return result;
        }
        if (!numeric::certainly_positive(gap)) {
            result.verdict = core::Verdict::inconclusive;
            result.message = "a(r*) and max_{r != r*} a(r) (at r = " + std::to_string(closest) +
                             ") cannot be separated at " + std::to_string(instance.precision_bits) +
                             " bits; raise --precision";
            return result;
        }
        result.verdict = core::Verdict::certified;
        result.message = "a(r*) - a(r) >= " + numeric::decimal_lower(gap, 6) + " > 0 for all " +
                         std::to_string(2 * window) + " competitors (closest at r = " + std::to_string(closest) + ")";
        return result;
    }
};

}  // namespace

std::unique_ptr<core::Check> make_prop_3_1_check() { return std::make_unique<MaximalAtArbitraryDistanceCheck>(); }

}  // namespace ropecheck::claims
