#pragma once
// The probes' block fill: the scan engine's fill_blocks (scan_engine.hpp, where
// the determinism argument is) with the probes' block size and thread policy.
// The parts come back in block order for the caller to merge in order.
// Private to src/probes.
#include <cstdint>
#include <vector>

#include "ropecheck/sweep/scan_engine.hpp"

namespace ropecheck::probes::detail {

inline constexpr std::int64_t scan_block_size = std::int64_t{1} << 16;

template <class Part, class Body>
std::vector<Part> scan_blocks(std::int64_t first, std::int64_t last, const Body& body) {
    return sweep::fill_blocks<Part>(sweep::BlockPlan(first, last, scan_block_size), sweep::scan_threads(), body);
}

}  // namespace ropecheck::probes::detail
