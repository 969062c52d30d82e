#pragma once
// One semantic channel, exact against the inference pipeline: the certified
// exact break distance r_b of pair K (semantic_break on its exact frequency)
// and the pipeline's first break below it for psi = (8, 0) on that pair
// (pipeline_semantic_flip over every query position up to the context), plus
// the first distance at which the target falls strictly below the competitor.
// Used by the pipeline-thm-6.1 claim and by `probe pipeline-flip`.
#include <cstdint>
#include <optional>

#include "ropecheck/numeric/types.hpp"
#include "ropecheck/probes/pipeline_semantic_flip.hpp"
#include "ropecheck/probes/semantic_break.hpp"
#include "ropecheck/rope/inference_pipeline.hpp"

namespace ropecheck::probes {

struct ChannelBreakComparison {
    BreakAnswer exact;                   // searched up to the context, or max_flip_position / 2 without one
    std::int64_t context = 0;            // query positions scanned; 0: nothing to compare (see below)
    std::int64_t last_distance = 0;      // distances searched end here: min(r_b - 1, context)
    PipelineFlip flip;                   // ties count (score <= 0)
    std::optional<std::int64_t> strict_flip_distance;  // score < 0, searched from flip.distance on
};

// g: the pair's exact frequency; context: query positions, absent = twice r_b.
// Without a context and without an exact break there is nothing to compare:
// context stays 0 and nothing is scanned. The exact search is not certified
// when exact.certified is false (then nothing is scanned either).
ChannelBreakComparison compare_channel_break(const rope::InferencePipeline& pipeline, std::size_t pair,
                                             const numeric::interval& g, std::optional<std::int64_t> context,
                                             const sweep::SweepOptions& sweep_options = {});

}  // namespace ropecheck::probes
