// Proposition 5.2: a causal NoPE head cannot be diagonal or previous-token for
// eps < 1/2 on every input. Witness input [x_bos, x_1, x_1]: the keys at
// positions 2 and 3 come from the same token, so under NoPE a_{3,2} = a_{3,3}
// and alpha_{3,2} = alpha_{3,3} = 1 / (exp(a_{3,1} - a_{3,3}) + 2) < 1/2, while
// both patterns need one of them above 1 - eps > 1/2.
//
// Checked per grid point with random W_Q, W_K (d x d_model, entries
// N(0, 1/d_model), so queries and keys have unit-variance coordinates) and
// random token embeddings N(0, I), every number an exact double, through the
// RoPE kernel and the log-domain softmax with the NoPE schedule (every
// frequency the exact point 0; support/nope_tie.hpp):
//  1. the keys of positions 2 and 3, placed by the kernel's rotation, are the
//     same enclosures bit for bit, hence so are a_{3,2}, a_{3,3} and alpha_{3,2},
//     alpha_{3,3}. Activations are unscaled (a = q^T k; a 1/sqrt(d) factor would
//     only rescale W_Q).
//  2. the row sums to 1 (its enclosure contains 1) and alpha_{3,3} overlaps the
//     closed form 1 / (exp(a_{3,1} - a_{3,3}) + 2): the softmax is checked, not
//     trusted.
//  3. alpha_{3,3} < 1/2: directly, the softmax enclosure's upper bound is below
//     1/2; or, when 1/2 - alpha_{3,3} is below the working precision, through
//     the identity 1/2 - alpha_{3,3} = alpha_{3,1} / 2 (exact once the two
//     weights are equal and the row sums to 1) with alpha_{3,1} certainly > 0.
//  4. The same input does not force a tie under RoPE or p-RoPE (p from the
//     grid): a_{3,3} = q_3^T k and a_{3,2} = q_3^T R^(-1) k certainly differ.
// Negative control "perturbed-token" (the perturbation): the same machinery on
// [x_bos, x_1, x_1 + 2^-10 u], which breaks the proposition's hypothesis; the
// claimed tie must be refuted by the kernel, a_{3,3} and a_{3,2} certainly
// different under NoPE. A kernel or softmax that ties everything passes step 1
// and fails here.
// Negative control "claim-for-rope": claims the impossibility for RoPE. It is
// refuted by Theorem 5.3's construction on the schedule's highest frequency
// g_1 = 1 (psi in chunk 1, zeros elsewhere; ||psi||^2 = twice the certified
// upper end of s* from diagonal-scale for N = 3): alpha_{3,3} > 1 - eps (diagonal, q = k
// = psi) and alpha_{3,2} > 1 - eps (previous-token, k = rho(g_1) psi), both
// computed by the kernel and the softmax on the three positions. The
// construction assigns the same query and key to every token, so it applies
// to [x_bos, x_1, x_1] in particular.
#include "ropecheck/numeric/certainty.hpp"
#include "ropecheck/numeric/decimal.hpp"
#include "ropecheck/numeric/exact_fraction.hpp"
#include "ropecheck/numeric/invalid_input.hpp"
#include "ropecheck/probes/diagonal_scale.hpp"
#include "ropecheck/rope/kernel.hpp"
#include "ropecheck/rope/softmax.hpp"
#include "support/claim_support.hpp"
#include "support/nope_tie.hpp"

namespace ropecheck::claims::prop_5_2 {
namespace {

using rope::FrequencySchedule;
using rope::RotaryKind;

struct Params : support::RopePoint {
    std::int64_t model_dim = 0, draw = 0;
    numeric::ExactFraction p;
    std::string epsilon, control;
};

const std::vector<std::string> controls{"none", "perturbed-token", "claim-for-rope"};

// Each parameter once: the schema, the range checks and the run all read it.
support::Fields<Params> fields() {
    return support::rope_fields<Params>() +
           support::Fields<Params>{
               {"model_dim", core::ParameterKind::integer, "d_model: W_Q, W_K are head_dim x model_dim",
                &Params::model_dim},
               {"p", core::ParameterKind::fraction, "p-RoPE fraction for the RoPE side (1 = RoPE)", "1", &Params::p},
               {"epsilon", core::ParameterKind::decimal, "eps in (0, 1/2) for the negative control", "0.25",
                &Params::epsilon},
               {support::draw_parameter(), &Params::draw},
               {support::control_parameter(controls), &Params::control}};
}

constexpr int max_model_dim = 4096;

FrequencySchedule nope_schedule(const Params& params) {
    return FrequencySchedule(RotaryKind::nope, params.theta, params.head_dim);
}

support::WitnessInput witness_input(const core::Instance& instance, const Params& params, bool perturbed) {
    core::CounterRng rng(instance.seed);
    return support::draw_witness_input(rng, params.head_dim, static_cast<int>(params.model_dim), perturbed);
}

FrequencySchedule schedule_of(const Params& params) {
    FrequencySchedule s(RotaryKind::p_rope, params.theta, params.head_dim,
                        params.p);
    if (s.rotated_pairs() < 1)
        throw InvalidInput("p = " + s.p().str() + " keeps no frequency at head_dim = " +
                           std::to_string(s.head_dim()) + " (that is NoPE); the RoPE side needs at least one");
    return s;
}

// Theorem 5.3's three-position row on chunk 1: alpha_{3,target}.
interval construction_weight(const std::vector<interval>& freqs, const real& scale, probes::Pattern pattern) {
    std::vector<interval> psi(2 * freqs.size(), interval(0));
    psi[0] = sqrt(interval(scale));
    const auto key = pattern == probes::Pattern::diagonal ? psi : rope::rotate<interval>(psi, freqs, 1);
    std::vector<interval> logits;
    for (std::int64_t j = 1; j <= 3; ++j) logits.push_back(rope::activation<interval>(psi, key, freqs, j - 3));
    const auto row = rope::causal_attention_row<interval>(logits, 3);
    return pattern == probes::Pattern::diagonal ? row[2] : row[1];
}

class NoPENoPositionalHeadsCheck final : public support::ClaimCheck<Params> {
    using ClaimCheck::ClaimCheck;

    void check(const Params& params) const override {
        schedule_of(params);
        support::require_range("model_dim", params.model_dim, 1, max_model_dim);
        support::require_epsilon(params.epsilon, false);
        support::control_of(params.control, controls);
    }

    core::InstanceResult decide(const core::Instance& instance, const Params& params) const override {
        const FrequencySchedule schedule = schedule_of(params);
        const std::string control = support::control_of(params.control, controls);
        if (control == "claim-for-rope") return refute_for_rope(instance, params, schedule);
        if (control == "perturbed-token") return refute_perturbed_tie(instance, params);
        return nope_ties(instance, params, schedule);
    }

private:
    core::InstanceResult nope_ties(const core::Instance& instance, const Params& params, const FrequencySchedule& schedule) const {
        const support::WitnessInput input = witness_input(instance, params, false);
        const FrequencySchedule nope = nope_schedule(params);
        const support::TieOutcome tie = support::attend_witness(input, nope.frequencies<interval>());
        // RoPE / p-RoPE on the same input: a_{3,j} = q_3^T R^(j-3) k_j.
        const support::TieOutcome rotary = support::attend_witness(input, schedule.frequencies<interval>());
        const interval separation = rotary.activations[2] - rotary.activations[1];
        const bool rotary_separated = rotary.activations_differ && rotary.weights_differ;

        core::InstanceResult result;
        result.evidence["schedule"] = schedule.describe();
        result.evidence["model_dim"] = params.model_dim;
        result.evidence["nope_positioned_keys_2_3_identical"] = tie.positioned_keys_identical;
        result.evidence["nope_activations"] = {numeric::decimal_enclosure(tie.activations[0]),
                                               numeric::decimal_enclosure(tie.activations[1]),
                                               numeric::decimal_enclosure(tie.activations[2])};
        result.evidence["nope_alpha_3_3"] = numeric::decimal_enclosure(tie.weights[2]);
        result.evidence["nope_alpha_3_2"] = numeric::decimal_enclosure(tie.weights[1]);
        result.evidence["nope_row_sums_to_one"] = tie.row_sums_to_one;
        result.evidence["nope_closed_form_agrees"] = tie.closed_form_agrees;
        result.evidence["below_half_by"] = tie.below_half_direct ? "softmax upper bound" : "identity alpha_{3,1} / 2";
        result.evidence["rope_a_3_3_minus_a_3_2"] = numeric::decimal_enclosure(separation);
        result.evidence["rope_alpha_3_3"] = numeric::decimal_enclosure(rotary.weights[2]);
        result.evidence["rope_alpha_3_2"] = numeric::decimal_enclosure(rotary.weights[1]);
        result.margin = core::Margin{numeric::decimal_lower(tie.gap_to_half), numeric::decimal_upper(tie.gap_to_half),
                                     "1/2 - alpha_{3,3} under NoPE"};

        if (!tie.positioned_keys_identical || !tie.activations_identical || !tie.weights_identical) {
            result.verdict = core::Verdict::error;
            result.message = "under NoPE the equal tokens at positions 2 and 3 gave different enclosures (positioned "
                             "keys, activations or weights): the kernel adds position where every frequency is 0";
            return result;
        }
        if (!tie.row_sums_to_one || !tie.closed_form_agrees) {
            result.verdict = core::Verdict::error;
            result.message = std::string("the softmax row under NoPE ") +
                             (tie.row_sums_to_one ? "misses the closed form 1 / (exp(a_{3,1} - a_{3,3}) + 2)"
                                                  : "does not sum to 1");
            return result;
        }
        if (!tie.tie_certified()) {
            result.verdict = core::Verdict::inconclusive;
            result.message = "alpha_{3,3} < 1/2 cannot be certified at " + std::to_string(instance.precision_bits) +
                             " bits (alpha_{3,1} not certainly > 0); raise --precision";
            return result;
        }
        if (!rotary_separated) {
            result.verdict = core::Verdict::inconclusive;
            result.message = "under " + schedule.describe() +
                             " a_{3,3} and a_{3,2} cannot be told apart at this precision";
            return result;
        }
        result.verdict = core::Verdict::certified;
        result.message = "NoPE: the keys at positions 2 and 3 are equal bit for bit, alpha_{3,3} = alpha_{3,2} = "
                         "1/2 - delta, delta >= " + numeric::decimal_lower(tie.gap_to_half, 6) + "; " +
                         schedule.describe() + ": a_{3,3} - a_{3,2} in " + numeric::decimal_enclosure(separation, 6);
        return result;
    }

    // The tie claimed on [x_bos, x_1, x_1 + 2^-10 u] under NoPE: refuted when the
    // kernel certainly separates a_{3,3} from a_{3,2}.
    core::InstanceResult refute_perturbed_tie(const core::Instance& instance, const Params& params) const {
        const support::WitnessInput input = witness_input(instance, params, true);
        const FrequencySchedule nope = nope_schedule(params);
        const support::TieOutcome tie = support::attend_witness(input, nope.frequencies<interval>());
        const interval separation = tie.activations[2] - tie.activations[1];
        core::InstanceResult result;
        result.evidence["nope_a_3_3_minus_a_3_2"] = numeric::decimal_enclosure(separation);
        result.evidence["nope_alpha_3_3"] = numeric::decimal_enclosure(tie.weights[2]);
        result.evidence["nope_alpha_3_2"] = numeric::decimal_enclosure(tie.weights[1]);
        result.margin = core::Margin{numeric::decimal_lower(separation), numeric::decimal_upper(separation),
                                     "a_{3,3} - a_{3,2} under NoPE, x_3 = x_1 + 2^-10 u"};
        if (tie.tie_certified()) {
            result.verdict = core::Verdict::certified;
            result.message = "the kernel ties positions 2 and 3 although their tokens differ";
            return result;
        }
        if (!tie.activations_differ || !tie.weights_differ) {
            result.verdict = core::Verdict::inconclusive;
            result.message = "a_{3,3} and a_{3,2} of the perturbed input cannot be told apart at this precision";
            return result;
        }
        result.verdict = core::Verdict::refuted;
        result.message = "x_3 = x_1 + 2^-10 u: under NoPE a_{3,3} - a_{3,2} in " +
                         numeric::decimal_enclosure(separation, 8) + ", so alpha_{3,3} != alpha_{3,2} (no tie)";
        core::Counterexample cx;
        cx.kind = "no tie: the tokens at positions 2 and 3 differ";
        cx.inputs = {{"head_dim", std::to_string(params.head_dim)},
                     {"model_dim", std::to_string(params.model_dim)},
                     {"x_3", "x_1 + 2^-10 u, u ~ N(0, I) from the instance seed"}};
        cx.claimed = "alpha_{3,3} = alpha_{3,2} < 1/2 under NoPE";
        cx.computed = "a_{3,3} - a_{3,2} in " + numeric::decimal_enclosure(separation) + ", alpha_{3,3} in " +
                      numeric::decimal_enclosure(tie.weights[2]) + ", alpha_{3,2} in " +
                      numeric::decimal_enclosure(tie.weights[1]);
        cx.replay = support::replay_header(instance);
        cx.replay["inputs"] = {{"perturbation_log2", -10},
                               {"separation", {numeric::decimal_lower(separation), numeric::decimal_upper(separation)}}};
        result.counterexample = std::move(cx);
        return result;
    }

    core::InstanceResult refute_for_rope(const core::Instance& instance, const Params& params, const FrequencySchedule& schedule) const {
        const std::string epsilon = params.epsilon;
        const auto freqs = schedule.frequencies<interval>();
        const interval bar = interval(1) - numeric::enclose_decimal(epsilon);

        core::InstanceResult result;
        interval weights[2];
        real scales[2];
        bool beaten[2] = {false, false};
        int index = 0;
        for (probes::Pattern pattern : {probes::Pattern::diagonal, probes::Pattern::previous_token}) {
            const auto answer = probes::diagonal_scale(freqs[0], 3, epsilon, pattern);
            // Any s above s* works; twice the certified upper end keeps the
            // weight's excess over 1 - eps far above rounding at any precision.
            scales[index] = 2 * numeric::upper_bound(answer.scale);
            weights[index] = construction_weight(freqs, scales[index], pattern);
            beaten[index] = answer.certified && numeric::lower_bound(weights[index]) > numeric::upper_bound(bar);
            result.evidence[probes::to_string(pattern)] = {
                {"scale", numeric::decimal_nearest(scales[index], 40)},
                {"alpha", numeric::decimal_enclosure(weights[index])},
                {"probe_certified", answer.certified}};
            ++index;
        }
        result.evidence["frequency_g1"] = numeric::decimal_enclosure(freqs[0]);
        const interval excess = weights[0] - bar;
        result.margin = core::Margin{numeric::decimal_lower(excess), numeric::decimal_upper(excess),
                                     "alpha_{3,3} - (1 - eps), diagonal construction"};
        if (!beaten[0] || !beaten[1]) {
            result.verdict = core::Verdict::inconclusive;
            result.message = "Theorem 5.3's construction could not be certified above 1 - eps at this precision";
            return result;
        }
        result.verdict = core::Verdict::refuted;
        result.message = "RoPE head with q = k = psi on g_1: alpha_{3,3} >= " + numeric::decimal_lower(weights[0], 8) +
                         " > 1 - eps; with k = rho(g_1) psi: alpha_{3,2} >= " + numeric::decimal_lower(weights[1], 8);
        core::Counterexample cx;
        cx.kind = "a RoPE head is diagonal (and one is previous-token) on [x_bos, x_1, x_1]";
        cx.inputs = {{"schedule", schedule.describe()},
                     {"frequency g_1", numeric::decimal_enclosure(freqs[0])},
                     {"epsilon", epsilon},
                     {"||psi||^2 (diagonal)", numeric::decimal_nearest(scales[0], 40)},
                     {"||psi||^2 (previous-token)", numeric::decimal_nearest(scales[1], 40)}};
        cx.claimed = "alpha_{3,3} <= 1 - eps and alpha_{3,2} <= 1 - eps for every RoPE head on [x_bos, x_1, x_1]";
        cx.computed = "alpha_{3,3} in " + numeric::decimal_enclosure(weights[0]) + ", alpha_{3,2} in " +
                      numeric::decimal_enclosure(weights[1]) + ", 1 - eps = " + numeric::decimal_enclosure(bar);
        cx.replay = support::replay_header(instance);
        cx.replay["inputs"] = {{"epsilon", epsilon},
                               {"chunk", 1},
                               {"scale_diagonal", numeric::decimal_nearest(scales[0], 40)},
                               {"scale_previous_token", numeric::decimal_nearest(scales[1], 40)}};
        result.counterexample = std::move(cx);
        return result;
    }
};

}  // namespace

ROPECHECK_REGISTER_CHECK(prop_5_2, NoPENoPositionalHeadsCheck, "prop-5.2", fields())

}  // namespace ropecheck::claims::prop_5_2
