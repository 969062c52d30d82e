// thm-6.1 on a model's layer group: does every rotating channel break within
// the span the group sees? Each pair's break distance b_k = floor(pi / (2 g_k)) + 1
// comes from its closed form up to 2^52 (so a distance beyond the span is still
// a number: Llama 3.1's lowest pair breaks at 5118392), and every b_k within the
// span is confirmed by the certified sweep (probes::semantic_break), a second
// method; a disagreement is an error, not a verdict.
#include <algorithm>

#include "finding_checks.hpp"
#include "finding_support.hpp"
#include "ropecheck/numeric/decimal.hpp"
#include "ropecheck/numeric/enclosure.hpp"
#include "ropecheck/probes/semantic_break.hpp"

namespace ropecheck::audit {
namespace {

using core::json;
using core::Verdict;

const FindingIdentity channel_breaks_identity{
    "thm-6.1", "Every rotating channel breaks within the span (Theorem 6.1)",
    "For every pair k that rotates, the aligned construction on g_k alone (query = target key) "
    "breaks within the span: cos(r g_k) < 0 for some 1 <= r <= max_distance. Refuted by a pair whose "
    "least break distance floor(pi / (2 g_k)) + 1 lies beyond the span: a semantic channel that stays "
    "robust over everything this group sees (p-RoPE keeps none, by design)."};

class ChannelBreaksFinding final : public FindingCheck {
public:
    using FindingCheck::FindingCheck;

    core::InstanceResult run(const core::Instance& instance) const override {
        const auto [index, group, span] = asked(instance);
        const std::vector<numeric::interval> g = support::frequencies_of(group);
        const numeric::interval two_pi = numeric::two_pi();
        json rows = json::array(), robust = json::array();
        bool undecided = false;
        std::optional<std::size_t> first_robust;
        for (std::size_t k = 0; k < g.size(); ++k) {
            if (!group.rope || !group.schedule.chunks()[k].rotated) {
                robust.push_back(k + 1);  // a pair that does not rotate never breaks
                continue;
            }
            const support::ClosedFormBreak closed = support::closed_form_break(g[k]);
            bool certified = closed.decided;
            if (closed.distance && *closed.distance <= span) {
                const probes::BreakAnswer swept = probes::semantic_break({g[k]}, *closed.distance);
                if (!swept.certified)
                    certified = false;
                else if (swept.first_break_distance != closed.distance)
                    return support::decided(
                        Verdict::error, "pair " + std::to_string(k + 1) + ": the sweep's break " +
                                            (swept.first_break_distance ? std::to_string(*swept.first_break_distance)
                                                                        : std::string("none")) +
                                            " disagrees with the closed form's " + std::to_string(*closed.distance));
            }
            const bool beyond = !closed.distance || *closed.distance > span;
            if (certified && beyond) {
                robust.push_back(k + 1);
                if (!first_robust) first_robust = rows.size();
            }
            undecided = undecided || !certified;
            rows.push_back({{"index", k + 1},
                            {"inv_freq", numeric::decimal_midpoint(g[k], support::value_digits)},
                            {"wavelength", numeric::decimal_midpoint(two_pi / g[k], support::value_digits)},
                            {"first_break_distance", support::optional_distance(closed.distance)},
                            {"robust", certified && beyond},
                            {"certified", certified}});
        }
        json evidence = {{"max_distance", span},
                         {"search_limit", probes::max_break_distance},
                         {"frequencies", rows},
                         {"robust_channels", robust}};
        const std::size_t rotating = rows.size();
        if (undecided)
            return support::decided(Verdict::inconclusive, "a break distance could not be certified at this precision",
                                    std::move(evidence));
        if (!first_robust)
            return support::decided(
                Verdict::certified,
                "all " + std::to_string(rotating) + " rotating channels break within " + support::span_text(span),
                std::move(evidence));
        const json& row = rows[*first_robust];
        const std::size_t robust_rotating = static_cast<std::size_t>(
            std::count_if(rows.begin(), rows.end(), [](const json& r) { return r.at("robust").get<bool>(); }));
        return support::refuted(index,
                                std::to_string(robust_rotating) + " of " + std::to_string(rotating) +
                                    " rotating channels stay robust over " + support::span_text(span) +
                                    "; the first, pair " + row.at("index").dump() + ", breaks at " +
                                    (row.at("first_break_distance").is_null() ? std::string("a distance beyond 2^52")
                                                                              : row.at("first_break_distance").dump()),
                                std::move(evidence),
                                {"a rotating channel robust over the span",
                                 {{"pair", row.at("index").dump()},
                                  {"g_k", row.at("inv_freq").get<std::string>()},
                                  {"max_distance", std::to_string(span)}},
                                 "cos(r g_k) < 0 for some r <= " + std::to_string(span),
                                 "least break distance " + (row.at("first_break_distance").is_null()
                                                                ? std::string("beyond 2^52")
                                                                : row.at("first_break_distance").dump())});
    }
};

}  // namespace

std::unique_ptr<FindingCheck> make_channel_breaks_finding(std::shared_ptr<const AuditSubject> subject) {
    return std::make_unique<ChannelBreaksFinding>(std::move(subject), channel_breaks_identity);
}

}  // namespace ropecheck::audit
