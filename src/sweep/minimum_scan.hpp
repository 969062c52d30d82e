#pragma once
// The certified minimum over a range of distances. Pass 1 (the scan engine's
// fixed blocks, merged in block order, scan_engine.hpp): the double filter gives
// every r an enclosure [lower, upper]; each block keeps its least upper bound and
// the distances whose lower bound does not exceed it, and the merge keeps the
// running least upper bound and prunes against it. Pass 2: every distance whose
// lower bound does not exceed the global least upper bound (a superset of the
// true minimisers, independent of how blocks were shared out) is evaluated in
// MPFI through the kernel, and the minimum and its argmin are read off those
// enclosures.
// A lower bound that is NaN says nothing, so its distance is never dropped
// (every test is written `!(lower > best)`, which NaN passes); a NaN upper
// bound is never taken as the least.
// A template on the series (`exact_at`) and the filter (`evaluate`), so that
// tests can drive it with a filter that misbehaves (tests/sweep/sweep_driver_test.cpp).
#include <algorithm>
#include <limits>
#include <stdexcept>
#include <vector>

#include "block_evaluator.hpp"
#include "ropecheck/numeric/certainty.hpp"
#include "ropecheck/numeric/enclosure.hpp"
#include "ropecheck/numeric/mutant.hpp"
#include "ropecheck/sweep/scan_engine.hpp"
#include "ropecheck/sweep/sweep.hpp"
#include "sweep_common.hpp"

namespace ropecheck::sweep::detail {

struct MinimumCandidate {
    std::int64_t r;
    double lower;
};

// Candidates of one block, or of the blocks merged so far.
struct MinimumPart {
    double best_upper = std::numeric_limits<double>::infinity();
    std::vector<MinimumCandidate> candidates;

    // Drops what `best` certainly exceeds.
    void prune(double best) {
        std::erase_if(candidates, [best](const MinimumCandidate& c) { return c.lower > best; });
    }
};

// Blocks per thread and wave: enough work per parallel region, bounded memory.
inline constexpr std::int64_t minimum_wave_blocks = 64;

// fast == nullptr: the plain MPFI sweep (every distance through exact_at).
template <class Series, class Filter>
MinimumResult minimum_scan(const Series& series, const Filter* fast, std::int64_t first, std::int64_t last,
                           const SweepOptions& options) {
    using numeric::interval;
    require_range(first, last);
    const int threads = thread_count(options);

    MinimumPart merged;
    std::size_t pruned_size = 0;
    scan_blocks<MinimumPart>(
        BlockPlan(first, last, block_size), threads, minimum_wave_blocks,
        [&](std::int64_t start, std::int64_t end, MinimumPart& part) {
            const int count = static_cast<int>(end - start + 1);
            double lower[block_size], upper[block_size];
            if (fast != nullptr) {
                fast->evaluate(start, count, lower, upper);
            } else {
                for (int j = 0; j < count; ++j) outward_doubles(series.exact_at(start + j), lower[j], upper[j]);
            }
            for (int j = 0; j < count; ++j)
                if (upper[j] < part.best_upper) part.best_upper = upper[j];
            for (int j = 0; j < count; ++j)
                if (!(lower[j] > part.best_upper)) part.candidates.push_back({start + j, lower[j]});
        },
        [&](MinimumPart& part) {
            merged.best_upper = std::min(merged.best_upper, part.best_upper);
            for (const MinimumCandidate& c : part.candidates)
                if (!(c.lower > merged.best_upper)) merged.candidates.push_back(c);
            if (merged.candidates.size() > 2 * pruned_size + 1024) {
                merged.prune(merged.best_upper);
                pruned_size = merged.candidates.size();
            }
            return false;
        });

    // Merged in block order, so the survivors come in increasing r.
    merged.prune(merged.best_upper);
    std::vector<std::int64_t> survivors;
    survivors.reserve(merged.candidates.size());
    for (const MinimumCandidate& c : merged.candidates) survivors.push_back(c.r);
    // Mutant "sweep-skip-escalation": only the filter's own pick (the first
    // survivor) reaches MPFI; the distances it could not separate from it are
    // never escalated, so a tie is "certified" as a unique argmin.
    ROPECHECK_MUTANT_IF("sweep-skip-escalation", fast != nullptr && survivors.size() > 1)
        survivors.erase(survivors.begin() + 1, survivors.end());  // (not resize: GCC 12 -Warray-bounds)

    const std::vector<interval> exact = fill_blocks<interval>(
        BlockPlan(0, static_cast<std::int64_t>(survivors.size()) - 1, 1), threads,
        [&](std::int64_t i, std::int64_t, interval& x) { x = series.exact_at(survivors[static_cast<std::size_t>(i)]); });

    MinimumResult result;
    result.stats.distances = static_cast<std::uint64_t>(last - first + 1);
    // The plain sweep evaluates every distance in MPFI, then the survivors again.
    result.stats.escalated = survivors.size() + (fast == nullptr ? result.stats.distances : 0);
    if (survivors.empty()) throw std::logic_error("sweep: no candidate survived (filter bound is broken)");
    numeric::real least_upper = numeric::upper_bound(exact[0]);
    for (const auto& e : exact) least_upper = std::min(least_upper, numeric::upper_bound(e));
    numeric::real least_lower = least_upper;
    bool found = false;
    for (std::size_t i = 0; i < survivors.size(); ++i) {
        if (numeric::lower_bound(exact[i]) > least_upper) continue;  // certainly above the minimum
        least_lower = std::min(least_lower, numeric::lower_bound(exact[i]));
        if (!found) {
            result.argmin = survivors[i];
            found = true;
        } else if (result.rivals.size() < 16) {
            result.rivals.push_back(survivors[i]);
        }
    }
    result.argmin_certified = result.rivals.empty();
    result.minimum = numeric::between(least_lower, least_upper);
    return result;
}

}  // namespace ropecheck::sweep::detail
