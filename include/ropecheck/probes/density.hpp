#pragma once
// density (Lemma A.2 made finite): the least N such that the points
// {r g mod 2 pi : 0 <= r <= N} leave no circular gap >= delta. By the three
// distance theorem the N + 1 points cut the circle into gaps of at most three
// lengths, all computable from the continued fraction of g / (2 pi); the probe
// computes the answer that way and independently by an exhaustive sweep that
// maintains the sorted points, and the two must agree.
// Closest returns (Lemma A.1 made finite): min over 1 <= r <= N of the
// distance from r g to 2 pi Z, with its argmin, likewise two ways.
#include <cstdint>
#include <optional>

#include "ropecheck/numeric/certainty.hpp"
#include "ropecheck/numeric/types.hpp"

namespace ropecheck::probes {

struct DensityAnswer {
    std::optional<std::int64_t> least_length;  // none up to max_length
    bool certified = false;
    numeric::interval largest_gap_at_answer;  // the largest gap with N = least_length points (+1)
};

struct ReturnAnswer {
    std::int64_t closest_return = 0;      // argmin r (smallest on ties)
    numeric::interval distance;           // encloses min dist(r g, 2 pi Z)
    bool certified = false;
};

enum class Method { continued_fraction, exhaustive };

// gap: a decimal in (0, 2 pi). Throws InvalidInput for bad input.
DensityAnswer density(const numeric::interval& frequency, const numeric::interval& gap, std::int64_t max_length,
                      Method method = Method::continued_fraction);
ReturnAnswer closest_return(const numeric::interval& frequency, std::int64_t max_distance,
                            Method method = Method::continued_fraction);

}  // namespace ropecheck::probes
