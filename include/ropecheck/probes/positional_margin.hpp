#pragma once
// positional-margin: how well the diagonal construction with unit chunks tells
// distance 0 from every other distance up to N:
//   min over 1 <= r <= N of  M(r) = sum_k (1 - cos(r g_k))
// over the given frequencies (one for --frequency K, all for --all-frequencies).
// Certified by the sweep engine (double filter + MPFI escalation).
#include <cstdint>
#include <vector>

#include "ropecheck/numeric/types.hpp"

namespace ropecheck::probes {

// The sweep engine represents distances exactly up to 2^52.
inline constexpr std::int64_t max_margin_distance = std::int64_t{1} << 52;

struct MarginAnswer {
    std::int64_t worst_distance = 0;      // smallest r attaining the minimum
    numeric::interval margin;             // encloses the minimum
    bool certified = false;               // argmin certified (no rival can attain it)
    std::vector<std::int64_t> rivals;     // distances not separated from worst_distance
    std::uint64_t escalated = 0;          // distances evaluated in MPFI
};

// Throws InvalidInput when max_distance < 1 or > max_margin_distance, when
// frequencies is empty, or when a frequency is not a finite enclosure.
MarginAnswer positional_margin(const std::vector<numeric::interval>& frequencies, std::int64_t max_distance);

}  // namespace ropecheck::probes
