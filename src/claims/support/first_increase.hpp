#pragma once
// The smallest counterexample to "the RoPE activation decreases with distance"
// for the natural all-ones query and key (q = k = 1, a(r) = 2 sum_k cos(r g_k)):
// a pair r1 < r2 with |a(r2)| > |a(r1)|, certified with MPFI and shrunk in the
// order (d, r2, r1): the least even d, then the least r2, then the least r1.
// The search itself takes any non-negative quantity of the distance (first_increase,
// shrink_increase): literature-roformer-relative-bound shrinks RoFormer's relative upper bound
// with it. Private to src/claims.
//
// Minimality is certified, not assumed: before the answer, |a(r)| <= |a(r-1)| is
// certified for every 1 <= r < r2 (a certified non-increasing chain, so no pair
// with a smaller r2 exists), and |a(r2)| <= |a(r1')| for every r1' < r1. Smaller
// dimensions are excluded the same way over the whole searched range.
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "ropecheck/numeric/types.hpp"

namespace ropecheck::claims::support {

struct FirstIncrease {
    enum class Outcome {
        found,      // the least pair (r1, r2) within the range, certified
        none,       // |a(r)| certified non-increasing on 0..max_distance
        undecided,  // two values could not be separated at this precision
    };
    Outcome outcome = Outcome::none;
    std::int64_t r1 = 0;
    std::int64_t r2 = 0;
    numeric::interval at_r1;  // |a(r1)|, or at the undecided pair
    numeric::interval at_r2;  // |a(r2)|
};

// The enclosure of a non-negative quantity at distance r (|a(r)|, or a bound on it).
using DistanceValue = std::function<numeric::interval(std::int64_t)>;

// The least pair (r1, r2), r2 in 1..max_distance, with value(r2) > value(r1), as above.
FirstIncrease first_increase(const DistanceValue& value, std::int64_t max_distance);

// One head dimension d, r2 in 1..max_distance. theta: decimal string.
FirstIncrease first_increase_all_ones(const std::string& theta, int head_dim, std::int64_t max_distance);

struct ShrunkIncrease {
    int head_dim = 0;           // the least d with a pair (0: none up to max_head_dim)
    FirstIncrease pair;         // at head_dim; for an undecided search, where it stopped
    std::vector<int> excluded;  // smaller d certified without a pair in range
};

// d = min_head_dim, min_head_dim + 2, .., max_head_dim in turn, value_at(d) the quantity at d;
// stops at the first found or undecided d.
ShrunkIncrease shrink_increase(const std::function<DistanceValue(int)>& value_at, int min_head_dim, int max_head_dim,
                               std::int64_t max_distance);

// d = 2, 4, .., max_head_dim for the all-ones activation.
ShrunkIncrease shrink_increase_all_ones(const std::string& theta, int max_head_dim, std::int64_t max_distance);

}  // namespace ropecheck::claims::support
