#pragma once
// One parallel pass over a range of distances, deterministic for any number of
// threads: the range is cut into fixed blocks, each block fills its own part,
// and the parts come back in block order for the caller to merge in order.
// The body must not throw (nothing may escape an OpenMP region) and must not
// touch MPFR/MPFI defaults (they are process-wide in Boost 1.74).
// Private to src/probes.
#include <algorithm>
#include <cstdint>
#include <vector>

namespace ropecheck::probes::detail {

inline constexpr std::int64_t scan_block_size = std::int64_t{1} << 16;

template <class Part, class Body>
std::vector<Part> scan_blocks(std::int64_t first, std::int64_t last, const Body& body) {
    if (first > last) return {};
    const std::int64_t blocks = (last - first) / scan_block_size + 1;
    std::vector<Part> parts(static_cast<std::size_t>(blocks));
#pragma omp parallel for schedule(static) if (blocks > 1)
    for (std::int64_t b = 0; b < blocks; ++b) {
        const std::int64_t from = first + b * scan_block_size;
        const std::int64_t to = std::min(last, from + scan_block_size - 1);
        body(from, to, parts[static_cast<std::size_t>(b)]);
    }
    return parts;
}

}  // namespace ropecheck::probes::detail
