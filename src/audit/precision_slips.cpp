#include "ropecheck/audit/precision_slips.hpp"

#include <algorithm>

#include "ropecheck/numeric/enclosure.hpp"
#include "ropecheck/numeric/invalid_input.hpp"
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
            slips.presets.push_back(std::move(a));
        }
        out.push_back(std::move(slips));
    }
    return out;
}

}  // namespace ropecheck::audit
