#pragma once
// When does the inference pipeline flip a semantic channel's ordering? The
// aligned construction of Theorem 6.1: query = target key = psi, and a
// competitor key of zero activation (it scores exactly 0 in every format).
// The target keeps its place while its score is > 0. In exact arithmetic the
// first distance at which it does not is semantic_break's answer (for psi on
// one pair, the least r with cos(r g) < 0). The pipeline's score depends on the
// query position i and the key position j = i - r, so the flip distance is
//   the least r in [from_distance, max_distance] such that some i in
//   [r, max_position] has pipeline score(R^i psi, R^(i-r) psi) <= 0
// (a tie with the competitor already caps the target's weight at 1/2, Lemma
// A.3), or < 0 when `strict` (the target scores below the competitor).
// Exact: each score is the pipeline's dtype value; float32 accumulators that
// are clearly positive are screened, every other one is rounded exactly. For
// the one-pair psi = (x, 0) of the claims, a proven error bound of the
// pipeline rules out every distance r with cos(r g) above it, so the scan
// covers only the distances near the exact break.
#include <cstdint>
#include <optional>
#include <span>

#include "ropecheck/numeric/types.hpp"
#include "ropecheck/rope/inference_pipeline.hpp"

namespace ropecheck::probes {

struct PipelineFlip {
    std::optional<std::int64_t> distance;  // none in [from_distance, max_distance]
    std::int64_t query_position = 0;       // the least i at that distance
    float score = 0;                       // the target's score there (<= 0, or < 0)
    // Every distance below this was proven unable to flip without a scan (for
    // psi = (x, 0) on one pair, x a power of two; see the .cpp); 1 otherwise.
    std::int64_t first_distance_scanned = 1;
};

// The least distance the scan below searches for psi up to max_position: every
// shorter distance is proven unable to flip (1 when no bound applies). A
// caller can price a scan before running it: (max_distance - this + 1) x
// max_position query/key pairs. Throws InvalidInput like the scan for bad psi.
std::int64_t first_searched_distance(const rope::InferencePipeline& pipeline, std::span<const numeric::real> psi,
                                     std::int64_t max_position);

// Throws InvalidInput when from_distance < 1, max_position < max_distance,
// max_position > max_flip_position, or psi does not match the head.
inline constexpr std::int64_t max_flip_position = std::int64_t{1} << 22;
PipelineFlip pipeline_semantic_flip(const rope::InferencePipeline& pipeline, std::span<const numeric::real> psi,
                                    std::int64_t max_distance, std::int64_t max_position, bool strict = false,
                                    std::int64_t from_distance = 1);

}  // namespace ropecheck::probes
