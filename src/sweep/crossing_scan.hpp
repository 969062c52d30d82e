#pragma once
// The least r in [first, last] with S(r) < threshold, certified: every earlier
// r is certainly >= threshold. Blocks are scanned in waves (threads x 8 blocks
// at a time, in parallel); within a block distances are scanned in order, and
// a distance the double filter cannot place on one side of the threshold is
// evaluated in MPFI at once. The first block of a wave with an event (a
// certain crossing or an undecidable distance) ends the search, so the answer
// is the same for any number of threads.
// A crossing is reported only when MPFI confirms it: where the filter says
// "certainly below", the MPFI value (which the answer reports) must say so
// too. MPFI unable to decide, or saying "not below" (then the filter or MPFI
// is wrong), leaves the answer not certified at that distance. A NaN bound
// fails both of the filter's comparisons, so that distance goes to MPFI.
// A template on the series (`exact_at`) and the filter (`evaluate`), so that
// tests can drive it with a filter that misbehaves (tests/sweep/sweep_driver_test.cpp).
#include <omp.h>

#include <algorithm>
#include <optional>
#include <vector>

#include "block_evaluator.hpp"
#include "ropecheck/numeric/certainty.hpp"
#include "ropecheck/numeric/mutant.hpp"
#include "ropecheck/sweep/sweep.hpp"
#include "sweep_common.hpp"

namespace ropecheck::sweep::detail {

enum class ThresholdSide { below, not_below, unknown };

inline ThresholdSide exact_side(const numeric::interval& value, const numeric::interval& threshold) {
    if (numeric::upper_bound(value) < numeric::lower_bound(threshold)) return ThresholdSide::below;
    if (numeric::lower_bound(value) >= numeric::upper_bound(threshold)) return ThresholdSide::not_below;
    return ThresholdSide::unknown;
}

struct CrossingEvent {
    std::int64_t r;
    bool undecided;
    numeric::interval value;
};

// fast == nullptr: every distance through exact_at.
template <class Series, class Filter>
CrossingResult first_below_scan(const Series& series, const Filter* fast, const numeric::interval& threshold,
                                std::int64_t first, std::int64_t last, const SweepOptions& options) {
    using numeric::interval;
    require_range(first, last);
    double threshold_low, threshold_high;
    outward_doubles(threshold, threshold_low, threshold_high);

    const std::int64_t blocks = block_count(first, last);
    const int threads = thread_count(options);
    const std::int64_t wave = static_cast<std::int64_t>(threads) * 8;
    CrossingResult result;
    for (std::int64_t wave_start = 0; wave_start < blocks; wave_start += wave) {
        const std::int64_t wave_end = std::min(blocks, wave_start + wave);
        std::vector<std::optional<CrossingEvent>> events(static_cast<std::size_t>(wave_end - wave_start));
        std::vector<std::uint64_t> escalations(events.size(), 0);
#pragma omp parallel for schedule(dynamic, 1) num_threads(threads)
        for (std::int64_t b = wave_start; b < wave_end; ++b) {
            const std::int64_t start = first + b * block_size;
            const int count = static_cast<int>(std::min<std::int64_t>(block_size, last - start + 1));
            double lower[block_size], upper[block_size];
            if (fast) fast->evaluate(start, count, lower, upper);
            const auto slot = static_cast<std::size_t>(b - wave_start);
            for (int j = 0; j < count; ++j) {
                if (fast && lower[j] >= threshold_high) continue;  // certainly not below
                // Anything else goes to MPFI, "certainly below" included: the
                // answer is reported only on MPFI's word.
                const bool filter_below = fast && upper[j] < threshold_low;
                // Mutant "sweep-skip-escalation": a distance the filter cannot
                // decide is taken as not below, without MPFI.
                ROPECHECK_MUTANT_IF("sweep-skip-escalation", fast && !filter_below) continue;
                ++escalations[slot];
                const interval value = series.exact_at(start + j);
                const ThresholdSide side = exact_side(value, threshold);
                if (side == ThresholdSide::not_below && !filter_below) continue;
                events[slot] = CrossingEvent{start + j, side != ThresholdSide::below, value};
                break;
            }
        }
        for (std::size_t i = 0; i < events.size(); ++i) {
            result.stats.escalated += escalations[i];
            if (!events[i]) continue;
            result.stats.distances = static_cast<std::uint64_t>(events[i]->r - first + 1);
            if (events[i]->undecided) {
                result.undecided_at = events[i]->r;
                result.certified = false;
            } else {
                result.first = events[i]->r;
                result.value_at_first = events[i]->value;
                result.certified = true;
            }
            return result;
        }
    }
    result.stats.distances = static_cast<std::uint64_t>(last - first + 1);
    result.certified = true;  // every distance certainly >= threshold
    return result;
}

}  // namespace ropecheck::sweep::detail
