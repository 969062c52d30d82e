// count_below: how many distances lie below a threshold (Men et al.'s count of m with
// B_{m,theta} < 0), in one pass of the scan engine. Each block is evaluated by the double
// filter, whose error bound is proven (error_bound.cpp): a distance whose upper bound is
// below the threshold is counted, one whose lower bound reaches it is not, and every other
// distance is decided in MPFI through the kernel (exact_at). A distance MPFI cannot place
// either stops the count, uncertified, at the least such r. Blocks are fixed and merged in
// order (scan_engine.hpp), so the answer does not depend on threads.
#include <algorithm>

#include "block_evaluator.hpp"
#include "ropecheck/numeric/certainty.hpp"
#include "ropecheck/numeric/mutant.hpp"
#include "ropecheck/sweep/scan_engine.hpp"
#include "ropecheck/sweep/sweep.hpp"
#include "sweep_common.hpp"

namespace ropecheck::sweep {

namespace {

struct CountPart {
    std::uint64_t count = 0;
    std::vector<std::int64_t> least;  // at most `keep`
    std::optional<std::int64_t> undecided_at;
    std::uint64_t escalated = 0;
};

// Whether r is below the threshold: the filter's word when it is certain, else MPFI's;
// nullopt when MPFI cannot decide.
template <class Filter>
std::optional<bool> below_at(const CosineSeries& series, const Filter* fast, double lower, double upper,
                             const numeric::interval& threshold, double threshold_low, double threshold_high,
                             std::int64_t r, std::uint64_t& escalated) {
    if (fast && lower >= threshold_high) return false;
    if (fast && upper < threshold_low) return true;
    // Mutant "sweep-skip-escalation": a distance the filter cannot decide is taken as not below.
    if (ROPECHECK_MUTANT("sweep-skip-escalation") && fast) return false;
    ++escalated;
    const numeric::Certainty below = numeric::is_less(series.exact_at(r), threshold);
    if (below == numeric::Certainty::certainly) return true;
    if (below == numeric::Certainty::certainly_not) return false;
    return std::nullopt;
}

template <class Filter>
CountResult count_scan(const CosineSeries& series, const Filter* fast, const numeric::interval& threshold,
                       std::int64_t first, std::int64_t last, std::size_t keep, const SweepOptions& options) {
    detail::require_range(first, last);
    double threshold_low, threshold_high;
    detail::outward_doubles(threshold, threshold_low, threshold_high);
    CountResult result;
    result.stats.distances = static_cast<std::uint64_t>(last - first + 1);
    scan_blocks<CountPart>(
        BlockPlan(first, last, detail::block_size), detail::thread_count(options), 8,
        [&](std::int64_t start, std::int64_t end, CountPart& part) {
            const int count = static_cast<int>(end - start + 1);
            double lower[detail::block_size], upper[detail::block_size];
            if (fast) fast->evaluate(start, count, lower, upper);
            // Mutant "sweep-count-block-end": the last distance of every block is left out.
            const int scanned = ROPECHECK_MUTANT("sweep-count-block-end") ? count - 1 : count;
            for (int j = 0; j < scanned; ++j) {
                const auto below = below_at(series, fast, fast ? lower[j] : 0.0, fast ? upper[j] : 0.0, threshold,
                                            threshold_low, threshold_high, start + j, part.escalated);
                if (!below) {
                    part.undecided_at = start + j;
                    return;
                }
                if (!*below) continue;
                ++part.count;
                if (part.least.size() < keep) part.least.push_back(start + j);
            }
        },
        [&](CountPart& part) {
            result.stats.escalated += part.escalated;
            result.count += part.count;
            for (std::int64_t r : part.least)
                if (result.least.size() < keep) result.least.push_back(r);
            if (part.undecided_at) result.undecided_at = part.undecided_at;
            return part.undecided_at.has_value();
        });
    if (result.undecided_at) return result;
    if (!result.least.empty()) {
        // The least counted distance, confirmed in MPFI (its value is what a report shows).
        result.value_at_first = series.exact_at(result.least.front());
        if (numeric::is_less(result.value_at_first, threshold) != numeric::Certainty::certainly) {
            result.undecided_at = result.least.front();
            return result;
        }
    }
    result.certified = true;
    return result;
}

}  // namespace

CountResult count_below(const CosineSeries& series, const numeric::interval& threshold, std::int64_t first,
                        std::int64_t last, std::size_t keep, const SweepOptions& options) {
    return detail::with_filter<detail::CosineBlockEvaluator>(series, first, last, options, [&](const auto* filter) {
        return count_scan(series, filter, threshold, first, last, keep, options);
    });
}

}  // namespace ropecheck::sweep
