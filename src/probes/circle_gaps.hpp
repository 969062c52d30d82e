#pragma once
// The exhaustive side of the density probe: the points r alpha mod 1 inserted
// one by one into a sorted set, with the multiset of gaps kept alongside.
//
// Points are fixed-point numbers: the circle R/Z is Z / 2^128, so a point is an
// unsigned 128-bit integer and "mod 1" is the integer overflow C++ defines for
// unsigned types. alpha is replaced by A / 2^128, A the integer nearest to
// alpha 2^128 for the midpoint of the enclosure, and the step error
//   d >= sup over the enclosure |alpha 2^128 - A|   (computed in MPFI, rounded up)
// bounds the drift of point r by r d units. Moving every point by at most e
// changes the largest gap by at most 2 e (the largest gap is twice the largest
// distance from a point of the circle to the set, and that distance moves by at
// most e), so the largest gap of the first N + 1 true points lies within
// 2 N d units of the fixed-point one. Gaps between fixed-point points are exact
// integer differences, so nothing else is rounded. Private to src/probes.
#include <cstdint>
#include <map>
#include <memory_resource>
#include <set>

#include "ropecheck/numeric/types.hpp"

namespace ropecheck::probes::density_detail {

using turn_units = unsigned __int128;  // multiples of 2^-128 turn
inline constexpr turn_units whole_circle_stand_in = ~turn_units{0};  // 2^128 - 1

struct FixedRotation {
    turn_units step = 0;        // A mod 2^128
    turn_units step_error = 0;  // d, in units
    // false when d >= 2^100: the drift bound 2 N d must fit in 128 bits for every
    // N up to 10^7 < 2^24 (and a drift that large would decide nothing anyway).
    bool usable = false;
};

FixedRotation fixed_rotation(const numeric::interval& frequency);

// ceil(x 2^128) for an enclosure x of a number in [0, 1 - 2^-64]; lower and upper
// endpoints separately (each the least integer not below that endpoint).
struct UnitThresholds {
    turn_units lower = 0;
    turn_units upper = 0;
};
UnitThresholds thresholds_in_units(const numeric::interval& turns);

// [lower, upper] units as radians (2 pi lower 2^-128, 2 pi upper 2^-128), outward.
numeric::interval units_to_radians(turn_units lower, turn_units upper);

class CircleGaps {
public:
    // Starts with the single point 0 (r = 0).
    explicit CircleGaps(turn_units step);
    CircleGaps(const CircleGaps&) = delete;
    CircleGaps& operator=(const CircleGaps&) = delete;

    // Inserts the point (r + 1) step for the next r.
    void add_next();
    std::int64_t last_r() const { return r_; }
    // The longest gap; whole_circle_stand_in while there is a single point
    // (the true length 2^128 does not fit; one unit less is still a lower bound).
    turn_units largest_gap() const;

private:
    void add_gap(turn_units g);
    void remove_gap(turn_units g);

    // Points are never erased, so a monotonic pool gives each tree node its
    // exact size without per-node malloc overhead.
    std::pmr::monotonic_buffer_resource pool_;
    std::pmr::set<turn_units> points_;
    std::map<turn_units, std::int64_t> gap_counts_;  // length -> how many
    turn_units step_;
    turn_units current_ = 0;
    std::int64_t r_ = 0;
};

}  // namespace ropecheck::probes::density_detail
