// Men et al. 2024, "Base of RoPE Bounds Context Length", Table 4: the number of distances m with
// B_{m,theta} < 0 (B = sum_{i=0}^{d/2-1} cos(m theta_i), d = 128) for two ways of extending
// Llama 2 from 4k to 32k, counted up to "15k" and "30k" (support/men_tables_data.hpp):
//   Method 1  theta_i = (5e6)^(-2i/d): the plain RoPE schedule at base 5e6;
//   Method 2  theta_i = (1e4)^(-2i/128) / 8 for i >= 44 and (1e4 * 8^(128/88))^(-2i/128) for
//             i < 44: the Llama 2 schedule's frequencies, the low ones divided by 8 and the high
//             ones taken at the stretched base (FrequencySchedule::frequencies_at on its MPFI
//             enclosure), which meet at i = 44.
// The count over m = 0..L is exact and certified (sweep::count_below), for both
// readings of k (L = 15000 / 15360, 30000 / 30720), both in the evidence. The claim: the
// paper's count equals the certified count under the reading `reading` (the spec's 1024: the
// printed 97 and 2554 are the counts to 15360 and 30720). Negative controls:
//  other-reading  (Method 2 rows) the paper's count under the other reading, k = 1000:
//                 refuted by the certified count there.
//  llama-2-base   (Method 1 rows, whose count is 0 under both readings) Method 1 at Llama 2's own
//                 base 1e4, claimed to keep the paper's count 0: refuted by the count.
#include <string>
#include <vector>

#include "ropecheck/numeric/certainty.hpp"
#include "ropecheck/numeric/decimal.hpp"
#include "ropecheck/numeric/invalid_input.hpp"
#include "ropecheck/sweep/series.hpp"
#include "ropecheck/sweep/sweep.hpp"
#include "support/claim_support.hpp"
#include "support/literature_row.hpp"
#include "support/men_tables_data.hpp"

namespace ropecheck::claims::literature_men_table_4 {
namespace {

struct Params {
    std::string row, control;
    std::int64_t reading = 0;
};

const std::vector<std::string> controls{"none", "other-reading", "llama-2-base"};

support::Fields<Params> fields() {
    using core::ParameterKind;
    return {{"row", ParameterKind::text, "Table 4's cell: method-1-15k, method-1-30k, method-2-15k, method-2-30k",
             &Params::row},
            {"reading", ParameterKind::integer, "the reading of k under which the paper's count is claimed: 1000 or 1024",
             &Params::reading},
            {support::control_parameter(controls), &Params::control}};
}

constexpr int head_dim = 128;

const support::MenTable4Row& row_of(const std::string& id) {
    return support::row_with_key(support::men_table_4, &support::MenTable4Row::id, id,
                                 "row \"" + id + "\" is not a cell of Table 4");
}

// Method 2's frequencies: the Llama 2 schedule's g_{i+1}, divided by the factor s for i >= c,
// and taken at the base b s^(d/(2c)) for i < c.
std::vector<interval> method_2_frequencies() {
    const auto llama = rope::FrequencySchedule::rope(std::string(support::men_method_2_base), head_dim);
    std::vector<interval> g = llama.frequencies<interval>();
    const int c = support::men_method_2_split;
    const interval s(support::men_method_2_factor);
    const interval stretched =
        numeric::enclose_decimal(std::string(support::men_method_2_base)) * exp(log(s) * interval(head_dim) / interval(2 * c));
    const std::vector<interval> high = llama.frequencies_at<interval>(stretched);
    for (std::size_t i = 0; i < g.size(); ++i) g[i] = static_cast<int>(i) < c ? high[i] : g[i] / s;
    return g;
}

std::vector<interval> frequencies_for(int method, const std::string& method_1_base) {
    if (method == 2) return method_2_frequencies();
    return rope::FrequencySchedule::rope(method_1_base, head_dim).frequencies<interval>();
}

class LiteratureMenTable4Check final : public support::ClaimCheck<Params> {
    using ClaimCheck::ClaimCheck;

    void check(const Params& p) const override {
        const std::string& control = support::control_of(p.control, controls);
        const support::MenTable4Row& row = row_of(p.row);
        if (p.reading != 1000 && p.reading != 1024)
            throw InvalidInput("reading = " + std::to_string(p.reading) + ": the reading of k is 1000 or 1024");
        if (control == "llama-2-base" && row.method != 1)
            throw InvalidInput("control llama-2-base changes Method 1's base; row " + p.row + " is Method 2");
    }

    core::InstanceResult decide(const core::Instance& instance, const Params& p) const override {
        const support::MenTable4Row& row = row_of(p.row);
        const std::string method_1_base =
            p.control == "llama-2-base" ? std::string(support::men_method_2_base) : std::string(support::men_method_1_base);
        const sweep::CosineSeries series = sweep::CosineSeries::aligned_unit(frequencies_for(row.method, method_1_base));
        const std::int64_t reading = p.control == "other-reading" ? (p.reading == 1000 ? 1024 : 1000) : p.reading;

        core::InstanceResult result;
        result.evidence["method"] = row.method;
        if (row.method == 1) result.evidence["base"] = method_1_base;
        std::int64_t claimed_count = -1;
        std::string both;
        for (const std::int64_t unit : {std::int64_t{1000}, std::int64_t{1024}}) {
            const std::int64_t L = row.multiple * unit;
            const sweep::CountResult nd = sweep::count_below(series, interval(0), 0, L);
            if (!nd.certified) {
                result.verdict = core::Verdict::inconclusive;
                result.message = "B at m = " + std::to_string(nd.undecided_at.value_or(-1)) +
                                 " cannot be signed; raise --precision";
                return result;
            }
            result.evidence["count_k_" + std::to_string(unit)] = {{"L", L}, {"count", nd.count}, {"least_m", nd.least}};
            both += (both.empty() ? "" : ", ") + std::to_string(nd.count) + " (m <= " + std::to_string(L) + ")";
            if (unit == reading) claimed_count = nd.count;
        }
        const std::int64_t paper = row.paper_count;
        const std::string L = std::to_string(row.multiple * reading);
        result.evidence["paper_count"] = paper;
        result.evidence["literature"] = support::literature_row(
            "Men et al. 2024, Table 4",
            "Method " + std::to_string(row.method) + ": " + std::to_string(paper) + " distances m <= " +
                std::to_string(row.multiple) + "k with B < 0 (d = 128), read with k = " + std::to_string(reading),
            std::to_string(paper), both, claimed_count == paper);
        const interval difference(claimed_count - paper);
        result.margin = core::Margin{numeric::decimal_lower(difference), numeric::decimal_upper(difference),
                                     "count - paper, m <= " + L};
        if (claimed_count != paper) {
            result = support::refuted(std::move(result), instance, "the count of m with B < 0 differs",
                                      {{"row", p.row}, {"L", L}},
                                      std::to_string(paper) + " distances m <= " + L + " with B < 0",
                                      "certified count " + std::to_string(claimed_count) + " (k = 1000, 1024: " +
                                          both + ")",
                                      {{"L", row.multiple * reading}});
            return result;
        }
        result.verdict = core::Verdict::certified;
        result.message = p.row + ": the paper's " + std::to_string(paper) + " is the certified count to m = " + L +
                         " (k = 1000, 1024: " + both + ")";
        return result;
    }
};

}  // namespace

ROPECHECK_REGISTER_CHECK(literature_men_table_4, LiteratureMenTable4Check, "literature-men-table-4", fields())

}  // namespace ropecheck::claims::literature_men_table_4
