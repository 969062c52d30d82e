// prop-5.2 on a NoPE layer group: with no rotation every pair's frequency is
// exactly 0, so the score q . k of a query and a key does not depend on their
// distance, and by Proposition 5.2 no choice of weights makes a positional head
// (the diagonal or previous-token pattern) on identical tokens. The finding
// certifies the premise on the group's resolved schedule itself: every g_k is
// the exact point 0. A group that rotates refutes it (the tests ask a RoPE group).
#include "finding_checks.hpp"
#include "finding_support.hpp"
#include "ropecheck/numeric/certainty.hpp"
#include "ropecheck/numeric/decimal.hpp"

namespace ropecheck::audit {
namespace {

using core::json;
using core::Verdict;

const FindingIdentity nope_identity{
    "prop-5.2", "A NoPE group cannot form a positional head (Proposition 5.2)",
    "Every pair of the group has the exact frequency 0, so each attention score is independent of the "
    "query-key distance and, by Proposition 5.2, no weights make a diagonal or previous-token head."};

class NopeFinding final : public FindingCheck {
public:
    using FindingCheck::FindingCheck;
    bool applies_to(const model::LayerGroup& g) const override { return !g.rope; }

    core::InstanceResult run(const core::Instance& instance) const override {
        const auto& group = asked(instance).group;
        const std::vector<numeric::interval> g = support::frequencies_of(group);
        json moving = json::array();
        for (std::size_t k = 0; k < g.size(); ++k)
            if (!(numeric::lower_bound(g[k]) == 0 && numeric::upper_bound(g[k]) == 0)) moving.push_back(k + 1);
        json evidence = {{"pairs", g.size()}, {"pairs_with_nonzero_frequency", moving}};
        if (moving.empty())
            return support::decided(Verdict::certified,
                                    "all " + std::to_string(g.size()) +
                                        " pairs have frequency exactly 0: scores do not "
                                        "depend on distance",
                                    std::move(evidence));
        const std::size_t k = moving.front().get<std::size_t>() - 1;
        return support::refuted(asked(instance).index,
                                std::to_string(moving.size()) + " pairs rotate; the first, pair " +
                                    std::to_string(k + 1) + ", has g = " + numeric::decimal_enclosure(g[k]),
                                evidence,
                                {"a rotating pair in a group taken for NoPE",
                                 {{"pair", std::to_string(k + 1)}},
                                 "g_k = 0 for every pair",
                                 "g_" + std::to_string(k + 1) + " = " + numeric::decimal_enclosure(g[k])});
    }
};

}  // namespace

std::unique_ptr<FindingCheck> make_nope_finding(std::shared_ptr<const AuditSubject> subject) {
    return std::make_unique<NopeFinding>(std::move(subject), nope_identity);
}

}  // namespace ropecheck::audit
