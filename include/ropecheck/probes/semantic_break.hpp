#pragma once
// semantic-break: when does the aligned construction (query = target key,
// unit chunks) stop preferring the target over a token with zero activation?
//   the least r >= 1 with S(r) = sum_k cos(r g_k) < 0
// (one frequency for --frequency K, all of them for --all-frequencies).
#include <cstdint>
#include <optional>
#include <vector>

#include "ropecheck/numeric/types.hpp"
#include "ropecheck/sweep/sweep.hpp"

namespace ropecheck::probes {

// The sweep engine represents distances exactly up to 2^52.
inline constexpr std::int64_t max_break_distance = std::int64_t{1} << 52;

struct BreakAnswer {
    std::optional<std::int64_t> first_break_distance;  // none up to max_distance
    bool certified = false;          // every r before the answer certainly has S(r) >= 0
    std::optional<std::int64_t> undecided_at;  // a distance MPFI could not decide
    numeric::interval value_at_break;          // S(first_break_distance)
    std::uint64_t escalated = 0;               // distances evaluated in MPFI
};

// Throws InvalidInput when max_distance < 1 or > max_break_distance, when
// frequencies is empty, or when a frequency is not a finite enclosure.
BreakAnswer semantic_break(const std::vector<numeric::interval>& frequencies, std::int64_t max_distance);
// The same with the sweep's options: a caller that already runs in parallel
// (a claim inside the runner) asks for one thread, since the sweep's short
// parallel waves cost more than they gain there.
BreakAnswer semantic_break(const std::vector<numeric::interval>& frequencies, std::int64_t max_distance,
                           const sweep::SweepOptions& options);

}  // namespace ropecheck::probes
