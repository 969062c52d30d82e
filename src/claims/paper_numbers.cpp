// Every numeric statement of the paper that follows from the formulas (docs/claims-group-a.md,
// "Numbers quoted in the paper", Section 6 and Appendix E), one row per instance.
// The paper's values are in support/paper_numbers_data.hpp (rows do not fit the spec's
// grid format); theorems/paper-numbers.toml lists the row ids.
//
// Tolerance rules (each stated in the row's evidence):
//  rounding        ours (a certified enclosure) lies within half a unit of the paper's last
//                  printed digit (support/printed_decimal.hpp): "0.0006" accepts [5.5e-4, 6.5e-4].
//  relative_tenth  a qualitative phrase ("about a quarter turn"), read as within 10%.
//  exact_count     an integer: ours must be exactly the printed integer.
//  Appendix E      each |activation| at most its Cauchy-Schwarz bound once both printed
//                  values are allowed their rounding: |a| - half_unit(a) <= U + half_unit(U).
//  quoted inputs   q . k from the quoted 2-D vectors: the paper's product must lie within
//                  the worst-case effect of the coordinates' rounding (sum_i |q_i| e_k +
//                  |k_i| e_q + e_q e_k, e = half a unit of each coordinate) plus its own.
// A row expects "agree" or "paper-error" (the Llama 3.1 row, which the paper gets wrong);
// the claim is certified when every row meets its expectation with certainty.
// Negative controls:
//  perturbed-theta  the same rows recomputed with each base 1% too large (10,100 for
//                   Gemma's 10,000, 505,000 for Llama's 500,000), through the same
//                   schedule and tolerance rules, claimed to reproduce the paper: every
//                   row whose value depends on theta finely enough (spec comment) must
//                   disagree. Rows without a theta (1/g_1, d/2, Tables 3-5, the quoted
//                   products) are rejected for it.
//  paper-is-right   expects the Llama 3.1 row to agree: refuted by the certified 2.74e-4
//                   (the other rows agree and belong to the claim).
#include <stdexcept>
#include <string>
#include <vector>

#include "ropecheck/numeric/certainty.hpp"
#include "ropecheck/numeric/decimal.hpp"
#include "ropecheck/numeric/enclosure.hpp"
#include "ropecheck/numeric/enum_names.hpp"
#include "ropecheck/numeric/invalid_input.hpp"
#include "ropecheck/rope/frequency_schedule.hpp"
#include "ropecheck/rope/kernel.hpp"
#include "support/claim_support.hpp"
#include "support/paper_numbers_data.hpp"
#include "support/printed_decimal.hpp"

namespace ropecheck::claims::paper_numbers {
namespace {

using Params = support::RowPoint;

const std::vector<std::string> controls{"none", "perturbed-theta", "paper-is-right"};

// Each parameter once: the schema, the range checks and the run all read it.
support::Fields<Params> fields() {
    return support::row_fields("which statement (support/paper_numbers_data.hpp)",
                               controls);
}

using numeric::Certainty;

// A finding is the certainty that ours agrees with the paper, in the report's words.
std::string finding_name(Certainty f) {
    constexpr numeric::EnumNames<3> names{"agree", "disagree", "undecided"};  // in the order of enum Certainty
    return numeric::name_of(names, f);
}

interval decimal(std::string_view text) { return numeric::enclose_decimal(std::string(text)); }

// |ours - paper| <= allowed, certainly / certainly not / unknown.
Certainty within(const interval& deviation, const interval& allowed) {
    return numeric::is_at_most(deviation, allowed);
}

// "[paper - allowed, paper + allowed]" for a reader; both ends are exact short
// decimals, printed to nearest (the decision itself uses the enclosures).
std::string accepted_range(const interval& paper, const interval& allowed) {
    std::string out(1, '[');
    out.append(numeric::decimal_midpoint(paper - allowed, 6)).append(", ");
    out.append(numeric::decimal_midpoint(paper + allowed, 6)).push_back(']');
    return out;
}

// What one row computed, before its expectation is applied.
struct RowOutcome {
    std::string statement;
    std::string paper;
    Certainty finding = Certainty::unknown;
    interval margin;  // 1 - deviation / allowed: > 0 inside, < 0 outside, in units of the tolerance
    std::string margin_where;
    std::string ours;  // certified enclosure, decimal
    core::json evidence = core::json::object();
};

// The bases the formulas use: the paper's, or each 1% larger (perturbed-theta).
struct Bases {
    std::string gemma = "10000";
    std::string llama = "500000";
};

const Bases perturbed_bases{"10100", "505000"};

// Rows whose formula involves no base: the perturbed-theta control cannot move them.
bool depends_on_theta(std::string_view id) {
    for (const auto& row : support::formula_rows)
        if (row.id == id) return id != "one-radian-highest" && id != "gemma-chunks-per-head";
    return false;
}

// The formula behind each formula row, through the one frequency schedule where a
// frequency is meant.
interval formula_value(std::string_view id, core::json& notes, const Bases& bases) {
    const auto gemma = rope::FrequencySchedule::rope(bases.gemma, 256);
    const auto gemma_g = gemma.frequencies<interval>();
    const interval& g119 = gemma_g[118];  // exponent 2 * 118 / 256 = 236/256
    const interval& lowest = gemma_g[127];  // exponent 254/256
    if (id == "gemma-band-onset") return exp(-(decimal("0.8") * log(decimal(bases.gemma))));
    if (id == "llama-3.1-band") {
        const auto llama = rope::FrequencySchedule::rope(bases.llama, 128).frequencies<interval>();
        notes["chunk"] = "g_41 of d = 128: exponent 2 * 40 / 128 = 40/64";
        return llama[40];
    }
    if (id == "rotations-128k") return decimal("128000") / decimal(bases.gemma) / (2 * numeric::pi());
    if (id == "gemma-g119" || id == "gemma-g119-3-digits") return g119;
    if (id == "gemma-8000-g119") return 8000 * g119;
    if (id == "gemma-8000-g119-quarter-turn") {
        notes["reading"] = "8000 g_119 / (pi/2) within 10% of 1";
        notes["radians"] = numeric::decimal_enclosure(8000 * g119, 10);
        return 8000 * g119 / (numeric::pi() / 2);
    }
    if (id == "gemma-lowest-frequency") return lowest;
    if (id == "gemma-lowest-wavelength") {
        const interval wavelength = 2 * numeric::pi() / lowest;
        // Is it 58,469 or 58,470? Whole tokens vs the nearest token.
        const real lo = numeric::lower_bound(wavelength), hi = numeric::upper_bound(wavelength);
        if (floor(lo) == floor(hi)) notes["whole_tokens"] = floor(lo).str();
        if (round(lo) == round(hi)) notes["nearest_token"] = round(lo).str();
        return wavelength;
    }
    if (id == "one-radian-lowest") {
        notes["reading"] = "the paper's g_{d/2} ~ 1/theta; exactly, 1/g_{d/2} = theta^(254/256) = theta / theta^(2/256)";
        notes["theta_over_ours"] = numeric::decimal_enclosure(decimal(bases.gemma) * lowest, 8);
        return 1 / lowest;
    }
    if (id == "one-radian-highest") return 1 / gemma_g[0];
    if (id == "gemma-chunks-per-head") {
        notes["chunks_per_layer"] = 16 * gemma.pairs();
        return interval(gemma.pairs());
    }
    throw std::logic_error("paper-numbers: no formula for row " + std::string(id));
}

RowOutcome formula_row(const support::PaperRow& row, const Bases& bases) {
    RowOutcome out;
    out.statement = row.statement;
    out.paper = row.paper;
    const interval ours = formula_value(row.id, out.evidence, bases);
    const interval paper = decimal(row.paper);
    out.ours = numeric::decimal_enclosure(ours, 12);
    const interval deviation = abs(ours - paper);
    switch (row.tolerance) {
        case support::PaperTolerance::exact_count: {
            out.evidence["tolerance_rule"] = "exact: an integer count";
            const auto eq = numeric::is_equal(ours, paper);
            out.finding = eq == Certainty::certainly   ? Certainty::certainly
                          : eq == Certainty::certainly_not ? Certainty::certainly_not
                                                                   : Certainty::unknown;
            out.margin = interval(out.finding == Certainty::certainly ? 1 : -1);
            out.evidence["accepted"] = std::string(row.paper);
            break;
        }
        case support::PaperTolerance::rounding:
        case support::PaperTolerance::relative_tenth: {
            const bool relative = row.tolerance == support::PaperTolerance::relative_tenth;
            const interval allowed = relative ? decimal("0.1") * abs(paper) : support::half_unit(row.paper);
            out.evidence["tolerance_rule"] = relative ? "within 10% of the stated quantity"
                                                      : "half a unit of the paper's last printed digit";
            out.evidence["accepted"] = accepted_range(paper, allowed);
            out.finding = within(deviation, allowed);
            out.margin = 1 - deviation / allowed;
            break;
        }
    }
    return out;
}

RowOutcome table_row(const support::ActivationTable& table) {
    RowOutcome out;
    out.statement = std::string(table.caption) + ": every |activation| <= its Cauchy-Schwarz upper bound";
    out.paper = "45 printed cells, 3 per token, bound first";
    out.evidence["tolerance_rule"] = "|a| - half_unit(a) <= U + half_unit(U), half units from the printed digits";
    core::json cells = core::json::array(), violations = core::json::array();
    bool first = true, undecided = false;
    for (std::size_t i = 0; i < table.upper.size(); ++i) {
        const std::string token = i == 0 ? "BOS" : std::to_string(i);
        for (const auto& [kind, printed] : {std::pair<const char*, std::string_view>{"diagonal", table.diagonal[i]},
                                            {"previous", table.previous[i]}}) {
            if (printed.empty()) continue;  // N/A: BOS has no previous token
            const interval allowed = support::half_unit(table.upper[i]) + support::half_unit(printed);
            const interval excess = abs(decimal(printed)) - decimal(table.upper[i]);  // |a| - U
            const interval margin = 1 - excess / allowed;  // >= 0 iff |a| - U <= allowed
            const Certainty f = within(excess, allowed);
            if (first || numeric::lower_bound(margin) < numeric::lower_bound(out.margin)) {
                out.margin = margin;
                out.margin_where = "token " + token + ", " + kind;
                first = false;
            }
            undecided = undecided || f == Certainty::unknown;
            core::json cell = {{"token", token}, {"kind", kind}, {"activation", printed},
                               {"upper", table.upper[i]}, {"within", f == Certainty::certainly}};
            if (f == Certainty::certainly_not) violations.push_back(cell);
            cells.push_back(std::move(cell));
        }
    }
    out.finding = !violations.empty() ? Certainty::certainly_not : undecided ? Certainty::unknown : Certainty::certainly;
    out.ours = violations.empty() ? "every cell within its bound" : std::to_string(violations.size()) + " cells above";
    out.evidence["cells"] = std::move(cells);
    out.evidence["violations"] = std::move(violations);
    return out;
}

RowOutcome product_row(const support::QuotedProduct& row) {
    RowOutcome out;
    out.statement = row.statement;
    out.paper = row.paper;
    std::vector<interval> q, k;
    interval rounding_effect(0);
    for (std::size_t i = 0; i < 2; ++i) {
        q.push_back(decimal(row.query[i]));
        k.push_back(decimal(row.key[i]));
        const interval eq = support::half_unit(row.query[i]), ek = support::half_unit(row.key[i]);
        rounding_effect = rounding_effect + abs(q[i]) * ek + abs(k[i]) * eq + eq * ek;
    }
    const interval ours = rope::dot<interval>(q, k);  // at the printed coordinates
    const interval paper = decimal(row.paper);
    const interval own = support::half_unit(row.paper);
    const interval allowed = rounding_effect + own;
    const interval deviation = abs(ours - paper);
    out.ours = numeric::decimal_enclosure(ours, 12);
    out.finding = within(deviation, allowed);
    out.margin = 1 - deviation / allowed;
    out.evidence["tolerance_rule"] =
        "|q.k - paper| <= sum_i |q_i| e + |k_i| e + e^2 (coordinates rounded to e = half a unit) + the "
        "paper's own half unit";
    out.evidence["coordinate_rounding_effect"] = numeric::decimal_enclosure(rounding_effect, 8);
    out.evidence["accepted"] = accepted_range(paper, allowed);
    // Stronger than needed: the product at the printed coordinates itself rounds to the paper's value.
    out.evidence["rounds_to_paper_value"] = within(deviation, own) == Certainty::certainly;
    return out;
}

RowOutcome evaluate(const std::string& id, const Bases& bases) {
    for (const auto& row : support::formula_rows)
        if (row.id == id) return formula_row(row, bases);
    for (const auto& table : support::activation_tables)
        if (table.id == id) return table_row(table);
    for (const auto& row : support::quoted_products)
        if (row.id == id) return product_row(row);
    throw std::logic_error("paper-numbers: unknown row " + id);
}

std::string expectation_of(const std::string& id) {
    for (const auto& row : support::formula_rows)
        if (row.id == id) return std::string(row.expect);
    return "agree";
}

std::vector<std::string> row_ids() {
    std::vector<std::string> ids;
    for (const auto& row : support::formula_rows) ids.emplace_back(row.id);
    for (const auto& table : support::activation_tables) ids.emplace_back(table.id);
    for (const auto& row : support::quoted_products) ids.emplace_back(row.id);
    return ids;
}

class PaperNumbersCheck final : public support::ClaimCheck<Params> {
    using ClaimCheck::ClaimCheck;

    void check(const Params& p) const override {
        const std::string id = p.row;
        support::require_one_of("row", id, row_ids());
        const std::string control = support::control_of(p.control, controls);
        if (control == "perturbed-theta" && !depends_on_theta(id))
            throw InvalidInput("row = " + id + ": its value involves no base theta, so the perturbed-theta control "
                               "cannot move it");
        if (control == "paper-is-right" && expectation_of(id) != "paper-error")
            throw InvalidInput("row = " + id + ": the paper-is-right control keeps only rows where the paper is "
                               "wrong (this row agrees and belongs to the claim)");
    }

    core::InstanceResult decide(const core::Instance& instance, const Params& p) const override {
        const std::string id = p.row;
        const std::string control = support::control_of(p.control, controls);
        // Both controls claim the paper's printed value is reproduced.
        const std::string expect = control == "none" ? expectation_of(id) : "agree";
        const Bases bases = control == "perturbed-theta" ? perturbed_bases : Bases{};
        RowOutcome row = evaluate(id, bases);

        core::InstanceResult result;
        result.evidence = std::move(row.evidence);
        result.evidence["row"] = id;
        result.evidence["bases"] = {{"gemma", bases.gemma}, {"llama", bases.llama}};
        result.evidence["statement"] = row.statement;
        result.evidence["paper"] = row.paper;
        result.evidence["ours"] = row.ours;
        result.evidence["expect"] = expect;
        result.evidence["finding"] = finding_name(row.finding);
        // Margin in units of the row's tolerance: how deep inside (agree) or how far
        // outside (paper-error) the accepted range our value lies.
        const interval margin = expect == "agree" ? row.margin : -row.margin;
        result.margin = core::Margin{numeric::decimal_lower(margin, 8), numeric::decimal_upper(margin, 8),
                                     row.margin_where.empty() ? "row " + id : "row " + id + ", " + row.margin_where};
        if (row.finding == Certainty::unknown) {
            result.verdict = core::Verdict::inconclusive;
            result.message = "row " + id + ": ours " + row.ours + " is too close to the paper's tolerance to decide";
            return result;
        }
        const bool met = (row.finding == Certainty::certainly) == (expect == "agree");
        const std::string summary = "row " + id + ": paper " + row.paper + ", ours " + row.ours + " (" +
                                    finding_name(row.finding) + ", expected " + expect + ")";
        if (met) {
            result.verdict = core::Verdict::certified;
            result.message = summary;
            return result;
        }
        result.verdict = core::Verdict::refuted;
        result.message = summary;
        core::Counterexample cx;
        cx.kind = expect == "agree" ? "the paper's number disagrees with the formula"
                                    : "a paper error was expected but the number agrees";
        cx.inputs = {{"row", id}, {"statement", row.statement}, {"paper", row.paper}};
        cx.claimed = expect == "agree" ? "the paper's " + row.paper + " agrees within its rounding"
                                       : "the paper's " + row.paper + " is wrong";
        cx.computed = "ours " + row.ours + "; accepted " +
                      result.evidence.value("accepted", std::string("(see evidence)"));
        cx.replay = support::replay_header(instance);
        cx.replay["inputs"] = {{"row", id}, {"expect", expect}, {"gemma_theta", bases.gemma}, {"llama_theta", bases.llama}};
        result.counterexample = std::move(cx);
        return result;
    }
};

}  // namespace

ROPECHECK_REGISTER_CHECK(paper_numbers, PaperNumbersCheck, "paper-numbers", fields())

}  // namespace ropecheck::claims::paper_numbers
