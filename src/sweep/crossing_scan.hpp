#pragma once
// The least r in [first, last] with S(r) < threshold, certified: every earlier
// r is certainly >= threshold. The scan engine's first_event (scan_engine.hpp:
// fixed blocks, waves of threads x 8 blocks, merged in block order, so the answer
// is the same for any number of threads); within a block distances are scanned
// in order, and a distance the double filter cannot place on one side of the
// threshold is evaluated in MPFI at once. An event is a certain crossing or an
// undecidable distance.
// A crossing is reported only when MPFI confirms it: where the filter says
// "certainly below", the MPFI value (which the answer reports) must say so
// too. MPFI unable to decide, or saying "not below" (then the filter or MPFI
// is wrong), leaves the answer not certified at that distance. A NaN bound
// fails both of the filter's comparisons, so that distance goes to MPFI.
// A template on the series (`exact_at`) and the filter (`evaluate`), so that
// tests can drive it with a filter that misbehaves (tests/sweep/sweep_driver_test.cpp).
#include <optional>

#include "block_evaluator.hpp"
#include "ropecheck/numeric/certainty.hpp"
#include "ropecheck/numeric/mutant.hpp"
#include "ropecheck/sweep/scan_engine.hpp"
#include "ropecheck/sweep/sweep.hpp"
#include "sweep_common.hpp"

namespace ropecheck::sweep::detail {

struct CrossingEvent {
    std::int64_t r;
    bool undecided;
    numeric::interval value;
};

// fast == nullptr: every distance through exact_at.
template <class Series, class Filter>
CrossingResult first_below_scan(const Series& series, const Filter* fast, const numeric::interval& threshold,
                                std::int64_t first, std::int64_t last, const SweepOptions& options) {
    using numeric::Certainty;
    using numeric::interval;
    require_range(first, last);
    double threshold_low, threshold_high;
    outward_doubles(threshold, threshold_low, threshold_high);

    CrossingResult result;
    const auto event = first_event<CrossingEvent>(
        BlockPlan(first, last, block_size), thread_count(options), 8, result.stats.escalated,
        [&](std::int64_t start, std::int64_t end, std::uint64_t& escalated) -> std::optional<CrossingEvent> {
            const int count = static_cast<int>(end - start + 1);
            double lower[block_size], upper[block_size];
            if (fast) fast->evaluate(start, count, lower, upper);
            for (int j = 0; j < count; ++j) {
                if (fast && lower[j] >= threshold_high) continue;  // certainly not below
                // Anything else goes to MPFI, "certainly below" included: the
                // answer is reported only on MPFI's word.
                const bool filter_below = fast && upper[j] < threshold_low;
                // Mutant "sweep-skip-escalation": a distance the filter cannot
                // decide is taken as not below, without MPFI.
                ROPECHECK_MUTANT_IF("sweep-skip-escalation", fast && !filter_below) continue;
                ++escalated;
                const interval value = series.exact_at(start + j);
                const Certainty below = numeric::is_less(value, threshold);
                if (below == Certainty::certainly_not && !filter_below) continue;
                return CrossingEvent{start + j, below != Certainty::certainly, value};
            }
            return std::nullopt;
        });
    if (!event) {
        result.stats.distances = static_cast<std::uint64_t>(last - first + 1);
        result.certified = true;  // every distance certainly >= threshold
        return result;
    }
    result.stats.distances = static_cast<std::uint64_t>(event->r - first + 1);
    if (event->undecided) {
        result.undecided_at = event->r;
        result.certified = false;
    } else {
        result.first = event->r;
        result.value_at_first = event->value;
        result.certified = true;
    }
    return result;
}

}  // namespace ropecheck::sweep::detail
