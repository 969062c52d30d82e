// The all-frequency break on a model's layer group: the aligned construction
// with unit chunks on every pair of the head (query = target key), whose score
// is S(r) = sum_k cos(r g_k); it breaks at the least r with S(r) < 0. The pairs
// that do not rotate (NeoX partial rotary, p-RoPE's removed pairs) add 1 each
// at every distance: that is why p-RoPE keeps this channel robust.
#include "finding_checks.hpp"
#include "finding_support.hpp"
#include "ropecheck/numeric/decimal.hpp"
#include "ropecheck/probes/semantic_break.hpp"

namespace ropecheck::audit {
namespace {

using core::json;
using core::Verdict;

const FindingIdentity all_frequency_break_identity{
    "all-frequency-break", "The all-frequency channel breaks within the span",
    "The aligned construction on every pair of the head (unit chunks, query = target key) scores the "
    "target S(r) = sum_k cos(r g_k); it breaks within the span: S(r) < 0 for some "
    "1 <= r <= max_distance. Pairs that do not rotate add 1 to S at every distance."};

class AllFrequencyBreakFinding final : public FindingCheck {
public:
    using FindingCheck::FindingCheck;

    core::InstanceResult run(const core::Instance& instance) const override {
        const auto [index, group, span] = asked(instance);
        const probes::BreakAnswer b = probes::semantic_break(support::frequencies_of(group), span);
        json evidence = {
            {"max_distance", span},
            {"pairs_in_sum", group.schedule.pairs()},
            {"first_break_distance", support::optional_distance(b.first_break_distance)},
            {"certified", b.certified}};
        if (!b.certified)
            return support::decided(Verdict::inconclusive,
                                    "the sweep could not decide S(r) at r = " +
                                        (b.undecided_at ? std::to_string(*b.undecided_at) : std::string("?")),
                                    std::move(evidence));
        if (b.first_break_distance) {
            evidence["value_at_break"] = numeric::decimal_enclosure(b.value_at_break);
            return support::decided(Verdict::certified,
                                    "S(r) < 0 first at r = " + std::to_string(*b.first_break_distance),
                                    std::move(evidence));
        }
        return support::refuted(index, "S(r) >= 0 for every " + support::span_text(span) + ": the channel is robust",
                                evidence,
                                {"the all-frequency channel robust over the span",
                                 {{"max_distance", std::to_string(span)}},
                                 "sum_k cos(r g_k) < 0 for some r <= " + std::to_string(span),
                                 "sum_k cos(r g_k) >= 0 at every r <= " + std::to_string(span) + " (certified sweep)"});
    }
};

}  // namespace

std::unique_ptr<FindingCheck> make_all_frequency_break_finding(std::shared_ptr<const AuditSubject> subject) {
    return std::make_unique<AllFrequencyBreakFinding>(std::move(subject), all_frequency_break_identity);
}

}  // namespace ropecheck::audit
