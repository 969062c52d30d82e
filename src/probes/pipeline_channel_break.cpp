#include "ropecheck/probes/pipeline_channel_break.hpp"

#include <algorithm>

#include "ropecheck/probes/one_pair_vector.hpp"

namespace ropecheck::probes {

ChannelBreakComparison compare_channel_break(const rope::InferencePipeline& pipeline, std::size_t pair,
                                             const numeric::interval& g, std::optional<std::int64_t> context,
                                             const sweep::SweepOptions& sweep_options) {
    ChannelBreakComparison c;
    c.exact = semantic_break({g}, context ? *context : max_flip_position / 2, sweep_options);
    if (!c.exact.certified) return c;
    const auto& exact_break = c.exact.first_break_distance;
    if (!context && !exact_break) return c;
    c.context = context ? *context : 2 * *exact_break;
    // Distances below the exact break (or up to N when the channel is robust within N).
    c.last_distance = std::min(exact_break ? *exact_break - 1 : c.context, c.context);
    if (c.last_distance < 1) return c;
    const auto psi = one_pair_vector(pipeline.head_dim(), pair);
    c.flip = pipeline_semantic_flip(pipeline, psi, c.last_distance, c.context);
    if (c.flip.distance)
        c.strict_flip_distance =
            pipeline_semantic_flip(pipeline, psi, c.last_distance, c.context, true, *c.flip.distance).distance;
    return c;
}

}  // namespace ropecheck::probes
