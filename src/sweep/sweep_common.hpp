#pragma once
// Shared plumbing of the sweep drivers: ranges, threads, and the
// conversion of MPFI enclosures to outward-rounded doubles.
#include <cstdint>

#include "ropecheck/numeric/types.hpp"
#include "ropecheck/sweep/sweep.hpp"

namespace ropecheck::sweep::detail {

// Throws std::invalid_argument unless first <= last and |r| <= 2^52.
void require_range(std::int64_t first, std::int64_t last);
// The scan engine's thread policy applied to the options (scan_engine.hpp).
int thread_count(const SweepOptions& options);
bool fast_path_applies(std::int64_t first, std::int64_t last);
// scan(&filter) with the double filter Evaluator of `series` where the fast path
// applies (every distance fits the filter and options.exact_only is off), else
// scan(nullptr): the plain MPFI scan.
template <class Evaluator, class Series, class Scan>
auto with_filter(const Series& series, std::int64_t first, std::int64_t last, const SweepOptions& options,
                 Scan scan) {
    if (options.exact_only || !fast_path_applies(first, last)) return scan(static_cast<const Evaluator*>(nullptr));
    const Evaluator filter(series);
    return scan(&filter);
}

void outward_doubles(const numeric::interval& x, double& lower, double& upper);

}  // namespace ropecheck::sweep::detail
