#pragma once
// base-bound: what RoPE base does a context of L tokens need? With head
// dimension D and the aligned construction of semantic-break (query = target
// key, unit chunks), the target keeps a non-negative activation at every
// distance 1 <= r <= L exactly when
//   S_theta(r) = sum_{k=1}^{D/2} cos(r theta^(-2(k-1)/D)) >= 0   for all 1 <= r <= L.
// The answer is the infimum of the bases theta >= T (the floor) that pass.
//
// The passing bases are not an interval: a base can pass while a larger one
// fails (D = 128, L = 4096 passes near 26953 and fails again near 26973), so
// bisection between a failing and a passing base is unsound. base_bound
// certifies both sides instead (the design and its proof are in
// src/probes/base_bound.cpp):
//   * every base in [T, theta_lower] certainly fails: [T, theta_lower] is
//     covered by closed intervals of bases, each carrying a distance r at which
//     an MPFI enclosure of S over the whole interval is certainly negative;
//   * least_theta certainly passes: the certified sweep (sweep::first_below on
//     the schedule's interval frequencies, threshold 0) finds no r in [1, L];
//   * (least_theta - theta_lower) / least_theta <= base_bound_tolerance.
// So the infimum lies in (theta_lower, least_theta] (the boundary is usually
// a base where S touches 0, passing only in the limit).
//
// Special cases. If the floor itself passes, least_theta = theta_lower = T,
// binding_distance = 0 and nothing is excluded. With D = 2 the only frequency
// is g_1 = 1 whatever the base, so for L >= 2 no base passes (cos 2 < 0):
// least_theta = theta_lower = +infinity, binding_distance = 2, certified.
//
// Precision: everything certified runs at the current default MPFR/MPFI
// precision (64 bits or more is sensible; the CLI sets it from --precision).
// Too little precision, or an exhausted interval budget, gives
// certified = false (never a wrong certified answer); least_theta is then NaN
// and least_theta_decimal empty, but if intervals_excluded > 0 every base in
// [T, theta_lower] is still certainly failing (at binding_distance for theta_lower).
#include <cstdint>
#include <string>

#include "ropecheck/numeric/types.hpp"

namespace ropecheck::probes {

// The certified gap between the last failing base and the reported passing one.
inline constexpr double base_bound_tolerance = 1e-9;
// The sweep engine represents distances exactly up to 2^52.
inline constexpr std::int64_t max_base_bound_context = std::int64_t{1} << 52;
// Excluded intervals allowed before giving up (certified = false): D = 128 with
// L = 131072 needs a few 10^4.
inline constexpr std::uint64_t default_base_bound_budget = 5'000'000;

struct BaseBoundAnswer {
    numeric::real least_theta;        // a base that certainly passes: least_theta_decimal, rounded
    std::string least_theta_decimal;  // the exact decimal the sweep certified ("+inf" if none passes)
    numeric::real theta_lower;        // every base in [theta_floor, theta_lower] certainly fails
    std::int64_t binding_distance = 0;  // the r at which theta_lower fails
    numeric::real theta_floor;        // T
    bool certified = false;
    std::uint64_t intervals_excluded = 0;  // closed intervals of failing bases in the covering
};

// The passing base is chosen as a decimal of 12 to 22 significant digits (12 unless the
// boundary needs more), because FrequencySchedule reads bases as decimals and the sweep
// certifies exactly that decimal; least_theta is its rounding to the current precision.
// Throws InvalidInput unless 1 <= context <= max_base_bound_context, head_dim is even
// and 2 <= head_dim <= 65536, and theta_floor is a decimal > 1.
BaseBoundAnswer base_bound(std::int64_t context, int head_dim, const std::string& theta_floor = "100",
                           std::uint64_t interval_budget = default_base_bound_budget);

}  // namespace ropecheck::probes
