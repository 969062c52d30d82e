// Peng et al. 2023, "YaRN: Efficient Context Window Extension of Large Language Models" (ICLR 2024,
// arXiv 2309.00071); the printed numbers are in support/yarn_data.hpp. Three rows:
//  temperature  sqrt(1/t) = 0.1 ln s + 1, "~ 1.208" at s = 8: the schedule's YaRN attention
//               factor (rope/scaling_apply.hpp) enclosed, required to overlap the formula in MPFI,
//               and placed against the printed value's rounding interval (half a unit of its
//               last digit: round to nearest; the evidence says whether truncation would do).
//  ramp         Definition 2's gamma(r), r = L / lambda (support/yarn_definition_2.hpp), against
//               the implementation's ramp, linear in the pair index with its correction range
//               truncated to integers (transformers' `yarn`; rope/scaling.cpp), for Llama 2
//               (b = 1e4, d = 128, L = 4096, alpha = 1, beta = 32). The implementation's share of
//               the original frequency kept is read off the schedule itself: 1 where its plan
//               keeps a pair (its frequency must be the unscaled one), 0 where it divides (it
//               must be omega / s), (omega'/omega - 1/s) / (1 - 1/s) on its blend; nothing of
//               the ramp is written twice. Pinned: Definition 2's clamped pairs must be exactly
//               those at or beyond the implementation's correction range (gamma = 1 iff
//               j <= floor(c(beta)), gamma = 0 iff j >= ceil(c(alpha)), c the correction
//               dimension), since r_j = beta at j = c(beta). Certified: which pairs differ, by
//               how much, the largest difference and its pair.
//  code-llama   Code Llama's base change 1e4 -> 1e6 "corresponds to s ~ 88.6 (a context of 355k)"
//               under the NTK-aware b' = b s^(|D|/(|D|-2)): s = (b'/b)^((|D|-2)/|D|) enclosed for
//               |D| = 128 (the head dimension: the paper's |D|) and |D| = 64, with the contexts
//               4096 s, and every even |D| <= 1024 whose s rounds to the printed value. Pinned to
//               the project's dynamic NTK schedule: at X = s it must give Code Llama's frequencies.
// The claim is each row's determination, certified. Negative controls:
//  paper-as-printed  (ramp, code-llama: where the paper is wrong) its statement: the two ramps
//                    agree on every pair; s = 88.6 to its printed digits. Refuted by the pair of
//                    largest certified difference, and by the enclosure of s.
//  other-factor      (temperature: where the paper is right) a perturbation, the printed 1.208
//                    claimed at s = 16: refuted by the enclosure there.
#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "ropecheck/numeric/certainty.hpp"
#include "ropecheck/numeric/decimal.hpp"
#include "ropecheck/numeric/enclosure.hpp"
#include "ropecheck/numeric/invalid_input.hpp"
#include "ropecheck/rope/frequency_schedule.hpp"
#include "ropecheck/rope/scaling.hpp"
#include "support/claim_support.hpp"
#include "support/literature_row.hpp"
#include "support/printed_decimal.hpp"
#include "support/yarn_data.hpp"
#include "support/yarn_definition_2.hpp"

namespace ropecheck::claims::literature_yarn {
namespace {

const std::vector<std::string> yarn_controls{"none", "paper-as-printed", "other-factor"};
const std::vector<std::string> yarn_rows{"temperature", "ramp", "code-llama"};
const char* const yarn_paper = "Peng et al. 2023 (YaRN)";

interval yarn_decimal(std::string_view text) { return numeric::enclose_decimal(std::string(text)); }

// Where x lies against a printed value: certainly within half a unit of its last digit,
// certainly not, or undecided.
enum class Printed { within, outside, undecided };
Printed against_printed(const interval& x, std::string_view printed) {
    const interval slack = abs(x - yarn_decimal(printed)) - support::half_unit(printed);
    if (numeric::certainly_negative(slack)) return Printed::within;
    if (numeric::certainly_positive(slack)) return Printed::outside;
    return Printed::undecided;
}

core::InstanceResult yarn_inconclusive(core::InstanceResult result, const std::string& message) {
    result.verdict = core::Verdict::inconclusive;
    result.message = message;
    return result;
}

// "21..45, 50": consecutive pairs joined.
std::string pair_ranges(const std::vector<int>& pairs) {
    std::string out;
    for (std::size_t i = 0; i < pairs.size();) {
        std::size_t j = i;
        while (j + 1 < pairs.size() && pairs[j + 1] == pairs[j] + 1) ++j;
        out += (out.empty() ? "" : ", ") + std::to_string(pairs[i]) + (j > i ? ".." + std::to_string(pairs[j]) : "");
        i = j + 1;
    }
    return out.empty() ? "none" : out;
}

rope::Scaling yarn_scaling(std::string_view factor) {
    rope::Scaling s;
    s.type = rope::ScalingType::yarn;
    s.factor = std::string(factor);
    s.original_max_position_embeddings = support::yarn_original_context;
    // The implementation's beta_fast and beta_slow are Definition 2's beta and alpha.
    s.beta_fast = std::string(support::yarn_beta);
    s.beta_slow = std::string(support::yarn_alpha);
    return s;
}

rope::FrequencySchedule llama_2() {
    return rope::FrequencySchedule::rope(std::string(support::yarn_llama_2_base), support::yarn_head_dim);
}

support::Fields<support::RowPoint> yarn_fields() {
    return support::row_fields("the statement: temperature, ramp, code-llama", yarn_controls);
}

class LiteratureYarnCheck final : public support::ClaimCheck<support::RowPoint> {
    using ClaimCheck::ClaimCheck;

    void check(const support::RowPoint& p) const override {
        const std::string& control = support::control_of(p.control, yarn_controls);
        support::require_one_of("row", p.row, yarn_rows);
        if (control == "paper-as-printed" && p.row == "temperature")
            throw InvalidInput("control paper-as-printed: row temperature is right as printed (its control is other-factor)");
        if (control == "other-factor" && p.row != "temperature")
            throw InvalidInput("control other-factor changes the temperature row's s; row " + p.row + " has no s");
    }

    core::InstanceResult decide(const core::Instance& instance, const support::RowPoint& p) const override {
        if (p.row == "temperature") return temperature(instance, p.control == "other-factor");
        if (p.row == "ramp") return ramp(instance, p.control == "paper-as-printed");
        return code_llama(instance, p.control == "paper-as-printed");
    }

private:
    static core::InstanceResult temperature(const core::Instance& instance, bool perturbed) {
        const std::string_view factor =
            perturbed ? support::yarn_temperature_perturbed_factor : support::yarn_temperature_factor;
        const std::string_view printed = support::yarn_temperature_printed;
        const interval ours = llama_2().with_scaling(yarn_scaling(factor)).attention_factor<interval>();
        const interval formula = interval(1) / interval(10) * log(yarn_decimal(factor)) + interval(1);
        const Printed where = against_printed(ours, printed);
        const bool below = numeric::certainly_negative(ours - yarn_decimal(printed));

        core::InstanceResult result;
        result.evidence["s"] = std::string(factor);
        result.evidence["sqrt_inverse_t"] = numeric::decimal_enclosure(ours, 15);
        result.evidence["formula_0_1_ln_s_plus_1"] = numeric::decimal_enclosure(formula, 15);
        result.evidence["t"] = numeric::decimal_enclosure(interval(1) / (ours * ours), 15);
        result.evidence["printed"] = std::string(printed);
        result.evidence["deviation"] = numeric::decimal_enclosure(ours - yarn_decimal(printed), 6);
        const std::string rounding =
            where != Printed::within ? "not within half a unit of " + std::string(printed)
            : below ? std::string(printed) + " is the value rounded to nearest; the value is below it, so "
                                              "truncation to the same digits would not give it"
                    : std::string(printed) + " is the value rounded to nearest (and truncated)";
        result.evidence["rounding"] = rounding;
        const std::string ours_text = "0.1 ln " + std::string(factor) + " + 1 in " +
                                      numeric::decimal_enclosure(ours, 12) + " (the schedule's attention factor); " +
                                      rounding;
        result.evidence["literature"] = support::literature_row(
            yarn_paper, "temperature sqrt(1/t) = 0.1 ln s + 1 ~ " + std::string(printed) + " at s = " + std::string(factor),
            std::string(printed), ours_text, where == Printed::within);
        if (!numeric::overlaps(ours, formula))
            return support::refuted(std::move(result), instance, "the schedule's attention factor is not 0.1 ln s + 1",
                                    {{"s", std::string(factor)}}, "0.1 ln s + 1 in " + numeric::decimal_enclosure(formula, 12),
                                    "attention factor in " + numeric::decimal_enclosure(ours, 12), {{"s", std::string(factor)}});
        if (where == Printed::undecided) return yarn_inconclusive(std::move(result), "too close to a rounding boundary");
        if (where == Printed::outside)
            return support::refuted(std::move(result), instance, "the printed temperature differs",
                                    {{"s", std::string(factor)}},
                                    "sqrt(1/t) ~ " + std::string(printed) + " at s = " + std::string(factor), ours_text,
                                    {{"s", std::string(factor)}});
        result.verdict = core::Verdict::certified;
        result.margin = core::Margin{numeric::decimal_lower(ours - yarn_decimal(printed)),
                                     numeric::decimal_upper(ours - yarn_decimal(printed)), "value - printed"};
        result.message = ours_text;
        return result;
    }

    struct RampPair {
        int pair = 0;
        support::Definition2Ramp paper;
        interval implementation, difference;  // implementation - Definition 2
    };

    static core::InstanceResult ramp(const core::Instance& instance, bool paper_statement) {
        const rope::FrequencySchedule plain = llama_2();
        const rope::FrequencySchedule scaled = plain.with_scaling(yarn_scaling(support::yarn_ramp_factor));
        const rope::ScalingPlan plan =
            rope::plan_scaling(scaled.scaling(), scaled.rotary_width(), std::string(support::yarn_llama_2_base));
        const std::vector<interval> omega = plain.frequencies<interval>(), omega_scaled = scaled.frequencies<interval>();
        const interval s = yarn_decimal(support::yarn_ramp_factor), inverse_s = interval(1) / s;
        const interval alpha = yarn_decimal(support::yarn_alpha), beta = yarn_decimal(support::yarn_beta);
        const interval lo = numeric::enclose_decimal(plan.yarn_lo), hi = numeric::enclose_decimal(plan.yarn_hi);

        core::InstanceResult result;
        result.evidence["implementation_correction_range"] = {{"low", plan.yarn_lo}, {"high", plan.yarn_hi}};
        result.evidence["s_read_at"] = std::string(support::yarn_ramp_factor);
        std::vector<RampPair> differing;
        std::vector<int> agreeing, implementation_below;
        using Piece = support::Definition2Ramp::Piece;
        for (int j = 0; j < static_cast<int>(omega.size()); ++j) {
            const std::size_t at = static_cast<std::size_t>(j);
            const rope::PairTreatment treatment = plan.pairs[at];
            interval kept;
            bool frequency_as_planned = true;
            switch (treatment) {
                case rope::PairTreatment::keep:
                    kept = interval(1);
                    frequency_as_planned = numeric::overlaps(omega_scaled[at], omega[at]);
                    break;
                case rope::PairTreatment::divide:
                    kept = interval(0);
                    frequency_as_planned = numeric::overlaps(omega_scaled[at], omega[at] / s);
                    break;
                case rope::PairTreatment::blend: kept = (omega_scaled[at] / omega[at] - inverse_s) / (interval(1) - inverse_s); break;
            }
            if (!frequency_as_planned)
                return support::refuted(std::move(result), instance, "the schedule's frequency is not its plan's",
                                        {{"pair", std::to_string(j)}}, "omega' = omega (keep) or omega / s (divide)",
                                        "omega' in " + numeric::decimal_enclosure(omega_scaled[at], 12), {{"pair", j}});
            const support::Definition2Ramp paper = support::definition_2_ramp(omega[at], support::yarn_original_context, alpha, beta);
            if (paper.piece == Piece::undecided)
                return yarn_inconclusive(std::move(result), "r at pair " + std::to_string(j) + " is too close to alpha or beta");
            const interval index(j);
            const Piece expected = numeric::upper_bound(index) <= numeric::lower_bound(lo)   ? Piece::extrapolated
                                   : numeric::lower_bound(index) >= numeric::upper_bound(hi) ? Piece::interpolated
                                                                                             : Piece::ramp;
            if (paper.piece != expected)
                return support::refuted(std::move(result), instance,
                                        "Definition 2's clamps and the implementation's correction range disagree",
                                        {{"pair", std::to_string(j)}, {"r", numeric::decimal_enclosure(paper.r, 12)}},
                                        "gamma = 1 iff j <= " + plan.yarn_lo + ", gamma = 0 iff j >= " + plan.yarn_hi,
                                        "pair " + std::to_string(j) + ": r in " + numeric::decimal_enclosure(paper.r, 12),
                                        {{"pair", j}});
            const bool both_clamped = (treatment == rope::PairTreatment::keep && paper.piece == Piece::extrapolated) ||
                                      (treatment == rope::PairTreatment::divide && paper.piece == Piece::interpolated);
            const interval difference = kept - paper.gamma;
            if (both_clamped) {
                agreeing.push_back(j);
            } else if (numeric::certainly_positive(difference) || numeric::certainly_negative(difference)) {
                if (numeric::certainly_negative(difference)) implementation_below.push_back(j);
                differing.push_back({j, paper, kept, difference});
            } else {
                return yarn_inconclusive(std::move(result), "the two ramps at pair " + std::to_string(j) +
                                                                " cannot be told apart at this precision");
            }
        }
        std::vector<int> differing_pairs;
        for (const RampPair& d : differing) differing_pairs.push_back(d.pair);
        result.evidence["pairs_agreeing"] = pair_ranges(agreeing);
        result.evidence["pairs_differing"] = pair_ranges(differing_pairs);
        result.evidence["pairs_differing_count"] = differing.size();
        result.evidence["pairs_implementation_below_definition_2"] = pair_ranges(implementation_below);
        result.evidence["pairs"] = core::json::array();
        for (const RampPair& d : differing)
            result.evidence["pairs"].push_back({{"pair", d.pair},
                                                {"r", numeric::decimal_enclosure(d.paper.r, 10)},
                                                {"definition_2", numeric::decimal_enclosure(d.paper.gamma, 10)},
                                                {"implementation", numeric::decimal_enclosure(d.implementation, 10)},
                                                {"difference", numeric::decimal_enclosure(d.difference, 10)}});
        const std::string where = "Llama 2 (b = 1e4, d = 128, L = 4096, alpha = 1, beta = 32)";
        const std::string paper_value = "gamma(r) = (r - 1)/31 for 1 <= r <= 32, r = L/lambda";
        const std::string claim = "Definition 2's ramp gamma(r) in r = L/lambda is the reference implementation's "
                                  "(transformers' yarn, linear in the pair index), " + where;
        if (differing.empty()) {
            result.evidence["literature"] = support::literature_row(yarn_paper, claim, paper_value,
                                                                    "the two ramps agree on every pair", true);
            // Then the paper's statement holds, and its control is not refuted either.
            return support::certified_with(std::move(result), "the two ramps agree on every pair");
        }
        // The largest |difference|, and whether its pair is certainly the largest.
        const auto magnitude = [](const RampPair& d) { return abs(d.difference); };
        const RampPair* largest = &differing.front();
        for (const RampPair& d : differing)
            if (numeric::lower_bound(magnitude(d)) > numeric::lower_bound(magnitude(*largest))) largest = &d;
        bool largest_certain = true;
        for (const RampPair& d : differing)
            if (&d != largest && !(numeric::upper_bound(magnitude(d)) < numeric::lower_bound(magnitude(*largest))))
                largest_certain = false;
        const std::size_t at = static_cast<std::size_t>(largest->pair);
        // What the difference does to the frequency there, at the s the ramp was read at.
        const interval paper_frequency = omega[at] * ((interval(1) - largest->paper.gamma) * inverse_s + largest->paper.gamma);
        const interval frequency_ratio = omega_scaled[at] / paper_frequency;
        const std::string pair_text = std::to_string(largest->pair);
        result.evidence["largest_difference"] = {
            {"pair", largest->pair},
            {"difference", numeric::decimal_enclosure(largest->difference, 12)},
            {"certainly_the_largest", largest_certain},
            {"frequency_ratio_implementation_over_definition_2", numeric::decimal_enclosure(frequency_ratio, 12)}};
        const std::string ours =
            "implementation: 1 - (j - " + plan.yarn_lo + ")/(" + plan.yarn_hi + " - " + plan.yarn_lo + ") on pairs " +
            plan.yarn_lo + ".." + plan.yarn_hi + "; the two differ on pairs " + pair_ranges(differing_pairs) + " (" +
            std::to_string(differing.size()) + " of " + std::to_string(omega.size()) + "), by at most " +
            numeric::decimal_enclosure(largest->difference, 6) + " at pair " + pair_text + " (Definition 2 " +
            numeric::decimal_midpoint(largest->paper.gamma, 4) + ", implementation " +
            numeric::decimal_midpoint(largest->implementation, 4) + "; frequency ratio " +
            numeric::decimal_midpoint(frequency_ratio, 4) + " at s = " + std::string(support::yarn_ramp_factor) + ")";
        result.evidence["literature"] = support::literature_row(yarn_paper, claim, paper_value, ours, false);
        if (!largest_certain)
            return yarn_inconclusive(std::move(result), "the pair of the largest difference cannot be singled out");
        result.margin = core::Margin{numeric::decimal_lower(largest->difference), numeric::decimal_upper(largest->difference),
                                     "implementation - Definition 2 at pair " + pair_text};
        if (paper_statement) {
            return support::paper_statement_refuted(std::move(result), instance, "the two ramps differ",
                                      {{"model", where}, {"pair", pair_text}},
                                      "Definition 2's gamma(r) equals the implementation's ramp at every pair", ours,
                                      {{"pair", largest->pair}});
        }
        return support::certified_with(std::move(result), ours);
    }

    static interval ntk_factor(const interval& base_ratio, int width) {
        return exp(log(base_ratio) * interval(width - 2) / interval(width));
    }

    static core::InstanceResult code_llama(const core::Instance& instance, bool paper_statement) {
        const int d = support::yarn_head_dim;
        const std::int64_t L = support::yarn_original_context;
        const interval ratio = yarn_decimal(support::yarn_code_llama_base) / yarn_decimal(support::yarn_llama_2_base);
        const interval s_full = ntk_factor(ratio, d), s_half = ntk_factor(ratio, d / 2);
        const interval context_full = interval(L) * s_full, context_half = interval(L) * s_half;
        const std::string_view printed_s = support::yarn_code_llama_printed_s;
        const std::string_view printed_context = support::yarn_code_llama_printed_context;

        core::InstanceResult result;
        // Pin: the dynamic NTK schedule at X = s must give Code Llama's frequencies. Its X is
        // factor (n / L0 - 1) + 1, so factor = s - 1 at n = 2 L0 (s - 1 to 40 digits).
        rope::Scaling dynamic;
        dynamic.type = rope::ScalingType::dynamic;
        dynamic.factor = numeric::decimal_midpoint(s_full - interval(1), 40);
        dynamic.max_position_embeddings = L;
        dynamic.sequence_length = 2 * L;
        const std::vector<interval> ntk = llama_2().with_scaling(dynamic).frequencies<interval>();
        const std::vector<interval> code = rope::FrequencySchedule::rope(std::string(support::yarn_code_llama_base), d)
                                               .frequencies<interval>();
        for (std::size_t j = 0; j < ntk.size(); ++j)
            if (!numeric::certainly_negative(abs(ntk[j] / code[j] - interval(1)) - yarn_decimal("1e-30")))
                return support::refuted(std::move(result), instance, "the dynamic NTK schedule at X = s is not Code Llama's",
                                        {{"pair", std::to_string(j)}}, "omega_j(b s^(d/(d-2))) = omega_j(1e6)",
                                        "ratio in " + numeric::decimal_enclosure(ntk[j] / code[j], 12),
                                        {{"pair", static_cast<std::int64_t>(j)}});

        // Every even |D| whose s rounds to the printed value.
        std::vector<int> widths_giving_printed;
        for (int width = 4; width <= support::yarn_code_llama_largest_width; width += 2) {
            const Printed w = against_printed(ntk_factor(ratio, width), printed_s);
            if (w == Printed::undecided)
                return yarn_inconclusive(std::move(result), "|D| = " + std::to_string(width) + ": s is too close to a rounding boundary");
            if (w == Printed::within) widths_giving_printed.push_back(width);
        }
        const Printed full = against_printed(s_full, printed_s), half = against_printed(s_half, printed_s);
        const Printed full_context = against_printed(context_full, printed_context);
        const Printed half_context = against_printed(context_half, printed_context);
        const Printed printed_s_context = against_printed(interval(L) * yarn_decimal(printed_s), printed_context);
        for (Printed w : {full, half, full_context, half_context, printed_s_context})
            if (w == Printed::undecided) return yarn_inconclusive(std::move(result), "too close to a rounding boundary");
        const auto verdict_word = [](Printed w) { return w == Printed::within ? "rounds to" : "does not round to"; };

        result.evidence["s_width_128"] = numeric::decimal_enclosure(s_full, 15);
        result.evidence["context_width_128"] = numeric::decimal_enclosure(context_full, 12);
        result.evidence["s_width_64"] = numeric::decimal_enclosure(s_half, 15);
        result.evidence["context_width_64"] = numeric::decimal_enclosure(context_half, 12);
        result.evidence["readings"] = {
            {"|D| = 128: s", std::string(verdict_word(full)) + " " + std::string(printed_s)},
            {"|D| = 128: 4096 s", std::string(verdict_word(full_context)) + " 355k"},
            {"|D| = 64: s", std::string(verdict_word(half)) + " " + std::string(printed_s)},
            {"|D| = 64: 4096 s", std::string(verdict_word(half_context)) + " 355k"},
            {"printed s: 4096 s", std::string(verdict_word(printed_s_context)) + " 355k"}};
        std::string widths;
        for (int w : widths_giving_printed) widths += (widths.empty() ? "" : ", ") + std::to_string(w);
        result.evidence["even_widths_giving_printed_s"] = widths.empty() ? "none" : widths;
        const std::string ours = "s = 100^(126/128) in " + numeric::decimal_enclosure(s_full, 10) + " (4096 s ~ " +
                                 numeric::decimal_midpoint(context_full, 6) + "); with |D| = 64, s ~ " +
                                 numeric::decimal_midpoint(s_half, 6) + " and 4096 s ~ " +
                                 numeric::decimal_midpoint(context_half, 6) + " (" + verdict_word(half_context) +
                                 " the printed 355k); of the even |D| <= " +
                                 std::to_string(support::yarn_code_llama_largest_width) + ", " +
                                 (widths.empty() ? std::string("none gives ") : "only " + widths + " gives ") +
                                 std::string(printed_s);
        result.evidence["literature"] = support::literature_row(
            yarn_paper, "Code Llama's base change 1e4 -> 1e6 is s ~ 88.6 (a context of 355k) under b' = b s^(|D|/(|D|-2)), |D| = 128",
            std::string(printed_s) + " (355k)", ours, full == Printed::within);
        result.margin = core::Margin{numeric::decimal_lower(s_full - yarn_decimal(printed_s)),
                                     numeric::decimal_upper(s_full - yarn_decimal(printed_s)), "s - printed, |D| = 128"};
        if (paper_statement && full == Printed::outside) {
            return support::paper_statement_refuted(std::move(result), instance, "the printed s differs",
                                      {{"b", std::string(support::yarn_llama_2_base)},
                                       {"b'", std::string(support::yarn_code_llama_base)}, {"|D|", std::to_string(d)}},
                                      "s ~ " + std::string(printed_s), ours, {{"width", d}});
        }
        return support::certified_with(std::move(result), ours);
    }
};

}  // namespace

ROPECHECK_REGISTER_CHECK(literature_yarn, LiteratureYarnCheck, "literature-yarn", yarn_fields())

}  // namespace ropecheck::claims::literature_yarn
