#include "ropecheck/audit/precision_slips.hpp"

#include <algorithm>
#include <cmath>

#include "ropecheck/numeric/enclosure.hpp"
#include "ropecheck/numeric/invalid_input.hpp"
#include "ropecheck/probes/one_pair_vector.hpp"
#include "ropecheck/probes/pipeline_channel_break.hpp"
#include "ropecheck/probes/pipeline_target.hpp"
#include "ropecheck/probes/position_collision.hpp"
#include "ropecheck/rope/inference_pipeline.hpp"

namespace ropecheck::audit {

numeric::IeeeFormat slips_dtype(const model::ModelLayout& layout) {
    for (const char* name : {"float32", "bfloat16", "float16"})
        if (layout.torch_dtype == name) return numeric::parse_ieee_format(name);
    return numeric::IeeeFormat::bfloat16;
}

namespace {

std::optional<std::int64_t> inversion(const rope::InferencePipeline& pipeline, const rope::FrequencySchedule& s,
                                      std::size_t pair, std::int64_t n) {
    const auto g = s.frequencies<numeric::interval>()[pair];
    const auto a = probes::first_phase_inversion(pipeline, pair, g, numeric::pi() / numeric::interval(2), n);
    if (!a.certified)
        throw InvalidInput("--precision-slips: the phase error of pair " + std::to_string(pair + 1) + " at position " +
                           std::to_string(*a.undecided_at) + " could not be decided");
    return a.position;
}

// The largest Q with (Q + 1)(Q + 2) / 2 <= budget: the diagonal scan's pairs up to query Q.
static_assert(diagonal_pair_budget < probes::max_pipeline_positions * (probes::max_pipeline_positions + 1) / 2,
              "the budget, not the scan's cap, is what stops the diagonal scan short of the context");
std::int64_t slip_diagonal_queries(std::int64_t budget) {
    auto q = static_cast<std::int64_t>(std::sqrt(2.0 * static_cast<double>(budget)));
    while (q > 0 && (q + 1) * (q + 2) / 2 > budget) --q;
    while ((q + 2) * (q + 3) / 2 <= budget) ++q;
    return q;
}

DiagonalLoss slip_diagonal_loss(const rope::InferencePipeline& pipeline, std::size_t pair, std::int64_t context) {
    DiagonalLoss d;
    const std::int64_t budget_queries = slip_diagonal_queries(diagonal_pair_budget);
    d.scanned_to = std::min({context, probes::max_pipeline_positions, budget_queries});
    const auto psi = probes::one_pair_vector(pipeline.head_dim(), pair);
    const auto loss = probes::pipeline_target_loss(pipeline, psi, psi, 0, d.scanned_to);
    d.query_position = loss.query_position;
    d.rival_position = loss.rival_position;
    d.budget_stopped = !d.query_position && d.scanned_to < context;  // a loss found is the first, budget or not
    return d;
}

OrderLoss slip_order_loss(const rope::InferencePipeline& pipeline, const rope::FrequencySchedule& s, std::size_t pair,
                     std::int64_t context) {
    OrderLoss o;
    o.context = std::min(context, probes::max_flip_position);
    const auto psi = probes::one_pair_vector(pipeline.head_dim(), pair);
    o.first_searched = probes::first_searched_distance(pipeline, psi, o.context);
    // At most every distance first_searched..context, each at up to context query positions.
    const double work = static_cast<double>(std::max<std::int64_t>(0, o.context - o.first_searched + 1)) *
                        static_cast<double>(o.context);
    if (work > static_cast<double>(order_pair_budget)) {
        o.searched = false;
        return o;
    }
    const auto c = probes::compare_channel_break(pipeline, pair, s.frequencies<numeric::interval>()[pair], o.context);
    if (!c.exact.certified)
        throw InvalidInput("--precision-slips: the exact break of pair " + std::to_string(pair + 1) +
                           " could not be certified");
    o.exact_break = c.exact.first_break_distance;
    o.distance = c.flip.distance;
    o.query_position = c.flip.query_position;
    return o;
}

}  // namespace

std::vector<GroupSlips> precision_slips(const model::ModelLayout& layout, numeric::IeeeFormat dtype) {
    std::vector<GroupSlips> out;
    for (int gi = 0; gi < static_cast<int>(layout.groups.size()); ++gi) {
        const model::LayerGroup& g = layout.groups[static_cast<std::size_t>(gi)];
        if (!g.rope || g.rotating_pairs == 0) continue;
        std::vector<std::size_t> rotating;
        for (std::size_t k = 0; k < g.schedule.chunks().size(); ++k)
            if (g.schedule.chunks()[k].rotated) rotating.push_back(k);
        GroupSlips slips;
        slips.group = gi;
        slips.highest_pair = static_cast<int>(rotating.front()) + 1;
        slips.lowest_pair = static_cast<int>(rotating.back()) + 1;
        for (const auto& preset : rope::variant_presets()) {
            const rope::InferencePipeline pipeline(g.schedule, dtype, preset.variant);
            SlipAnswer a;
            a.preset = preset.name;
            a.scanned_to = std::min({layout.context_length, probes::max_collision_positions, pipeline.max_position()});
            const auto c = probes::first_position_collision(pipeline, a.scanned_to);
            a.collision = c.position;
            a.collides_with = c.collides_with;
            a.highest_inversion = inversion(pipeline, g.schedule, rotating.front(), a.scanned_to);
            a.lowest_inversion = inversion(pipeline, g.schedule, rotating.back(), a.scanned_to);
            a.diagonal = slip_diagonal_loss(pipeline, rotating.front(), a.scanned_to);
            a.order = slip_order_loss(pipeline, g.schedule, rotating.back(), a.scanned_to);
            slips.presets.push_back(std::move(a));
        }
        out.push_back(std::move(slips));
    }
    return out;
}

}  // namespace ropecheck::audit
