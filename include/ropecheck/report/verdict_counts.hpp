#pragma once
// The order every report lists verdict counts in: certified, holds, refuted,
// inconclusive, error (strongest first), rather than a map's alphabetical order.
#include <cstddef>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace ropecheck::report {

// Non-zero counts in verdict order; any name outside the five (which a correct
// runner never produces) follows in key order instead of being lost.
std::vector<std::pair<std::string, std::size_t>> ordered_verdict_counts(
    const std::map<std::string, std::size_t>& counts);

// "1 certified, 2 refuted", or "none" when every count is zero.
std::string verdict_counts_text(const std::map<std::string, std::size_t>& counts);

}  // namespace ropecheck::report
