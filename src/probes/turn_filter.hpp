#pragma once
// How close r g comes to a whole turn, for every distance r, in exact integer
// arithmetic. With beta = g / (2 pi) and ||x|| the distance from x to the
// nearest integer,
//   m(r) = 1 - cos(r g) = 2 sin^2(pi ||r beta||),
// so m(r) is increasing in ||r beta|| and, by Jordan's inequality
// sin(pi x) >= 2x on [0, 1/2], m(r) >= 8 ||r beta||^2.
//
// The fractional part of beta is held as a 128-bit fixed-point enclosure: the
// true value times 2^128 lies in [base, base + width). For an integer r the
// fractional part of r beta, times 2^128, then lies in the arc
// [r base, r base + r width) taken mod 2^128, and a wrapping 128-bit multiply
// computes r base mod 2^128 exactly. No rounding happens per distance, so the
// lower bound on ||r beta|| is certified, whatever r is, as long as
// r width stays far below 2^128 (the constructor checks it).
//
// The filter only decides which distances deserve an exact MPFI term and
// bounds the others as a whole; the value of a term always comes from the RoPE
// kernel. Private to src/probes.
#include <cstdint>

#include "ropecheck/numeric/types.hpp"

namespace ropecheck::probes::detail {

using u128 = unsigned __int128;

class TurnFilter {
public:
    // Throws InvalidInput when the frequency is not certainly positive and
    // finite, or when its enclosure is too wide for distances up to
    // max_distance (r width would reach 2^125).
    TurnFilter(const numeric::interval& frequency, std::int64_t max_distance);

    // ||r beta|| >= lower_units(r) * 2^-128, certified (0 when the arc may
    // contain a whole turn).
    u128 lower_units(std::int64_t r) const {
        const u128 start = static_cast<u128>(r) * base_;
        const u128 end = start + static_cast<u128>(r) * width_;
        if (start == 0 || end < start) return 0;  // the arc contains a multiple of 2^128
        const u128 to_next_turn = u128{0} - end;  // 2^128 - end, end != 0 here
        return start < to_next_turn ? start : to_next_turn;
    }

    // ||r beta|| at the arc's midpoint, in units of 2^-128 (an approximation
    // within r width / 2 units of the truth; used only to search).
    u128 approximate_units(std::int64_t r) const {
        const u128 middle = static_cast<u128>(r) * base_ + static_cast<u128>(r) * (width_ / 2);
        const u128 other_side = u128{0} - middle;
        return middle < other_side ? middle : other_side;
    }

    std::int64_t max_distance() const { return max_distance_; }

private:
    u128 base_ = 0;
    u128 width_ = 0;
    std::int64_t max_distance_ = 0;
};

// units * 2^-128 as a double (rounded to nearest; for searching only).
double units_to_double(u128 units);
// units * 2^-128 rounded down to the current precision: a certified lower bound.
numeric::real units_to_real_down(u128 units);
// About 2^128 sqrt(margin / 8), rounded up: distances with lower_units(r) at
// or above it have m(r) >= 8 ||r beta||^2 > margin (up to the rounding of this
// double computation, which only moves a distance between the exact terms and
// the bounded tail, never breaks a bound). Saturates at 2^127, beyond every
// ||r beta||, when margin >= 2.
u128 near_threshold_units(double margin);
// 2 sin^2(pi x) for x = units * 2^-128: m(r) from approximate_units (for
// searching only; relative accuracy about 1e-15 even when m(r) is tiny).
double approximate_margin(u128 units);

}  // namespace ropecheck::probes::detail
