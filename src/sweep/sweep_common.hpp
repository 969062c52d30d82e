#pragma once
// Shared plumbing of the sweep drivers: ranges, threads, and the
// conversion of MPFI enclosures to outward-rounded doubles.
#include <cstdint>

#include "ropecheck/numeric/types.hpp"
#include "ropecheck/sweep/sweep.hpp"

namespace ropecheck::sweep::detail {

// Throws std::invalid_argument unless first <= last and |r| <= 2^52.
void require_range(std::int64_t first, std::int64_t last);
// The scan engine's thread policy applied to the options (scan_engine.hpp).
int thread_count(const SweepOptions& options);
bool fast_path_applies(std::int64_t first, std::int64_t last);

void outward_doubles(const numeric::interval& x, double& lower, double& upper);

}  // namespace ropecheck::sweep::detail
