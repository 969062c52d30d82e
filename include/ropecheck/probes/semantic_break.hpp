#pragma once
// semantic-break: when does the aligned construction (query = target key,
// unit chunks) stop preferring the target over a token with zero activation?
//   the least r >= 1 with S(r) = sum_k cos(r g_k) < 0
// (one frequency for --frequency K, all of them for --all-frequencies).
#include <cstdint>
#include <optional>
#include <vector>

#include "ropecheck/numeric/types.hpp"

namespace ropecheck::probes {

struct BreakAnswer {
    std::optional<std::int64_t> first_break_distance;  // none up to max_distance
    bool certified = false;          // every r before the answer certainly has S(r) >= 0
    std::optional<std::int64_t> undecided_at;  // a distance MPFI could not decide
    numeric::interval value_at_break;          // S(first_break_distance)
};

// Throws InvalidInput when max_distance < 1 or frequencies is empty.
BreakAnswer semantic_break(const std::vector<numeric::interval>& frequencies, std::int64_t max_distance);

}  // namespace ropecheck::probes
