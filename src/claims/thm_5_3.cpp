// Theorem 5.3: RoPE can be a diagonal or a previous-token head, for every eps
// and every length N. Construction on one frequency g: q_i = k_j = psi
// (diagonal) or q_i = psi, k_j = rho(g) psi (previous-token), so that
// a_{i,j} = s cos((j - i) g) or s cos((j - i + 1) g) with s = ||psi||^2.
// The quantity the paper leaves implicit is how large s must be; per grid
// point (g, N, eps, pattern) the check computes
//   s*(N, eps) = inf { s : the pattern holds at every position i <= N }
// with the diagonal-scale probe (derivation in src/probes/diagonal_scale.cpp:
// the worst position is i = N, and the pattern holds iff
// F(s) = sum_competitors exp(-s (1 - cos(r g))) < eps / (1 - eps)), and
// certifies with MPFI that the pattern holds at scale_upper and fails at
// scale_lower (s* in between). For N <= kernel_check_limit it also rebuilds the
// attention row with the RoPE kernel and the log-domain softmax, every key
// present, and requires the same two answers from it (see corroborate()).
// The frequency is either explicit (`frequency`) or g_K of a RoPE schedule
// (`head_dim`, `theta`, `frequency_index` K). The margin reported is the
// relative width (upper - lower) / upper of the certified bracket for s*.
// Pinned where a closed form exists (derivation in docs/claims-group-b.md): for
// N = 2 (both patterns) and N = 3 (previous-token) every competitor sits at
// distance 1, F(s) = c exp(-s (1 - cos g)) with c = 1, 1, 2, so
//   s* = ln(c (1 - eps) / eps) / (1 - cos g),
// evaluated in MPFI on the frequency from its definition (for a schedule,
// support::reference_rope_frequency, not the schedule's code path); the
// probe's certified bracket must overlap it, else the instance is an error.
// Negative control "half-scale" (the perturbation): claims the pattern at
// s* / 2; refuted with the target's weight at the worst position, certainly
// <= 1 - eps there (its margin is that shortfall, (1 - eps) - alpha).
#include <cmath>

#include "ropecheck/numeric/certainty.hpp"
#include "ropecheck/numeric/decimal.hpp"
#include "ropecheck/numeric/enclosure.hpp"
#include "ropecheck/numeric/exact_fraction.hpp"
#include "ropecheck/numeric/invalid_input.hpp"
#include "ropecheck/probes/diagonal_scale.hpp"
#include "ropecheck/rope/kernel.hpp"
#include "ropecheck/rope/softmax.hpp"
#include "support/claim_support.hpp"
#include "support/quarter_turn.hpp"

namespace ropecheck::claims::thm_5_3 {
namespace {

using numeric::Certainty;
using probes::Pattern;

// The frequency is given either explicitly or as (head_dim, theta, frequency_index).
struct Params {
    std::optional<std::string> frequency, theta;
    std::optional<std::int64_t> head_dim, frequency_index;
    std::int64_t context = 0;
    std::string epsilon, pattern, control;
};

const std::vector<std::string> controls{"none", "half-scale"};

// Each parameter once: the schema, the range checks and the run all read it.
support::Fields<Params> fields() {
    using core::ParameterKind;
    return {
        {"frequency", ParameterKind::decimal, "explicit frequency g > 0 (rad/token)", &Params::frequency},
        {"head_dim", ParameterKind::integer, "head dimension d, with theta and frequency_index", &Params::head_dim},
        {"theta", ParameterKind::decimal, "RoPE base theta (> 1)", &Params::theta},
        {"frequency_index", ParameterKind::integer, "K in 1..d/2: g_K = theta^(-2(K-1)/d)", &Params::frequency_index},
        {"context", ParameterKind::integer, "sequence length N >= 2", &Params::context},
        {"epsilon", ParameterKind::decimal, "eps in (0, 1/2]: the target's weight must exceed 1 - eps",
         &Params::epsilon},
        {"pattern", ParameterKind::text, "diagonal or previous-token", &Params::pattern},
        {support::control_parameter(controls), &Params::control}};
}

constexpr std::int64_t max_context = 10'000'000;
// Rows up to this length are rebuilt with the kernel (N MPFI activations each).
constexpr std::int64_t kernel_check_limit = 1000;

bool uses_schedule(const Params& params) {
    return params.head_dim.has_value() || params.theta.has_value() || params.frequency_index.has_value();
}

// The frequency of a grid point; throws InvalidInput unless exactly one of the
// two ways to give it is used.
interval frequency_of(const Params& params) {
    if (params.frequency.has_value()) {
        if (uses_schedule(params))
            throw InvalidInput("give either frequency or (head_dim, theta, frequency_index), not both");
        const interval g = numeric::enclose_decimal(*params.frequency);
        if (!numeric::certainly_positive(g))
            throw InvalidInput("frequency = " + *params.frequency + " must be > 0");
        return g;
    }
    if (!params.head_dim.has_value() || !params.theta.has_value() || !params.frequency_index.has_value())
        throw InvalidInput("give frequency, or all of head_dim, theta and frequency_index");
    const auto schedule = support::rope_schedule({support::small_integer("head_dim", *params.head_dim), *params.theta});
    const std::int64_t k = *params.frequency_index;
    support::require_range("frequency_index", k, 1, schedule.pairs());
    return schedule.frequencies<interval>()[static_cast<std::size_t>(k - 1)];
}

// The frequency of a grid point from its definition, for the closed-form pin:
// the decimal itself, or theta^(-2(K-1)/d) by support::reference_rope_frequency.
interval reference_frequency_of(const Params& params) {
    if (params.frequency.has_value()) return numeric::enclose_decimal(*params.frequency);
    return support::reference_rope_frequency(*params.theta, support::small_integer("head_dim", *params.head_dim),
                                             support::small_integer("frequency_index", *params.frequency_index));
}

// How many competitors of the worst position sit at distance 1 when every one
// does: N = 2 (either pattern: one competitor) and N = 3 previous-token (the
// query's own key and the key two back, both one step off the target); 0 when
// the competitors are spread over several distances and s* has no closed form.
int closed_form_competitors(std::int64_t n, Pattern pattern) {
    if (n == 2) return 1;
    if (n == 3 && pattern == Pattern::previous_token) return 2;
    return 0;
}

// s* = ln(c (1 - eps) / eps) / (1 - cos g).
interval closed_form_scale(const interval& g, int competitors, const std::string& epsilon) {
    const interval eps = numeric::enclose_decimal(epsilon);
    return log(interval(competitors) * (interval(1) - eps) / eps) / (interval(1) - cos(g));
}

std::string frequency_label(const Params& params) {
    if (params.frequency.has_value()) return "g = " + *params.frequency;
    return "g_" + std::to_string(*params.frequency_index) + " (d = " +
           std::to_string(*params.head_dim) + ", theta = " + *params.theta + ")";
}

// alpha at the worst position from the full row: q = psi = (sqrt(s), 0), keys
// psi or rho(g) psi, every key j = 1..N through the kernel.
interval kernel_target_weight(const interval& g, std::int64_t n, const real& s, Pattern pattern) {
    const std::vector<interval> freqs{g};
    const std::vector<interval> psi{sqrt(interval(s)), interval(0)};
    const auto key = pattern == Pattern::diagonal ? psi : rope::rotate<interval>(psi, freqs, 1);
    std::vector<interval> logits;
    logits.reserve(static_cast<std::size_t>(n));
    for (std::int64_t j = 1; j <= n; ++j) logits.push_back(rope::activation<interval>(psi, key, freqs, j - n));
    const auto row = rope::causal_attention_row<interval>(logits, static_cast<std::size_t>(n));
    return row[static_cast<std::size_t>(pattern == Pattern::diagonal ? n - 1 : n - 2)];
}

// Weight above the bar (certainly), at most the bar (certainly_not), or unknown.
Certainty above(const interval& weight, const interval& bar) { return numeric::is_less(bar, weight); }

// The kernel row's verdict on the probe's bracket: the pattern must hold at
// the upper end and fail at the lower end. The probe decides F(s) < T far more
// sharply than a full softmax row can at low precision, so when the row cannot
// decide the endpoints it is asked again at the bracket widened by a relative
// 2^-30, 2^-20, 2^-10 (still an independent confirmation of where s* is, only
// coarser). A certain answer the other way at any width is a contradiction.
struct Corroboration {
    bool decided = true;
    bool contradicted = false;
    int widening_log2 = 0;  // 0: at the bracket itself
};

Corroboration corroborate(const interval& g, const probes::ScaleAnswer& answer, const interval& bar, Pattern pattern) {
    const std::int64_t n = answer.context;
    Corroboration c;
    for (int widening : {0, 30, 20, 10}) {
        const real factor = widening == 0 ? real(0) : real(std::ldexp(1.0, -widening));
        const real upper = numeric::upper_bound(answer.scale) * (1 + factor);
        const real lower = numeric::lower_bound(answer.scale) * (1 - factor);
        const Certainty holds = above(kernel_target_weight(g, n, upper, pattern), bar);
        // At s* = 0 the pattern fails at 0 trivially (equal logits).
        const Certainty fails =
            answer.zero_infimum ? Certainty::certainly_not : above(kernel_target_weight(g, n, lower, pattern), bar);
        c.contradicted = holds == Certainty::certainly_not || fails == Certainty::certainly;
        c.decided = holds == Certainty::certainly && fails == Certainty::certainly_not;
        c.widening_log2 = widening;
        if (c.contradicted || c.decided) break;
    }
    return c;
}

class PositionalHeadsCheck final : public support::ClaimCheck<Params> {
    using ClaimCheck::ClaimCheck;

    void check(const Params& params) const override {
        frequency_of(params);
        support::require_range("context", params.context, 2, max_context);
        support::require_epsilon(params.epsilon, true);
        probes::parse_pattern(params.pattern);
        support::control_of(params.control, controls);
    }

    core::InstanceResult decide(const core::Instance& instance, const Params& params) const override {
        const interval g = frequency_of(params);
        const std::int64_t n = params.context;
        const std::string epsilon = params.epsilon;
        const Pattern pattern = probes::parse_pattern(params.pattern);
        const bool half_scale = support::control_of(params.control, controls) == "half-scale";

        const probes::ScaleAnswer answer = probes::diagonal_scale(g, n, epsilon, pattern);
        const real lower = numeric::lower_bound(answer.scale);
        const real upper = numeric::upper_bound(answer.scale);
        const interval relative_gap = (interval(upper) - interval(lower)) / interval(upper);
        const interval bar = interval(1) - numeric::enclose_decimal(epsilon);
        const std::string where = frequency_label(params) + ", N = " + std::to_string(n) + ", eps = " + epsilon +
                                  ", " + probes::to_string(pattern) + ", binding r = " +
                                  std::to_string(answer.binding_distance);

        core::InstanceResult result;
        result.evidence["frequency"] = numeric::decimal_enclosure(g);
        result.evidence["context"] = n;
        result.evidence["epsilon"] = epsilon;
        result.evidence["pattern"] = probes::to_string(pattern);
        result.evidence["s_star_lower"] = numeric::decimal_down(lower);
        result.evidence["s_star_upper"] = numeric::decimal_up(upper);
        result.evidence["s_star_is_zero"] = answer.zero_infimum;
        result.evidence["binding_distance"] = answer.binding_distance;
        result.evidence["binding_margin"] = numeric::decimal_enclosure(answer.binding_margin);
        result.evidence["exact_terms"] = answer.exact_terms;
        result.evidence["bounded_terms"] = answer.bounded_terms;
        result.margin = core::Margin{numeric::decimal_lower(relative_gap), numeric::decimal_upper(relative_gap), where};

        if (!answer.certified) {
            result.verdict = core::Verdict::inconclusive;
            result.message = "s* could not be certified at " + std::to_string(instance.precision_bits) +
                             " bits (" + where + "); raise --precision";
            return result;
        }
        if (half_scale) return refute_half_scale(instance, params, g, answer, bar, where, std::move(result));
        if (const int c = closed_form_competitors(n, pattern); c > 0) {
            const interval pinned = closed_form_scale(reference_frequency_of(params), c, epsilon);
            result.evidence["s_star_closed_form"] = numeric::decimal_enclosure(pinned);
            if (!numeric::overlaps(pinned, answer.scale)) {
                result.verdict = core::Verdict::error;
                result.message = "the closed form s* = ln(" + std::to_string(c) + " (1 - eps) / eps) / (1 - cos g) in " +
                                 numeric::decimal_enclosure(pinned, 12) + " misses the certified bracket (" +
                                 where + ")";
                return result;
            }
        }
        return certify(g, answer, bar, where, std::move(result), pattern);
    }

private:
    static core::InstanceResult certify(const interval& g, const probes::ScaleAnswer& answer, const interval& bar,
                                        const std::string& where, core::InstanceResult result, Pattern pattern) {
        const std::int64_t n = answer.context;
        const real lower = numeric::lower_bound(answer.scale);
        const real upper = numeric::upper_bound(answer.scale);
        const interval at_upper = probes::target_weight(g, n, interval(upper), pattern);
        result.evidence["alpha_at_s_upper"] = numeric::decimal_enclosure(at_upper);
        Corroboration kernel;
        if (n <= kernel_check_limit) {
            kernel = corroborate(g, answer, bar, pattern);
            result.evidence["kernel_row_checked"] = true;
            result.evidence["kernel_row_widening"] =
                kernel.widening_log2 == 0 ? "none" : "2^-" + std::to_string(kernel.widening_log2);
        } else {
            result.evidence["kernel_row_checked"] = false;
        }
        if (kernel.contradicted) {
            result.verdict = core::Verdict::error;
            result.message = "the kernel's attention row contradicts the probe (" + where + ")";
            return result;
        }
        if (!kernel.decided) {
            result.verdict = core::Verdict::inconclusive;
            result.message = "the kernel's attention row cannot decide the bracket at this precision (" + where + ")";
            return result;
        }
        result.verdict = core::Verdict::certified;
        result.message = "s* in [" + numeric::decimal_down(lower, 12) + ", " + numeric::decimal_up(upper, 12) +
                         "]: pattern holds at the upper end, fails at the lower (" + where + ")";
        return result;
    }

    static core::InstanceResult refute_half_scale(const core::Instance& instance, const Params& params, const interval& g,
                                                  const probes::ScaleAnswer& answer, const interval& bar,
                                                  const std::string& where, core::InstanceResult result) {
        const std::int64_t n = answer.context;
        const std::string epsilon = params.epsilon;
        const Pattern pattern = probes::parse_pattern(params.pattern);
        // [lower / 2, upper / 2] contains s* / 2 (halving is exact).
        const interval half = numeric::between(numeric::lower_bound(answer.scale) / 2, numeric::upper_bound(answer.scale) / 2);
        if (answer.zero_infimum || probes::pattern_holds(g, n, epsilon, half, pattern) != Certainty::certainly_not) {
            result.verdict = core::Verdict::inconclusive;
            result.message = "the pattern at s*/2 is not certainly broken (" + where + ")";
            return result;
        }
        const interval weight = probes::target_weight(g, n, half, pattern);
        const std::string target = pattern == Pattern::diagonal ? "alpha_{N,N}" : "alpha_{N,N-1}";
        // How far the claimed pattern misses at s*/2 (replaces the bracket width).
        const interval shortfall = bar - weight;
        result.margin = core::Margin{numeric::decimal_lower(shortfall), numeric::decimal_upper(shortfall),
                                     "(1 - eps) - " + target + " at s*/2, " + where};
        result.verdict = core::Verdict::refuted;
        result.message = "at s*/2 " + target + " <= " + numeric::decimal_upper(weight, 10) + " <= 1 - eps (" + where + ")";
        core::Counterexample cx;
        cx.kind = "the pattern fails at half the least scale";
        cx.inputs = {{"frequency", numeric::decimal_enclosure(g)},
                     {"context N", std::to_string(n)},
                     {"epsilon", epsilon},
                     {"pattern", probes::to_string(pattern)},
                     {"s = s*/2", numeric::decimal_enclosure(half)}};
        cx.claimed = target + " > 1 - eps = " + numeric::decimal_enclosure(bar) + " at ||psi||^2 = s*/2";
        cx.computed = target + " in " + numeric::decimal_enclosure(weight) + " for every s in " +
                      numeric::decimal_enclosure(half);
        cx.replay = support::replay_header(instance);
        cx.replay["inputs"] = {{"frequency", numeric::decimal_enclosure(g)},
                               {"context", n},
                               {"epsilon", epsilon},
                               {"pattern", probes::to_string(pattern)},
                               {"scale_lower", numeric::decimal_down(numeric::lower_bound(half))},
                               {"scale_upper", numeric::decimal_up(numeric::upper_bound(half))},
                               {"weight", numeric::decimal_enclosure(weight)}};
        result.counterexample = std::move(cx);
        return result;
    }
};

}  // namespace

ROPECHECK_REGISTER_CHECK(thm_5_3, PositionalHeadsCheck, "thm-5.3", fields())

}  // namespace ropecheck::claims::thm_5_3
