#include "rotated_positions.hpp"

#include <stdexcept>

#include "ropecheck/sweep/scan_engine.hpp"

namespace ropecheck::probes::detail {

std::vector<std::size_t> joint_support(std::span<const float> q, std::span<const float> k) {
    std::vector<std::size_t> pairs;
    for (std::size_t p = 0; 2 * p + 1 < q.size(); ++p)
        if (q[2 * p] != 0 || q[2 * p + 1] != 0 || k[2 * p] != 0 || k[2 * p + 1] != 0) pairs.push_back(p);
    return pairs;
}

RotatedPositions::RotatedPositions(const rope::InferencePipeline& pipeline, std::span<const float> x,
                                   const std::vector<std::size_t>& pairs, std::int64_t first, std::int64_t last)
    : first_(first) {
    if (last < first) throw std::invalid_argument("RotatedPositions: empty range");
    std::vector<std::size_t> coordinates;
    for (std::size_t p : pairs) {
        coordinates.push_back(2 * p);
        coordinates.push_back(2 * p + 1);
    }
    width_ = coordinates.size();
    const auto count = static_cast<std::size_t>(last - first + 1);
    values_.assign(count * width_, 0.0F);
    sweep::for_each_block(sweep::BlockPlan(0, static_cast<std::int64_t>(count) - 1, 64), sweep::scan_threads(),
                          [&](std::int64_t from, std::int64_t to) {
                              for (std::int64_t i = from; i <= to; ++i) {
                                  const std::vector<float> r = pipeline.rotate(x, first + i);
                                  for (std::size_t c = 0; c < width_; ++c)
                                      values_[static_cast<std::size_t>(i) * width_ + c] = r[coordinates[c]];
                              }
                          });
}

std::span<const float> RotatedPositions::at(std::int64_t position) const {
    const auto i = static_cast<std::size_t>(position - first_);
    return {values_.data() + i * width_, width_};
}

}  // namespace ropecheck::probes::detail
