// Men et al. 2024, "Base of RoPE Bounds Context Length", Table 2: the published lower bound of
// RoPE's base per context length (d = 128). Eq. 11: base_L = inf{base : B_{m,theta} >= 0 for
// all m <= L}, B_{m,theta} = sum_{i=0}^{d/2-1} cos(m theta_i), theta_i = base^(-2i/d) (the
// schedule's g_{i+1}, so B is the aligned unit series of the sweep engine).
// For each row and each reading of "k" (1000 or 1024; "M" is k^2), certified:
//  - every m in [0, L] with B < 0 at the printed base (sweep::count_below, one certified
//    pass of the sweep engine): the printed base satisfies Eq. 11's
//    condition iff there is none;
//  - when L <= infimum_up_to, the certified infimum from probes::base_bound (every base in
//    [floor, theta_lower] fails, least_theta passes) and where it lies against the printed
//    base's rounding interval (half a unit of its last printed digit): "rounds" (the printed
//    value is the infimum to its digits), "above" or "below".
// Two cross-checks make a wrong schedule or sweep refute the claim itself: B at the first
// failing m (or at L) through the schedule and kernel must overlap its value from the
// reference frequencies (support/reference_frequencies.hpp); and a printed base that passes
// must lie certainly above base_bound's theta_lower (every base up to it fails).
// The claim is these determinations, all certified. Negative controls:
//  paper-as-printed  the paper's statement for the row: the printed base satisfies the condition
//                    up to L and is the infimum to its printed digits; refuted by a failing m
//                    (or by the infimum's position). Only rows where it is false are in its grid.
//  below-infimum     (a perturbation, every row) the base just below the certified infimum,
//                    base_bound's theta_lower rounded down, claimed to satisfy the condition:
//                    refuted by the same count finding a failing m <= L.
#include <algorithm>
#include <string>
#include <vector>

#include "ropecheck/numeric/certainty.hpp"
#include "ropecheck/numeric/decimal.hpp"
#include "ropecheck/numeric/invalid_input.hpp"
#include "ropecheck/probes/base_bound.hpp"
#include "ropecheck/sweep/series.hpp"
#include "ropecheck/sweep/sweep.hpp"
#include "support/claim_support.hpp"
#include "support/literature_row.hpp"
#include "support/men_tables_data.hpp"
#include "support/printed_decimal.hpp"
#include "support/reference_frequencies.hpp"

namespace ropecheck::claims::literature_men_table_2 {
namespace {

struct Params {
    std::string row, theta_floor, control;
    std::int64_t unit = 0;
    int head_dim = 0;
    std::int64_t infimum_up_to = 0;
};

const std::vector<std::string> controls{"none", "paper-as-printed", "below-infimum"};

support::Fields<Params> fields() {
    using core::ParameterKind;
    return {{"row", ParameterKind::text, "Table 2's context column: 1k, 2k, .., 512k, 1M", &Params::row},
            {"unit", ParameterKind::integer, "the reading of k: 1000 or 1024 (M = k^2)", &Params::unit},
            {"head_dim", ParameterKind::integer, "d (the paper's 128)", 128, &Params::head_dim},
            {"infimum_up_to", ParameterKind::integer,
             "certify the infimum with base-bound when L is at most this (0: never; it is the costly part)", 0,
             &Params::infimum_up_to},
            {"theta_floor", ParameterKind::decimal, "base-bound's floor T", "100", &Params::theta_floor},
            {support::control_parameter(controls), &Params::control}};
}

const support::MenTable2Row& row_of(const std::string& id) {
    return support::row_with_key(support::men_table_2, &support::MenTable2Row::context, id,
                                 "row \"" + id + "\" is not a context of Table 2");
}

std::int64_t context_of(const support::MenTable2Row& row, std::int64_t unit) {
    std::int64_t L = row.multiple;
    for (int i = 0; i < row.unit_power; ++i) L *= unit;
    return L;
}

// Where the certified infimum in (lower, upper] lies against the printed value's rounding
// interval (p - h, p + h), ends left out so every comparison is strict: "rounds", "above",
// "below", or "" when the bracket straddles an end.
std::string infimum_relation(const probes::BaseBoundAnswer& bb, const std::string& printed) {
    const interval p = numeric::enclose_decimal(printed);
    const interval h = support::half_unit(printed);
    const interval lower(bb.theta_lower), upper(bb.least_theta);
    if (numeric::certainly_positive(lower - (p - h)) && numeric::certainly_negative(upper - (p + h))) return "rounds";
    if (numeric::certainly_positive(lower - (p + h))) return "above";
    if (numeric::certainly_negative(upper - (p - h))) return "below";
    return "";
}

std::string failing_text(const sweep::CountResult& nd, std::int64_t L) {
    if (nd.count == 0) return "B >= 0 at every m <= " + std::to_string(L);
    std::string list;
    for (std::int64_t m : nd.least) list += (list.empty() ? "" : ", ") + std::to_string(m);
    if (nd.least.size() < nd.count) list += ", ..";
    return "B < 0 at m = " + list + " (" + std::to_string(nd.count) + " of the m <= " + std::to_string(L) + ")";
}

class LiteratureMenTable2Check final : public support::ClaimCheck<Params> {
    using ClaimCheck::ClaimCheck;

    void check(const Params& p) const override {
        const std::string& control = support::control_of(p.control, controls);
        row_of(p.row);
        if (p.unit != 1000 && p.unit != 1024)
            throw InvalidInput("unit = " + std::to_string(p.unit) + ": the reading of k is 1000 or 1024");
        rope::validate_head_dim(p.head_dim);
        rope::validate_theta(p.theta_floor);
        support::require_range("infimum_up_to", p.infimum_up_to, 0, probes::max_base_bound_context);
        if (control == "below-infimum" && context_of(row_of(p.row), p.unit) > p.infimum_up_to)
            throw InvalidInput("control below-infimum needs infimum_up_to >= L (it starts from base-bound's theta_lower)");
    }

    core::InstanceResult decide(const core::Instance& instance, const Params& p) const override {
        const support::MenTable2Row& row = row_of(p.row);
        const std::int64_t L = context_of(row, p.unit);
        const std::string printed(row.base);
        core::InstanceResult result;
        result.evidence["context"] = {{"row", p.row}, {"unit", p.unit}, {"L", L}};
        result.evidence["printed_base"] = printed;

        std::optional<probes::BaseBoundAnswer> bb;
        std::string relation;
        if (L <= p.infimum_up_to) {
            bb = probes::base_bound(L, p.head_dim, p.theta_floor);
            if (!bb->certified) {
                result.verdict = core::Verdict::inconclusive;
                result.message = "base-bound could not certify the infimum for L = " + std::to_string(L);
                return result;
            }
            relation = infimum_relation(*bb, printed);
            result.evidence["infimum"] = {{"theta_lower", numeric::decimal_down(bb->theta_lower, 12)},
                                          {"least_theta", bb->least_theta_decimal},
                                          {"binding_distance", bb->binding_distance},
                                          {"relation_to_printed", relation.empty() ? "undecided" : relation}};
        }

        // The base whose condition is decided: the printed one, or just below the infimum.
        const bool below = p.control == "below-infimum";
        const std::string base = below ? numeric::decimal_down(bb->theta_lower, 15) : printed;
        const auto schedule = rope::FrequencySchedule::rope(base, p.head_dim);
        const sweep::CosineSeries series = sweep::CosineSeries::aligned_unit(schedule.frequencies<interval>());
        const sweep::CountResult nd = sweep::count_below(series, interval(0), 0, L);
        result.evidence["base"] = base;
        if (!nd.certified) {
            result.verdict = core::Verdict::inconclusive;
            result.message = "B at m = " + std::to_string(nd.undecided_at.value_or(-1)) + " cannot be signed; raise --precision";
            return result;
        }
        result.evidence["negative_count"] = nd.count;
        result.evidence["negative_m"] = nd.least;
        if (nd.count > 0) result.evidence["B_at_first_negative"] = numeric::decimal_enclosure(nd.value_at_first, 12);
        result.margin = nd.count > 0 ? core::Margin{numeric::decimal_lower(nd.value_at_first),
                                                numeric::decimal_upper(nd.value_at_first),
                                                "m = " + std::to_string(nd.least.front())}
                                 : std::optional<core::Margin>{};

        // Cross-check 1: B through the schedule and kernel against the reference frequencies.
        const std::int64_t at = (nd.count > 0 ? nd.least.front() : L);
        const interval reference = support::reference_all_ones_curve(
                                       support::reference_rope_frequencies(base, p.head_dim), at) *
                                   interval(p.head_dim / 2);
        const interval ours = series.exact_at(at);
        if (!numeric::overlaps(ours, reference))
            return support::refuted(std::move(result), instance, "the schedule's B differs from the reference route",
                                    {{"base", base}, {"m", std::to_string(at)}},
                                    "B through the schedule and kernel = B from theta^(-1/n) powers",
                                    "B(" + std::to_string(at) + ") in " + numeric::decimal_enclosure(ours, 12) +
                                        " vs " + numeric::decimal_enclosure(reference, 12),
                                    {{"m", at}});
        const bool passes = nd.count == 0;
        // Cross-check 2: a passing printed base lies above every base base-bound excludes.
        if (bb && passes && !below &&
            !numeric::certainly_positive(numeric::enclose_decimal(printed) - interval(bb->theta_lower)))
            return support::refuted(std::move(result), instance, "base-bound and the sweep disagree",
                                    {{"base", printed}, {"L", std::to_string(L)}},
                                    "a base passing every m <= L is above base-bound's theta_lower",
                                    "the printed base passes but base-bound excludes every base up to " +
                                        numeric::decimal_down(bb->theta_lower, 12),
                                    {{"L", L}});

        const bool paper_holds = passes && (!bb || relation == "rounds");
        std::string ours_text = failing_text(nd, L);
        if (bb)
            ours_text += "; infimum in (" + numeric::decimal_down(bb->theta_lower, 6) + ", " +
                         numeric::decimal_up(bb->least_theta, 6) + "], " +
                         (relation == "rounds" ? "which rounds to the printed value"
                                               : relation + " the printed value's rounding interval");
        result.evidence["literature"] = support::literature_row(
            "Men et al. 2024, Table 2",
            "base " + printed + " is the lower bound for a " + p.row + " context (k = " + std::to_string(p.unit) +
                ": L = " + std::to_string(L) + ", d = " + std::to_string(p.head_dim) + ")",
            printed, ours_text, paper_holds);

        if (p.control == "none") {
            if (bb && relation.empty()) {
                result.verdict = core::Verdict::inconclusive;
                result.message = "the infimum's bracket straddles the printed value's rounding interval";
                return result;
            }
            result.verdict = core::Verdict::certified;
            result.message = p.row + " (L = " + std::to_string(L) + "), base " + printed + ": " + ours_text;
            return result;
        }
        if (!passes) {
            const std::int64_t m = nd.least.front();
            result = support::refuted(std::move(result), instance, "Eq. 11's condition fails at the base",
                                      {{"base", base}, {"L", std::to_string(L)}, {"m", std::to_string(m)}},
                                      "B_{m,theta} >= 0 for every m <= " + std::to_string(L) + " at base " + base,
                                      "B_{" + std::to_string(m) + ",theta} in " +
                                          numeric::decimal_enclosure(nd.value_at_first, 12) + " < 0; " + ours_text,
                                      {{"base", base}, {"m", m}});
            if (!below) support::keep_replay(result);
            return result;
        }
        if (!below && bb && relation != "rounds") {
            if (relation.empty()) {
                result.verdict = core::Verdict::inconclusive;
                result.message = "the infimum's bracket straddles the printed value's rounding interval";
                return result;
            }
            result = support::refuted(std::move(result), instance, "the printed base is not the infimum",
                                      {{"base", printed}, {"L", std::to_string(L)}},
                                      "inf{base : B >= 0 for all m <= L} rounds to " + printed,
                                      "the certified infimum, in (" + numeric::decimal_down(bb->theta_lower, 12) +
                                          ", " + bb->least_theta_decimal + "], is " + relation + " it",
                                      {{"L", L}});
            support::keep_replay(result);
            return result;
        }
        result.verdict = core::Verdict::certified;
        result.message = "the statement holds: " + ours_text;
        return result;
    }
};

}  // namespace

ROPECHECK_REGISTER_CHECK(literature_men_table_2, LiteratureMenTable2Check, "literature-men-table-2", fields())

}  // namespace ropecheck::claims::literature_men_table_2
