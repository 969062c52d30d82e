// prope-identities on a p-RoPE layer group (transformers' rope_type
// "proportional", Gemma 4's full layers): the group is the paper's p-RoPE.
// Checked on the resolved schedule against plain RoPE on the whole head at the
// same theta (and the same context-extension scaling, if any): the first
// m = floor(p d / 2) pairs keep RoPE's frequencies, the rest are exactly 0.
// A NeoX partial rotary schedule of the same width refutes it (its kept pairs
// use the exponent denominator rotary_dim, not d): the tests ask exactly that.
#include "finding_checks.hpp"
#include "finding_support.hpp"
#include "ropecheck/numeric/certainty.hpp"
#include "ropecheck/numeric/decimal.hpp"

namespace ropecheck::audit {
namespace {

using core::json;
using core::Verdict;

const FindingIdentity prope_identity{
    "prope-identities", "A proportional group is the paper's p-RoPE",
    "The group's first m = floor(p d / 2) pairs have plain RoPE's frequencies theta^(-2(k-1)/d) on the "
    "whole head d (with the same scaling), and every other pair has the exact frequency 0: the lowest "
    "frequencies are removed, as p-RoPE prescribes."};

class PRopeFinding final : public FindingCheck {
public:
    using FindingCheck::FindingCheck;
    bool applies_to(const model::LayerGroup& g) const override {
        return g.rope && g.schedule.kind() == rope::RotaryKind::p_rope;
    }

    core::InstanceResult run(const core::Instance& instance) const override {
        const auto& group = asked(instance).group;
        const rope::FrequencySchedule& s = group.schedule;
        rope::FrequencySchedule plain = rope::FrequencySchedule::rope(s.theta(), s.head_dim());
        if (s.scaling().type != rope::ScalingType::none) plain = plain.with_scaling(s.scaling());
        const std::vector<numeric::interval> g = support::frequencies_of(group);
        const std::vector<numeric::interval> reference = plain.frequencies<numeric::interval>();
        const std::int64_t kept = s.p().floor_times(s.head_dim(), 2);
        json failures = json::array();
        bool undecided = false;
        for (std::size_t k = 0; k < g.size(); ++k) {
            const bool keep = static_cast<std::int64_t>(k) < kept;
            const std::string pair = "pair " + std::to_string(k + 1);
            if (!keep) {
                if (!(numeric::lower_bound(g[k]) == 0 && numeric::upper_bound(g[k]) == 0))
                    failures.push_back(pair + " is removed but has g = " + numeric::decimal_enclosure(g[k]));
            } else if (!numeric::overlaps(g[k], reference[k])) {
                failures.push_back(pair + " is kept with g = " + numeric::decimal_enclosure(g[k]) + ", RoPE's is " +
                                   numeric::decimal_enclosure(reference[k]));
            } else if (numeric::width_of(g[k]) > 0 && !numeric::certainly_positive(g[k])) {
                undecided = true;
            }
        }
        json evidence = {{"p", s.p().str()},
                         {"head_dim", s.head_dim()},
                         {"kept_pairs", kept},
                         {"removed_pairs", static_cast<std::int64_t>(g.size()) - kept},
                         {"failures", failures}};
        if (!failures.empty()) {
            return support::refuted(asked(instance).index, failures.front().get<std::string>(), evidence,
                                    {"a pair that p-RoPE would not give this frequency",
                                     {{"schedule", s.describe()}},
                                     "the first " + std::to_string(kept) +
                                         " pairs are RoPE's on d = " + std::to_string(s.head_dim()) + ", the rest 0",
                                     failures.front().get<std::string>()});
        }
        if (undecided)
            return support::decided(Verdict::inconclusive, "a kept frequency is not certainly positive", evidence);
        return support::decided(Verdict::certified,
                                std::to_string(kept) +
                                    " pairs keep RoPE's frequencies on d = " + std::to_string(s.head_dim()) + ", " +
                                    std::to_string(g.size() - kept) + " are exactly 0 (p = " + s.p().str() + ")",
                                std::move(evidence));
    }
};

}  // namespace

std::unique_ptr<FindingCheck> make_prope_finding(std::shared_ptr<const AuditSubject> subject) {
    return std::make_unique<PRopeFinding>(std::move(subject), prope_identity);
}

}  // namespace ropecheck::audit
