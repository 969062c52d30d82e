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
// Negative controls. Two run identities 1-4 on a perturbed schedule in place of
// p-RoPE and must find an identity that CERTAINLY fails (a bit-for-bit difference
// between overlapping enclosures does not count there); both need 1 <= m < d/2,
// since at m = 0 and m = d/2 the perturbed and the true schedule coincide:
//  reversed-is-prope      reversed p-RoPE (keeps the m LOWEST frequencies) claimed to be
//                         p-RoPE: pair 1 does not rotate, g_1 is 0 instead of 1.
//  exponent-off-by-one    p-RoPE's kept frequencies computed as theta^(-2k/d) (1-based
//                         k, one chunk off): the kept g_k are RoPE's g_{k+1}.
//  neox-equals-prope      (the complement of identity 5, kept as an extra control)
//                         NeoX partial rotary claimed to equal p-RoPE; needs
//                         4 <= floor(p d) < d, even (at floor(p d) = 2 NeoX's one pair
//                         turns at theta^0 = 1 = p-RoPE's g_1: the two are equal).
#include <optional>

#include "ropecheck/numeric/certainty.hpp"
#include "ropecheck/numeric/decimal.hpp"
#include "ropecheck/numeric/enclosure.hpp"
#include "ropecheck/numeric/invalid_input.hpp"
#include "ropecheck/rope/kernel.hpp"
#include "support/claim_support.hpp"

namespace ropecheck::claims::prope_identities {
namespace {

using rope::FrequencySchedule;
using rope::RotaryKind;

struct Params : support::RopePoint {
    numeric::ExactFraction p;
    std::int64_t window = 0, draw = 0;
    std::string control;
};

const std::vector<std::string> controls{"none", "reversed-is-prope", "exponent-off-by-one", "neox-equals-prope"};

// Each parameter once: the schema, the range checks and the run all read it.
support::Fields<Params> fields() {
    return support::rope_fields<Params>() +
           support::Fields<Params>{
               {"p", core::ParameterKind::fraction, "fraction of frequencies kept, in [0, 1]", &Params::p},
               {"window", core::ParameterKind::integer, "activations compared at 0 <= r <= window", &Params::window},
               {support::draw_parameter(), &Params::draw},
               {support::control_parameter(controls),
                &Params::control}};
}

bool is_exact_zero(const interval& x) { return numeric::identical(x, interval(0)); }

struct Failure {
    std::string what;
    bool certain;  // an enclosure certainly excludes the identity (not just a bit-for-bit difference)
};

struct Difference {
    std::int64_t distance;
    interval prope;
    interval neox;
};

// The schedule identities 1-4 are run on: which pairs it says rotate, and its frequencies.
struct ScheduleUnderTest {
    std::vector<bool> rotated;
    std::vector<interval> g;
    std::string description;
};

ScheduleUnderTest schedule_under_test(const std::string& control, const std::string& theta, int d,
                                      const numeric::ExactFraction& p, const std::vector<interval>& g_rope) {
    const FrequencySchedule s(control == "reversed-is-prope" ? RotaryKind::reversed_p_rope : RotaryKind::p_rope,
                              theta, d, p);
    ScheduleUnderTest out;
    for (const auto& chunk : s.chunks()) out.rotated.push_back(chunk.rotated);
    out.g = s.frequencies<interval>();
    out.description = s.describe();
    if (control == "exponent-off-by-one") {
        // Kept chunk k (1-based) at theta^(-2k/d) = RoPE's g_{k+1}; m < d/2, so g_{k+1} exists.
        for (std::size_t i = 0; i < out.g.size(); ++i)
            if (out.rotated[i]) out.g[i] = g_rope[i + 1];
        out.description += "; kept frequencies one chunk off (theta^(-2k/d))";
    }
    return out;
}

class PRopeIdentitiesCheck final : public support::ClaimCheck<Params> {
    using ClaimCheck::ClaimCheck;

    void check(const Params& params) const override {
        const int d = params.head_dim;
        const auto p = params.p;
        FrequencySchedule(RotaryKind::p_rope, params.theta, d, p);
        support::require_range("window", params.window, 1, 100'000);
        const std::string control = support::control_of(params.control, controls);
        const std::int64_t m = p.floor_times(d, 2);
        if ((control == "reversed-is-prope" || control == "exponent-off-by-one") && (m < 1 || m >= d / 2))
            throw InvalidInput("p = " + p.str() + " keeps " + std::to_string(m) + " of " + std::to_string(d / 2) +
                               " pairs: the " + control + " control needs 1 <= floor(p d / 2) < d/2");
        const std::int64_t rotary_dim = p.floor_times(d);
        if (control == "neox-equals-prope" && !(rotary_dim >= 4 && rotary_dim % 2 == 0 && rotary_dim < d))
            throw InvalidInput("p = " + p.str() + ": NeoX rotary_dim = floor(p d) = " + std::to_string(rotary_dim) +
                               "; the neox-equals-prope control needs an even 4 <= floor(p d) < d");
    }

    core::InstanceResult decide(const core::Instance& instance, const Params& params) const override {
        const std::string theta = params.theta;
        const int d = params.head_dim;
        const auto p = params.p;
        const std::int64_t window = params.window;
        const std::string control = support::control_of(params.control, controls);

        const FrequencySchedule rope_s = FrequencySchedule::rope(theta, d);
        const auto g_rope = rope_s.frequencies<interval>();
        // Exact integer arithmetic, independent of the schedule's own count.
        const std::int64_t m = (p.numerator * d) / (2 * p.denominator);
        const ScheduleUnderTest tested = schedule_under_test(control, theta, d, p, g_rope);

        core::CounterRng rng(instance.seed);
        const auto q_exact = support::gaussian_vector(rng, d);
        const auto k_exact = support::gaussian_vector(rng, d);
        const auto q = support::convert<interval>(q_exact);
        const auto k = support::convert<interval>(k_exact);
        const auto coeffs = rope::chunk_coefficients<interval>(q, k);

        core::InstanceResult result;
        result.evidence["schedule_under_test"] = tested.description;
        result.evidence["kept_pairs"] = m;
        result.evidence["removed_pairs"] = d / 2 - m;
        if (control == "neox-equals-prope") return decide_neox(instance, params, tested.g, coeffs, q_exact, k_exact, std::move(result));

        const std::vector<Failure> failures = identity_failures(theta, d, m, tested, g_rope, q, k, coeffs, window);
        std::optional<Difference> neox_difference;
        if (control == "none") {
            // 5: NeoX partial rotary, where it is defined and different in kind.
            const std::int64_t rotary_dim = p.floor_times(d);
            result.evidence["neox_rotary_dim"] = rotary_dim;
            if (rotary_dim >= 4 && rotary_dim % 2 == 0 && rotary_dim < d) {
                const auto g_neox = FrequencySchedule(RotaryKind::neox_partial, theta, d, p).frequencies<interval>();
                const bool frequency_differs =
                    numeric::is_equal(g_neox[1], tested.g[1]) == numeric::Certainty::certainly_not;
                neox_difference = first_difference(coeffs, tested.g, g_neox, window);
                result.evidence["neox_g2_differs"] = frequency_differs;
                if (!frequency_differs || !neox_difference)
                    return refuted(instance, params, {"NeoX partial rotary was not shown to differ from p-RoPE", false},
                                   failures.size(), std::move(result));
            } else {
                result.evidence["neox_comparison"] = "not applicable (needs 4 <= floor(p d) < d, even)";
            }
        }
        result.evidence["identity_failures"] = core::json::array();
        for (const Failure& f : failures)
            result.evidence["identity_failures"].push_back({{"what", f.what}, {"certain", f.certain}});

        if (control != "none") {
            // A perturbation control counts only a failure the enclosures prove.
            for (const Failure& f : failures)
                if (f.certain) return refuted(instance, params, f, failures.size(), std::move(result));
            result.verdict = failures.empty() ? core::Verdict::certified : core::Verdict::inconclusive;
            result.message = failures.empty() ? "every p-RoPE identity holds for the perturbed schedule"
                                              : "only bit-for-bit differences: " + failures.front().what;
            return result;
        }
        if (!failures.empty()) return refuted(instance, params, failures.front(), failures.size(), std::move(result));
        result.verdict = core::Verdict::certified;
        result.message = std::to_string(m) + " kept pairs equal RoPE's highest, " + std::to_string(d / 2 - m) +
                         " removed pairs exactly position-independent" +
                         (neox_difference ? "; NeoX differs at r = " + std::to_string(neox_difference->distance) : "");
        return result;
    }

private:
    static std::vector<Failure> identity_failures(const std::string& theta, int d, std::int64_t m,
                                                  const ScheduleUnderTest& tested, const std::vector<interval>& g_rope,
                                                  const std::vector<interval>& q, const std::vector<interval>& k,
                                                  const rope::ChunkCoefficients<interval>& coeffs, std::int64_t window) {
        std::vector<Failure> failures;
        const auto& g_p = tested.g;
        // 1 and 2: which pairs rotate, and at which frequency.
        const interval theta_enclosure = numeric::enclose_decimal(theta);
        for (int i = 0; i < d / 2; ++i) {
            const std::size_t ui = static_cast<std::size_t>(i);
            const std::string pair = "pair " + std::to_string(i + 1);
            const bool should_rotate = i < m;
            // The frequency first (what the kernel uses), then the schedule's own flag.
            if (!should_rotate) {
                if (!is_exact_zero(g_p[ui]))
                    failures.push_back({"removed " + pair + " has a non-zero frequency " +
                                            numeric::decimal_enclosure(g_p[ui], 8),
                                        numeric::certainly_positive(abs(g_p[ui]))});
            } else {
                const interval by_pow = pow(theta_enclosure, interval(-2 * i) / interval(d));
                const bool excluded = !numeric::overlaps(g_p[ui], by_pow) || !numeric::overlaps(g_p[ui], g_rope[ui]);
                if (excluded || !numeric::identical(g_p[ui], g_rope[ui]))
                    failures.push_back({"kept g_" + std::to_string(i + 1) + " = " +
                                            numeric::decimal_enclosure(g_p[ui], 8) + " differs from RoPE's " +
                                            numeric::decimal_enclosure(by_pow, 8),
                                        excluded});
            }
            if (tested.rotated[ui] != should_rotate)
                failures.push_back({pair + (should_rotate ? " should rotate" : " should not rotate"), true});
        }

        // 3: removed chunks contribute the same at r = 0 and at r = 2^40.
        std::vector<interval> only_removed_q(q), only_removed_k(k);
        for (int i = 0; i < 2 * m; ++i) {
            only_removed_q[static_cast<std::size_t>(i)] = interval(0);
            only_removed_k[static_cast<std::size_t>(i)] = interval(0);
        }
        const std::int64_t far = std::int64_t{1} << 40;
        const interval near_value = rope::activation<interval>(only_removed_q, only_removed_k, g_p, 0);
        const interval far_value = rope::activation<interval>(only_removed_q, only_removed_k, g_p, far);
        if (!numeric::identical(near_value, far_value))
            failures.push_back({"removed chunks change between r = 0 and r = 2^40",
                                numeric::is_equal(near_value, far_value) == numeric::Certainty::certainly_not});

        // 4: the two ends of the family.
        if (m == 0) {
            const interval nope = rope::dot<interval>(q, k);
            for (std::int64_t r = 0; r <= window; ++r)
                if (!numeric::overlaps(rope::activation_from_coefficients<interval>(coeffs, g_p, r), nope)) {
                    failures.push_back({"p = 0 differs from NoPE at r = " + std::to_string(r), true});
                    break;
                }
        }
        if (m == d / 2)
            for (std::size_t i = 0; i < g_p.size(); ++i)
                if (!numeric::identical(g_p[i], g_rope[i])) {
                    failures.push_back({"p = 1 differs from RoPE at g_" + std::to_string(i + 1),
                                        !numeric::overlaps(g_p[i], g_rope[i])});
                    break;
                }
        return failures;
    }

    static std::optional<Difference> first_difference(const rope::ChunkCoefficients<interval>& coeffs,
                                                      const std::vector<interval>& g_p,
                                                      const std::vector<interval>& g_neox, std::int64_t window) {
        for (std::int64_t r = 1; r <= window; ++r) {
            const interval a_p = rope::activation_from_coefficients<interval>(coeffs, g_p, r);
            const interval a_n = rope::activation_from_coefficients<interval>(coeffs, g_neox, r);
            if (numeric::is_equal(a_p, a_n) == numeric::Certainty::certainly_not) return Difference{r, a_p, a_n};
        }
        return std::nullopt;
    }

    static core::InstanceResult refuted(const core::Instance& instance, const Params& params, const Failure& first,
                                        std::size_t count, core::InstanceResult result) {
        result.verdict = core::Verdict::refuted;
        result.message = first.what + (count > 1 ? " (and " + std::to_string(count - 1) + " more)" : "");
        core::Counterexample cx;
        cx.kind = "a p-RoPE identity fails";
        cx.inputs = {{"head_dim", std::to_string(params.head_dim)}, {"theta", params.theta},
                     {"p", params.p.str()},
                     {"schedule", result.evidence["schedule_under_test"].get<std::string>()}};
        cx.claimed = "p-RoPE identities hold";
        cx.computed = result.message;
        cx.replay = support::replay_header(instance);
        result.counterexample = std::move(cx);
        return result;
    }

    static core::InstanceResult decide_neox(const core::Instance& instance, const Params& params,
                                            const std::vector<interval>& g_p,
                                            const rope::ChunkCoefficients<interval>& coeffs,
                                            const std::vector<double>& q_exact, const std::vector<double>& k_exact,
                                            core::InstanceResult result) {
        const auto p = params.p;
        const int d = params.head_dim;
        const auto g_neox = FrequencySchedule(RotaryKind::neox_partial, params.theta, d, p).frequencies<interval>();
        result.evidence["neox_rotary_dim"] = p.floor_times(d);
        const auto difference = first_difference(coeffs, g_p, g_neox, params.window);
        if (!difference) {
            result.verdict = core::Verdict::inconclusive;
            result.message = "no certain difference found within the window";
            return result;
        }
        result.verdict = core::Verdict::refuted;
        result.message = "NeoX partial rotary and p-RoPE certainly differ at r = " + std::to_string(difference->distance);
        core::Counterexample cx;
        cx.kind = "two schedules give different activations";
        cx.inputs = {{"head_dim", std::to_string(d)}, {"theta", params.theta}, {"p", p.str()},
                     {"distance r", std::to_string(difference->distance)}};
        cx.claimed = "NeoX partial rotary (rotary_dim = floor(p d)) equals p-RoPE";
        cx.computed = "p-RoPE a(r) in " + numeric::decimal_enclosure(difference->prope) + ", NeoX a(r) in " +
                      numeric::decimal_enclosure(difference->neox);
        cx.replay = support::replay_header(instance);
        cx.replay["inputs"] = {{"q", support::exact_vector(q_exact)},
                               {"k", support::exact_vector(k_exact)},
                               {"distance", difference->distance}};
        result.counterexample = std::move(cx);
        return result;
    }
};

}  // namespace

ROPECHECK_REGISTER_CHECK(prope_identities, PRopeIdentitiesCheck, "prope-identities", fields())

}  // namespace ropecheck::claims::prope_identities
