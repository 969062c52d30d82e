// thm-5.3 on a model's layer group: can the group's highest frequency g_1 form
// a positional head (the diagonal pattern) over the span it sees, in exact
// arithmetic? Theorem 5.3's construction needs the margin
// min over 1 <= r <= N of 1 - cos(r g_1) to be positive; then some norm s*
// makes the target's weight exceed 1 - eps. The finding certifies the margin
// over the span (probes::positional_margin) and encloses s* at context
// min(N + 1, the scale limit) (probes::diagonal_scale). A group whose g_1 does
// not rotate (NoPE, asked by the tests) has margin 0 at r = 1 and refutes it.
#include "finding_checks.hpp"
#include "finding_support.hpp"
#include "ropecheck/numeric/certainty.hpp"
#include "ropecheck/numeric/decimal.hpp"
#include "ropecheck/probes/diagonal_scale.hpp"
#include "ropecheck/probes/positional_margin.hpp"

namespace ropecheck::audit {
namespace {

using core::json;
using core::Verdict;

const FindingIdentity positional_head_identity{
    "thm-5.3", "A positional head is possible over the span (Theorem 5.3)",
    "On the group's highest frequency g_1, min over 1 <= r <= max_distance of 1 - cos(r g_1) is positive, "
    "so Theorem 5.3's construction makes a diagonal head with weight > 1 - eps at a finite norm s*, "
    "enclosed here. Query scaling that multiplies a query's scores by s(p) >= 1 lowers the norm needed "
    "to s* / s(p) <= s*."};

class PositionalHeadFinding final : public FindingCheck {
public:
    using FindingCheck::FindingCheck;

    core::InstanceResult run(const core::Instance& instance) const override {
        const auto [index, group, span] = asked(instance);
        const std::vector<int> rotating = support::rotating_pairs(group);
        const std::size_t k = rotating.empty() ? 0 : static_cast<std::size_t>(rotating.front());
        const numeric::interval g1 = support::frequencies_of(group).at(k);
        const probes::MarginAnswer margin = probes::positional_margin({g1}, span);
        json evidence = {{"frequency", k + 1},
                         {"max_distance", span},
                         {"worst_distance", margin.worst_distance},
                         {"margin", numeric::decimal_midpoint(margin.margin, support::value_digits)},
                         {"margin_lower", numeric::decimal_lower(margin.margin, support::value_digits)},
                         {"margin_upper", numeric::decimal_upper(margin.margin, support::value_digits)},
                         {"certified", margin.certified}};
        if (group.query_scaling) evidence["query_scaling"] = group.query_scaling->formula;
        if (numeric::is_positive(margin.margin) == numeric::Certainty::certainly_not) {
            return support::refuted(
                index,
                "1 - cos(r g_" + std::to_string(k + 1) + ") is not positive at r = " +
                    std::to_string(margin.worst_distance) + ": no positional head on this frequency",
                evidence,
                {"a distance the highest frequency cannot tell from 0",
                 {{"g_1", numeric::decimal_enclosure(g1)}, {"r", std::to_string(margin.worst_distance)}},
                 "1 - cos(r g_1) > 0 for every r <= " + std::to_string(span),
                 "1 - cos(r g_1) = " + numeric::decimal_enclosure(margin.margin)});
        }
        const std::int64_t context = std::max<std::int64_t>(2, std::min(span + 1, subject().limits.scale_context));
        const std::string& eps = subject().limits.scale_epsilon;
        const probes::ScaleAnswer scale = probes::diagonal_scale(g1, context, eps);
        evidence["scale"] = {{"epsilon", eps},
                             {"context", context},
                             {"scale_lower", numeric::decimal_lower(scale.scale, support::value_digits)},
                             {"scale_upper", numeric::decimal_upper(scale.scale, support::value_digits)},
                             {"certified", scale.certified}};
        if (!numeric::certainly_positive(margin.margin) || !margin.certified || !scale.certified)
            return support::decided(Verdict::inconclusive, "the margin or the scale could not be certified", evidence);
        core::InstanceResult r = support::decided(Verdict::certified,
                             "margin " + numeric::decimal_midpoint(margin.margin, support::value_digits) +
                                 " at r = " + std::to_string(margin.worst_distance) + "; s* for eps = " + eps +
                                 " at N = " + std::to_string(context) + ": " +
                                 numeric::decimal_enclosure(scale.scale, support::value_digits),
                             evidence);
        r.margin = core::Margin{numeric::decimal_lower(margin.margin, support::value_digits),
                                numeric::decimal_upper(margin.margin, support::value_digits),
                                "r = " + std::to_string(margin.worst_distance)};
        return r;
    }
};

}  // namespace

std::unique_ptr<FindingCheck> make_positional_head_finding(std::shared_ptr<const AuditSubject> subject) {
    return std::make_unique<PositionalHeadFinding>(std::move(subject), positional_head_identity);
}

}  // namespace ropecheck::audit
