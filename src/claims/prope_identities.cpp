// p-RoPE identities (Section 6.1 and Table 1), certified with MPFI:
//  1. p-RoPE rotates exactly m = floor(p d / 2) pairs, the first m, where m is
//     recomputed here in exact integer arithmetic from the decimal p;
//  2. kept frequencies equal RoPE's highest: each kept g_k encloses RoPE's g_k
//     and an independent evaluation theta^(-2(k-1)/d) through MPFI's pow;
//  3. removed chunks are exactly position-independent: their frequency is the
//     exact number 0, so rho(r * 0) = I for every r, and their activation at
//     r = 2^40 is bit-for-bit the one at r = 0 (the rotation is the identity);
//  4. p = 0 equals NoPE: the activation encloses q^T k at every tested r;
//     p = 1 equals RoPE: identical frequency enclosures;
//  5. GPT-NeoX partial rotary with the same p (when floor(p d) is even and >= 2,
//     and p < 1) is a different schedule: some frequency and some activation
//     certainly differ from p-RoPE's.
// Negative control "neox-equals-prope": claims NeoX partial rotary equals
// p-RoPE; refuted by the first distance where the activations certainly differ.
#include <optional>

#include "checks.hpp"
#include "ropecheck/numeric/certainty.hpp"
#include "ropecheck/numeric/decimal.hpp"
#include "ropecheck/rope/kernel.hpp"
#include "support/claim_support.hpp"

namespace ropecheck::claims {
namespace {

using numeric::interval;
using rope::FrequencySchedule;
using rope::RotaryKind;

bool identical(const interval& a, const interval& b) {
    return numeric::lower_bound(a) == numeric::lower_bound(b) && numeric::upper_bound(a) == numeric::upper_bound(b);
}

bool is_exact_zero(const interval& x) { return identical(x, interval(0)); }

struct Difference {
    std::int64_t distance;
    interval prope;
    interval neox;
};

class PRopeIdentitiesCheck final : public core::Check {
public:
    std::string name() const override { return "prope-identities"; }

    std::vector<core::ParameterSpec> parameters() const override {
        return {support::head_dim_parameter(),
                support::theta_parameter(),
                {"p", core::ParameterKind::fraction, "fraction of frequencies kept, in [0, 1]"},
                {"window", core::ParameterKind::integer, "activations compared at 0 <= r <= window"},
                support::draw_parameter(),
                support::control_parameter("none, neox-equals-prope")};
    }

    void validate(const core::Parameters& params) const override {
        FrequencySchedule(RotaryKind::p_rope, params.decimal("theta"), params.small_integer("head_dim"),
                          params.fraction("p"));
        support::require_range("window", params.integer("window"), 1, 100'000);
        support::control_of(params, {"none", "neox-equals-prope"});
    }

    core::InstanceResult run(const core::Instance& instance) const override {
        const core::Parameters& params = instance.params;
        const std::string theta = params.decimal("theta");
        const int d = params.small_integer("head_dim");
        const auto p = params.fraction("p");
        const std::int64_t window = params.integer("window");
        const bool negative = support::control_of(params, {"none", "neox-equals-prope"}) == "neox-equals-prope";

        const FrequencySchedule rope_s = FrequencySchedule::rope(theta, d);
        const FrequencySchedule prope_s(RotaryKind::p_rope, theta, d, p);
        const auto g_rope = rope_s.frequencies<interval>();
        const auto g_p = prope_s.frequencies<interval>();
        // Exact integer arithmetic, independent of the schedule's own count.
        const std::int64_t m = (p.numerator * d) / (2 * p.denominator);

        core::CounterRng rng(instance.seed);
        const auto q_exact = support::gaussian_vector(rng, d);
        const auto k_exact = support::gaussian_vector(rng, d);
        const auto q = support::convert<interval>(q_exact);
        const auto k = support::convert<interval>(k_exact);
        const auto coeffs = rope::chunk_coefficients<interval>(q, k);

        core::InstanceResult result;
        result.evidence["kept_pairs"] = m;
        result.evidence["removed_pairs"] = d / 2 - m;
        std::vector<std::string> failures;

        // 1 and 2: which pairs rotate, and at which frequency.
        const interval theta_enclosure = numeric::enclose_decimal(theta);
        for (int i = 0; i < d / 2; ++i) {
            const auto& chunk = prope_s.chunks()[static_cast<std::size_t>(i)];
            const bool should_rotate = i < m;
            if (chunk.rotated != should_rotate)
                failures.push_back("pair " + std::to_string(i + 1) + (should_rotate ? " should rotate" : " should not rotate"));
            if (!should_rotate) {
                if (!is_exact_zero(g_p[static_cast<std::size_t>(i)]))
                    failures.push_back("removed pair " + std::to_string(i + 1) + " has a non-zero frequency");
                continue;
            }
            const interval by_pow = pow(theta_enclosure, interval(-2 * i) / interval(d));
            if (!numeric::overlaps(g_p[static_cast<std::size_t>(i)], by_pow) ||
                !identical(g_p[static_cast<std::size_t>(i)], g_rope[static_cast<std::size_t>(i)]))
                failures.push_back("kept g_" + std::to_string(i + 1) + " differs from RoPE's");
        }

        // 3: removed chunks contribute the same at r = 0 and at r = 2^40.
        std::vector<interval> only_removed_q(q), only_removed_k(k);
        for (int i = 0; i < 2 * m; ++i) {
            only_removed_q[static_cast<std::size_t>(i)] = interval(0);
            only_removed_k[static_cast<std::size_t>(i)] = interval(0);
        }
        const std::int64_t far = std::int64_t{1} << 40;
        if (!identical(rope::activation<interval>(only_removed_q, only_removed_k, g_p, 0),
                       rope::activation<interval>(only_removed_q, only_removed_k, g_p, far)))
            failures.push_back("removed chunks change between r = 0 and r = 2^40");

        // 4: the two ends of the family.
        const interval nope = rope::dot<interval>(q, k);
        for (std::int64_t r = 0; r <= window; ++r) {
            const interval a = rope::activation_from_coefficients<interval>(coeffs, g_p, r);
            if (m == 0 && !numeric::overlaps(a, nope))
                failures.push_back("p = 0 differs from NoPE at r = " + std::to_string(r));
        }
        if (m == d / 2)
            for (std::size_t i = 0; i < g_p.size(); ++i)
                if (!identical(g_p[i], g_rope[i])) failures.push_back("p = 1 differs from RoPE");

        // 5: NeoX partial rotary, where it is defined and different in kind.
        const std::int64_t rotary_dim = p.floor_times(d);
        std::optional<Difference> neox_difference;
        const bool neox_defined = rotary_dim >= 4 && rotary_dim % 2 == 0 && rotary_dim < d;
        if (neox_defined) {
            const FrequencySchedule neox_s(RotaryKind::neox_partial, theta, d, p);
            const auto g_neox = neox_s.frequencies<interval>();
            const bool frequency_differs =
                numeric::is_equal(g_neox[1], g_p[1]) == numeric::Certainty::certainly_not;
            for (std::int64_t r = 1; r <= window && !neox_difference; ++r) {
                const interval a_p = rope::activation_from_coefficients<interval>(coeffs, g_p, r);
                const interval a_n = rope::activation_from_coefficients<interval>(coeffs, g_neox, r);
                if (numeric::is_equal(a_p, a_n) == numeric::Certainty::certainly_not)
                    neox_difference = Difference{r, a_p, a_n};
            }
            result.evidence["neox_rotary_dim"] = rotary_dim;
            result.evidence["neox_g2_differs"] = frequency_differs;
            if (!negative && (!frequency_differs || !neox_difference))
                failures.push_back("NeoX partial rotary was not shown to differ from p-RoPE");
        } else {
            result.evidence["neox_rotary_dim"] = rotary_dim;
            result.evidence["neox_comparison"] = "not applicable (needs 4 <= floor(p d) < d, even)";
        }

        if (negative) {
            if (neox_difference) {
                result.verdict = core::Verdict::refuted;
                result.message = "NeoX partial rotary and p-RoPE certainly differ at r = " +
                                 std::to_string(neox_difference->distance);
                core::Counterexample cx;
                cx.kind = "two schedules give different activations";
                cx.inputs = {{"head_dim", std::to_string(d)}, {"theta", theta}, {"p", p.str()},
                             {"distance r", std::to_string(neox_difference->distance)}};
                cx.claimed = "NeoX partial rotary (rotary_dim = floor(p d)) equals p-RoPE";
                cx.computed = "p-RoPE a(r) in " + numeric::decimal_enclosure(neox_difference->prope) +
                              ", NeoX a(r) in " + numeric::decimal_enclosure(neox_difference->neox);
                cx.replay = support::replay_header(instance);
                cx.replay["inputs"] = {{"q", support::exact_vector(q_exact)},
                                       {"k", support::exact_vector(k_exact)},
                                       {"distance", neox_difference->distance}};
                result.counterexample = std::move(cx);
            } else {
                result.verdict = neox_defined ? core::Verdict::inconclusive : core::Verdict::certified;
                result.message = neox_defined ? "no certain difference found within the window"
                                              : "NeoX partial rotary coincides or is undefined here";
            }
            return result;
        }
        if (!failures.empty()) {
            result.verdict = core::Verdict::refuted;
            result.message = failures.front() + (failures.size() > 1 ? " (and " + std::to_string(failures.size() - 1) + " more)" : "");
            core::Counterexample cx;
            cx.kind = "a p-RoPE identity fails";
            cx.inputs = {{"head_dim", std::to_string(d)}, {"theta", theta}, {"p", p.str()}};
            cx.claimed = "p-RoPE identities hold";
            cx.computed = result.message;
            cx.replay = support::replay_header(instance);
            result.counterexample = std::move(cx);
            return result;
        }
        result.verdict = core::Verdict::certified;
        result.message = std::to_string(m) + " kept pairs equal RoPE's highest, " + std::to_string(d / 2 - m) +
                         " removed pairs exactly position-independent" +
                         (neox_difference ? "; NeoX differs at r = " + std::to_string(neox_difference->distance) : "");
        return result;
    }
};

}  // namespace

std::unique_ptr<core::Check> make_prope_identities_check() { return std::make_unique<PRopeIdentitiesCheck>(); }

}  // namespace ropecheck::claims
