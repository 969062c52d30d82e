// base-bound on a model's layer group: is the group's rope_theta outside the
// range of bases that certainly fail for its span? probes::base_bound finds,
// for plain RoPE at the group's rotary width D and context N + 1, an interval
// [100, theta_lower] of bases whose all-frequency sum certainly turns negative
// within the span (and a least base that certainly passes; the passing set
// between is fragmented, so a theta above theta_lower is not thereby known to
// pass). Its cost grows as context x D (about a microsecond per unit on one
// core); beyond FindingLimits::base_bound_budget the finding is inconclusive
// and says how to ask for it.
#include "finding_checks.hpp"
#include "finding_support.hpp"
#include "ropecheck/numeric/certainty.hpp"
#include "ropecheck/numeric/decimal.hpp"
#include "ropecheck/probes/base_bound.hpp"

namespace ropecheck::audit {
namespace {

using core::json;
using core::Verdict;

const FindingIdentity base_bound_identity{
    "base-bound", "rope_theta is above the bases that certainly fail for the span",
    "For plain RoPE at the group's rotary width D and context max_distance + 1, every base in "
    "[100, theta_lower] certainly lets sum_k cos(r g_k) turn negative within the span; the group's "
    "rope_theta lies above theta_lower."};

class BaseBoundFinding final : public FindingCheck {
public:
    using FindingCheck::FindingCheck;
    // Plain RoPE on the rotated width: RoPE and NeoX partial rotary, not p-RoPE
    // (whose removed pairs never rotate, so it has no such bound).
    bool applies_to(const model::LayerGroup& g) const override {
        return !support::rotating_pairs(g).empty() &&
               (g.schedule.kind() == rope::RotaryKind::rope || g.schedule.kind() == rope::RotaryKind::neox_partial);
    }

    core::InstanceResult run(const core::Instance& instance) const override {
        const auto [index, group, span] = asked(instance);
        const std::int64_t context = span + 1;
        const int width = group.schedule.rotary_width();
        json evidence = {{"head_dim", width}, {"context", context}, {"rope_theta", group.theta}};
        const std::int64_t budget = subject().limits.base_bound_budget;
        const std::int64_t work = base_bound_work(context, width);
        evidence["work"] = work;
        if (work > budget) {
            evidence["computed"] = false;
            return support::decided(Verdict::inconclusive,
                                    "not computed: its cost, context x D = " + std::to_string(work) +
                                        " work units, is above the budget " + std::to_string(budget) +
                                        "; allow it with audit --base-bound-budget " + std::to_string(work) +
                                        ", or run ropecheck probe base-bound --context " + std::to_string(context) +
                                        " --head-dim " + std::to_string(width),
                                    std::move(evidence));
        }
        const probes::BaseBoundAnswer b = probes::base_bound(context, width);
        const std::string lower = numeric::decimal_down(b.theta_lower, support::value_digits);
        evidence["computed"] = true;
        evidence["theta_floor"] = "100";
        evidence["least_theta"] = b.least_theta_decimal;
        evidence["theta_lower"] = lower;
        evidence["binding_distance"] = b.binding_distance;
        evidence["certified"] = b.certified;
        const bool excluded = b.certified || b.intervals_excluded > 0;
        const numeric::real theta = numeric::real(group.theta);
        if (excluded && theta <= b.theta_lower) {
            return support::refuted(
                index,
                "rope_theta = " + group.theta + " lies in [100, " + lower + "], where every base fails for context " +
                    std::to_string(context) + " at D = " + std::to_string(width),
                evidence,
                {"a base inside the certainly failing range",
                 {{"rope_theta", group.theta}, {"D", std::to_string(width)}, {"context", std::to_string(context)}},
                 "rope_theta > theta_lower",
                 "theta_lower = " + lower + " (the last failure at r = " + std::to_string(b.binding_distance) + ")"});
        }
        if (!b.certified)
            return support::decided(Verdict::inconclusive, "the base bound was not certified", std::move(evidence));
        return support::decided(Verdict::certified,
                                "rope_theta = " + group.theta + " is above theta_lower = " + lower +
                                    " (least base that certainly passes: " + b.least_theta_decimal + ")",
                                std::move(evidence));
    }
};

}  // namespace

std::unique_ptr<FindingCheck> make_base_bound_finding(std::shared_ptr<const AuditSubject> subject) {
    return std::make_unique<BaseBoundFinding>(std::move(subject), base_bound_identity);
}

}  // namespace ropecheck::audit
