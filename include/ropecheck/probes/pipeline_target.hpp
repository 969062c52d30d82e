#pragma once
// When does the inference pipeline stop giving a head's intended key the
// largest score? A query q at position i, keys k at positions 0..i. In exact
// arithmetic the constructions make key i + offset the strict maximum:
//   Theorem 5.3's diagonal   q = k = psi,        offset 0;
//   Proposition 3.1          k = R^(-r*) q,      offset r* <= 0 (a causal head
//                                                 peaking r* tokens back).
// The pipeline's scores depend on i and j, not only on j - i, so the question
// is asked at every query position: the least i in [-offset, max_position] at
// which some key j in [0, i], j != i + offset, scores at least as high as the
// target (a tie already caps the target's weight at 1/2, Lemma A.3).
//
// Exact, not estimated: every score is the pipeline's own dtype value
// (rope::InferencePipeline, emulated with MPFR); comparisons of float32
// accumulators are screened and every close call is rounded exactly.
#include <cstdint>
#include <optional>
#include <span>

#include "ropecheck/numeric/types.hpp"
#include "ropecheck/rope/inference_pipeline.hpp"

namespace ropecheck::probes {

// Query positions are capped so that the O(N^2) key scan stays interactive.
inline constexpr std::int64_t max_pipeline_positions = 1 << 16;

struct TargetLoss {
    std::optional<std::int64_t> query_position;  // none up to max_position
    std::int64_t rival_position = 0;             // the first key (lowest j) that ties or wins
    float target_score = 0;                      // dtype values
    float rival_score = 0;
    std::int64_t positions_checked = 0;          // query positions examined (up to the answer)
};

// q and k are exact values; the pipeline rounds them to its dtype. Throws
// InvalidInput when offset > 0, max_position < -offset, max_position >
// max_pipeline_positions, or the sizes do not match the pipeline's head.
TargetLoss pipeline_target_loss(const rope::InferencePipeline& pipeline, std::span<const numeric::real> q,
                                std::span<const numeric::real> k, std::int64_t offset, std::int64_t max_position);

}  // namespace ropecheck::probes
