#pragma once
// The certified minimum over a range of distances. Pass 1 (parallel, fixed
// blocks): the double filter gives every r an enclosure [lower, upper]; each
// thread keeps the least upper bound it has seen and the distances whose lower
// bound does not exceed it. Pass 2: every distance whose lower bound does not
// exceed the global least upper bound (a superset of the true minimisers,
// independent of how blocks were shared out) is evaluated in MPFI through the
// kernel, and the minimum and its argmin are read off those enclosures.
// A lower bound that is NaN says nothing, so its distance is never dropped
// (every test is written `!(lower > best)`, which NaN passes); a NaN upper
// bound is never taken as the least.
// A template on the series (`exact_at`) and the filter (`evaluate`), so that
// tests can drive it with a filter that misbehaves (tests/sweep/sweep_driver_test.cpp).
#include <omp.h>

#include <algorithm>
#include <limits>
#include <stdexcept>
#include <vector>

#include "block_evaluator.hpp"
#include "ropecheck/numeric/certainty.hpp"
#include "ropecheck/numeric/mutant.hpp"
#include "ropecheck/sweep/sweep.hpp"
#include "sweep_common.hpp"

namespace ropecheck::sweep::detail {

struct MinimumCandidate {
    std::int64_t r;
    double lower;
};

struct MinimumThreadState {
    double best_upper = std::numeric_limits<double>::infinity();
    std::vector<MinimumCandidate> candidates;
    std::size_t pruned_size = 0;

    void offer(std::int64_t r, double lower, double upper) {
        if (upper < best_upper) best_upper = upper;
        if (!(lower > best_upper)) candidates.push_back({r, lower});
        if (candidates.size() > 2 * pruned_size + 1024) prune();
    }
    void prune() {
        const double best = best_upper;
        std::erase_if(candidates, [best](const MinimumCandidate& c) { return c.lower > best; });
        pruned_size = candidates.size();
    }
};

// fast == nullptr: the plain MPFI sweep (every distance through exact_at).
template <class Series, class Filter>
MinimumResult minimum_scan(const Series& series, const Filter* fast, std::int64_t first, std::int64_t last,
                           const SweepOptions& options) {
    using numeric::interval;
    require_range(first, last);
    const std::int64_t blocks = block_count(first, last);
    const int threads = thread_count(options);
    std::vector<MinimumThreadState> states(static_cast<std::size_t>(threads));

#pragma omp parallel num_threads(threads)
    {
        MinimumThreadState& state = states[static_cast<std::size_t>(omp_get_thread_num())];
        double lower[block_size], upper[block_size];
#pragma omp for schedule(dynamic, 8)
        for (std::int64_t b = 0; b < blocks; ++b) {
            const std::int64_t start = first + b * block_size;
            const int count = static_cast<int>(std::min<std::int64_t>(block_size, last - start + 1));
            if (fast != nullptr) {
                fast->evaluate(start, count, lower, upper);
            } else {
                for (int j = 0; j < count; ++j) outward_doubles(series.exact_at(start + j), lower[j], upper[j]);
            }
            for (int j = 0; j < count; ++j) state.offer(start + j, lower[j], upper[j]);
        }
    }

    double best = std::numeric_limits<double>::infinity();
    for (const auto& s : states) best = std::min(best, s.best_upper);
    std::vector<std::int64_t> survivors;
    for (const auto& s : states)
        for (const auto& c : s.candidates)
            if (!(c.lower > best)) survivors.push_back(c.r);
    std::sort(survivors.begin(), survivors.end());
    // Mutant "sweep-skip-escalation": only the filter's own pick (the first
    // survivor) reaches MPFI; the distances it could not separate from it are
    // never escalated, so a tie is "certified" as a unique argmin.
    ROPECHECK_MUTANT_IF("sweep-skip-escalation", fast != nullptr && survivors.size() > 1) survivors.resize(1);

    std::vector<interval> exact(survivors.size());
    const auto n = static_cast<std::int64_t>(survivors.size());
#pragma omp parallel for schedule(dynamic, 1) num_threads(threads)
    for (std::int64_t i = 0; i < n; ++i)
        exact[static_cast<std::size_t>(i)] = series.exact_at(survivors[static_cast<std::size_t>(i)]);

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
    result.minimum = make_interval(least_lower, least_upper);
    return result;
}

}  // namespace ropecheck::sweep::detail
