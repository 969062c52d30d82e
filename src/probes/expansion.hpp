#pragma once
// The continued fraction expansion from a wide enclosure of alpha (turns at
// the working precision), so a probe keeps the margin of g / (2 pi) instead of
// rounding alpha to the current precision first. Private to src/probes.
#include <cstdint>

#include "ropecheck/probes/continued_fraction.hpp"
#include "work_interval.hpp"

namespace ropecheck::probes::density_detail {

ContinuedFraction expand_turns(const WorkInterval& alpha, std::int64_t denominator_limit);

}  // namespace ropecheck::probes::density_detail
