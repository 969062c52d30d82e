#pragma once
// The pipeline's rotated vector at every position of a range, kept only on the
// vector's support (its non-zero pairs, in coordinate order). Private to
// src/probes.
//
// Why the support is enough: a pair that is zero stays exactly zero under the
// pipeline's rotation, so its products in the float32 accumulation are +-0,
// and adding +-0 to a float sum leaves its value unchanged. The kernel's dot
// over the support therefore equals its dot over the whole head as a value
// (tests/probes/pipeline_probes_test.cpp checks this bit for bit).
#include <cstdint>
#include <span>
#include <vector>

#include "ropecheck/rope/inference_pipeline.hpp"

namespace ropecheck::probes::detail {

class RotatedPositions {
public:
    // x holds dtype values (pipeline.to_dtype); pairs lists the support kept
    // (0-based pairs, ascending; every pair where x is non-zero must be listed).
    // Rotations run in parallel unless already inside a parallel region.
    RotatedPositions(const rope::InferencePipeline& pipeline, std::span<const float> x,
                     const std::vector<std::size_t>& pairs, std::int64_t first, std::int64_t last);

    std::span<const float> at(std::int64_t position) const;
    std::size_t support_size() const { return width_; }

private:
    std::int64_t first_ = 0;
    std::size_t width_ = 0;
    std::vector<float> values_;  // (last - first + 1) * width_
};

// The pipeline's score of two support-compacted vectors (same support).
inline float support_score(const rope::InferencePipeline& pipeline, std::span<const float> a, std::span<const float> b) {
    return pipeline.round_score(rope::InferencePipeline::accumulate(a, b));
}

// The pairs where q or k is non-zero: the support both are compacted to.
std::vector<std::size_t> joint_support(std::span<const float> q, std::span<const float> k);

}  // namespace ropecheck::probes::detail
