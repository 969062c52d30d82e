// The least r in [first, last] with S(r) < threshold, certified: every earlier
// r is certainly >= threshold. Blocks are scanned in waves (threads x 8 blocks
// at a time, in parallel); within a block distances are scanned in order, and
// a distance the double filter cannot place on one side of the threshold is
// evaluated in MPFI at once. The first block of a wave with an event (a
// certain crossing or an undecidable distance) ends the search, so the answer
// is the same for any number of threads.
#include <omp.h>

#include <algorithm>
#include <optional>

#include "block_evaluator.hpp"
#include "ropecheck/numeric/certainty.hpp"
#include "ropecheck/sweep/sweep.hpp"
#include "sweep_common.hpp"

namespace ropecheck::sweep {
namespace {

using numeric::Certainty;
using numeric::interval;

struct BlockEvent {
    std::int64_t r;
    bool undecided;
    interval value;
};

enum class Side { below, not_below, unknown };

Side exact_side(const interval& value, const interval& threshold) {
    if (numeric::upper_bound(value) < numeric::lower_bound(threshold)) return Side::below;
    if (numeric::lower_bound(value) >= numeric::upper_bound(threshold)) return Side::not_below;
    return Side::unknown;
}

}  // namespace

CrossingResult first_below(const CosineSeries& series, const interval& threshold, std::int64_t first,
                           std::int64_t last, const SweepOptions& options) {
    detail::require_range(first, last);
    const bool use_fast = !options.exact_only && detail::fast_path_applies(first, last);
    std::optional<detail::CosineBlockEvaluator> fast;
    if (use_fast) fast.emplace(series);
    double threshold_low, threshold_high;
    detail::outward_doubles(threshold, threshold_low, threshold_high);

    const std::int64_t blocks = detail::block_count(first, last);
    const int threads = detail::thread_count(options);
    const std::int64_t wave = static_cast<std::int64_t>(threads) * 8;
    CrossingResult result;
    for (std::int64_t wave_start = 0; wave_start < blocks; wave_start += wave) {
        const std::int64_t wave_end = std::min(blocks, wave_start + wave);
        std::vector<std::optional<BlockEvent>> events(static_cast<std::size_t>(wave_end - wave_start));
        std::vector<std::uint64_t> escalations(events.size(), 0);
#pragma omp parallel for schedule(dynamic, 1) num_threads(threads)
        for (std::int64_t b = wave_start; b < wave_end; ++b) {
            const std::int64_t start = first + b * detail::block_size;
            const int count = static_cast<int>(std::min<std::int64_t>(detail::block_size, last - start + 1));
            double lower[detail::block_size], upper[detail::block_size];
            if (fast) fast->evaluate(start, count, lower, upper);
            const auto slot = static_cast<std::size_t>(b - wave_start);
            for (int j = 0; j < count; ++j) {
                if (fast && lower[j] >= threshold_high) continue;  // certainly not below
                if (fast && upper[j] < threshold_low) {              // certainly below
                    events[slot] = BlockEvent{start + j, false, series.exact_at(start + j)};
                    break;
                }
                ++escalations[slot];
                const interval value = series.exact_at(start + j);
                const Side side = exact_side(value, threshold);
                if (side == Side::not_below) continue;
                events[slot] = BlockEvent{start + j, side == Side::unknown, value};
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

}  // namespace ropecheck::sweep
