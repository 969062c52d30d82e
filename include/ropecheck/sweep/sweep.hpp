#pragma once
// Exhaustive, certified sweeps over a range of distances [first, last]. Each
// answer is as certified as evaluating every r in MPFI: a double-precision
// filter with a rigorous error bound per term decides most distances, and the
// distances it cannot decide (near-ties for the minimum, signs too close to
// call) are evaluated with `exact_at` (MPFI through the kernel).
// Memory does not grow with the range; the scan engine (scan_engine.hpp) splits
// the range into fixed blocks and merges them in block order, so answers do not
// depend on threads.
#include <cstdint>
#include <optional>
#include <vector>

#include "ropecheck/sweep/series.hpp"

namespace ropecheck::sweep {

struct SweepOptions {
    int threads = 0;          // 0: OpenMP's default
    bool exact_only = false;  // the plain MPFI sweep (reference, tests, benchmarks)
};

struct SweepStats {
    std::uint64_t distances = 0;  // distances in the range
    std::uint64_t escalated = 0;  // distances evaluated in MPFI
};

struct MinimumResult {
    std::int64_t argmin = 0;            // smallest r whose enclosure may attain the minimum
    numeric::interval minimum;          // encloses min over the range
    bool argmin_certified = false;      // no other r can attain a value <= the minimum
    std::vector<std::int64_t> rivals;   // other r not separated from argmin (at most 16)
    SweepStats stats;
};

struct CrossingResult {
    // The least r in range with S(r) < threshold, every earlier r certainly >= threshold.
    std::optional<std::int64_t> first;
    bool certified = false;                      // false: `undecided_at` could not be decided
    std::optional<std::int64_t> undecided_at;
    numeric::interval value_at_first;            // S(first) when found
    SweepStats stats;
};

struct CountResult {
    // The number of r in range with S(r) < threshold; when certified, every other r is
    // certainly >= threshold.
    std::uint64_t count = 0;
    std::vector<std::int64_t> least;             // the least of them, at most `keep`, ascending
    numeric::interval value_at_first;            // S(least[0]) in MPFI, when count > 0
    bool certified = false;                      // false: `undecided_at` could not be decided
    std::optional<std::int64_t> undecided_at;    // the least such r
    SweepStats stats;
};

// Throws std::invalid_argument for an empty or unrepresentable range (|r| > 2^52).
MinimumResult minimum_of(const ReturnMarginSeries& series, std::int64_t first, std::int64_t last,
                         const SweepOptions& options = {});
MinimumResult minimum_of(const CosineSeries& series, std::int64_t first, std::int64_t last,
                         const SweepOptions& options = {});
CrossingResult first_below(const CosineSeries& series, const numeric::interval& threshold, std::int64_t first,
                           std::int64_t last, const SweepOptions& options = {});

// Every r in [first, last] with S(r) < threshold, counted in one pass (count_scan.cpp): the
// double filter places most distances on one side with its proven bound, the rest go to MPFI;
// the least counted one is also evaluated in MPFI, which must confirm it.
CountResult count_below(const CosineSeries& series, const numeric::interval& threshold, std::int64_t first,
                        std::int64_t last, std::size_t keep = 16, const SweepOptions& options = {});

}  // namespace ropecheck::sweep
