#include "finding_support.hpp"

#include "ropecheck/numeric/certainty.hpp"
#include "ropecheck/numeric/enclosure.hpp"
#include "ropecheck/probes/semantic_break.hpp"

namespace ropecheck::audit::support {

core::InstanceResult decided(core::Verdict verdict, std::string message, core::json evidence) {
    core::InstanceResult r;
    r.verdict = verdict;
    r.message = std::move(message);
    r.evidence = std::move(evidence);
    return r;
}

core::InstanceResult refuted(int group, std::string message, core::json evidence, Witness witness) {
    core::InstanceResult r = decided(core::Verdict::refuted, std::move(message), std::move(evidence));
    core::Counterexample cx;
    cx.kind = std::move(witness.kind);
    cx.inputs.push_back({"layer group", std::to_string(group)});
    for (auto& input : witness.inputs) cx.inputs.push_back(std::move(input));
    cx.claimed = std::move(witness.claimed);
    cx.computed = std::move(witness.computed);
    r.counterexample = std::move(cx);
    return r;
}

std::vector<numeric::interval> frequencies_of(const model::LayerGroup& group) {
    return group.schedule.frequencies<numeric::interval>();
}

std::vector<int> rotating_pairs(const model::LayerGroup& group) {
    std::vector<int> out;
    if (!group.rope) return out;
    const auto& chunks = group.schedule.chunks();
    for (std::size_t k = 0; k < chunks.size(); ++k)
        if (chunks[k].rotated) out.push_back(static_cast<int>(k));
    return out;
}

ClosedFormBreak closed_form_break(const numeric::interval& g) {
    ClosedFormBreak out;
    // For 0 < g < pi, r g first passes pi/2 at r = floor(pi / (2 g)) + 1, before 3 pi / 2.
    if (!numeric::certainly_positive(g) || numeric::is_less(g, numeric::pi()) != numeric::Certainty::certainly)
        return out;
    const numeric::interval quarter_turns = numeric::pi() / (numeric::interval(2) * g);
    const numeric::real lo = floor(numeric::lower_bound(quarter_turns));
    const numeric::real hi = floor(numeric::upper_bound(quarter_turns));
    if (lo != hi) return out;  // pi / (2 g) not separated from an integer
    out.decided = true;
    if (lo + 1 > numeric::real(probes::max_break_distance)) return out;
    out.distance = lo.convert_to<std::int64_t>() + 1;
    return out;
}

core::json optional_distance(const std::optional<std::int64_t>& distance) {
    return distance ? core::json(*distance) : core::json(nullptr);
}

std::string span_text(std::int64_t max_distance) { return "r <= " + std::to_string(max_distance); }

}  // namespace ropecheck::audit::support
