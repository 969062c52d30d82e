#pragma once
// density (Lemma A.2 made finite): the least N such that the points
// {r g mod 2 pi : 0 <= r <= N} leave no circular gap >= delta. By the three
// distance theorem the N + 1 points cut the circle into gaps of at most three
// lengths, all computable from the continued fraction of g / (2 pi); the probe
// computes the answer that way and independently by an exhaustive sweep that
// maintains the sorted points, and the two must agree.
// Closest returns (Lemma A.1 made finite): min over 1 <= r <= N of the
// distance from r g to 2 pi Z, with its argmin, likewise two ways.
//
// Every length here (gap, distance, largest gap) is in radians. `certified`
// means the integer answer holds for every value of the enclosures given; an
// uncertified answer is the best the method could say, with the reason.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "ropecheck/numeric/certainty.hpp"
#include "ropecheck/numeric/types.hpp"

namespace ropecheck::probes {

struct DensityAnswer {
    std::optional<std::int64_t> least_length;  // none up to max_length
    bool certified = false;
    numeric::interval largest_gap_at_answer;      // largest gap of the points r = 0..least_length
    numeric::interval largest_gap_before_answer;  // largest gap of the points r = 0..least_length - 1
    std::string undecided_reason;                 // why not certified (empty when certified)
};

struct ReturnAnswer {
    std::int64_t closest_return = 0;      // argmin r (smallest on ties)
    numeric::interval distance;           // encloses min dist(r g, 2 pi Z)
    bool certified = false;               // the argmin holds for every g of the enclosure
    std::string undecided_reason;
};

enum class Method { continued_fraction, exhaustive };

std::string to_string(Method method);

// The exhaustive density keeps every point in memory (about 48 bytes each).
inline constexpr std::int64_t max_exhaustive_length = 10'000'000;
// The sweep and the continued fraction both work with distances below 2^52.
inline constexpr std::int64_t max_continued_fraction_length = std::int64_t{1} << 52;

// frequency: certainly > 0. gap: certainly in (0, 2 pi) (at most 2 pi (1 - 2^-64)).
// max_length >= 1, at most max_exhaustive_length for the exhaustive method.
// Throws InvalidInput for bad input.
DensityAnswer density(const numeric::interval& frequency, const numeric::interval& gap, std::int64_t max_length,
                      Method method = Method::continued_fraction);
// max_distance in [1, 2^52]. Throws InvalidInput for bad input.
ReturnAnswer closest_return(const numeric::interval& frequency, std::int64_t max_distance,
                            Method method = Method::continued_fraction);

// The largest gap (radians) of the points {r g mod 2 pi : 0 <= r <= N} for every
// N = 0..max_r, each an enclosure, or nullopt where the method cannot say
// (the continued fraction stopped undecided; the fixed-point rotation is too
// coarse). For cross-checking the two methods point by point.
std::vector<std::optional<numeric::interval>> largest_gaps(const numeric::interval& frequency, std::int64_t max_r,
                                                           Method method);

}  // namespace ropecheck::probes
