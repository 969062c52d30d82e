#pragma once
// The scan engine: every exhaustive scan of ropecheck over a range of integers
// (distances, positions, frequency pairs) runs through these loops, so that the
// thread policy and the merge order are written once.
//
// Determinism. [first, last] is cut into fixed blocks
//     block b = [first + b B, min(last, first + (b + 1) B - 1)],   b = 0, 1, ...
// with B = block_size chosen by the caller and never derived from the thread
// count. The body sees one block and writes only that block's part: it must be a
// function of the block alone (and of data nobody writes during the scan), and it
// must not throw (nothing may escape an OpenMP region: record failures in the
// part). The merge sees the parts strictly in block order, on the calling thread.
// So the merge sees exactly the sequence of parts a serial loop over the blocks
// would give: the thread count and the wave size decide *when* a part is
// computed, never *what* it holds or *where* in the order it is merged.
//
// Waves bound the memory and the work wasted by an early stop: blocks are
// computed `threads x blocks_per_thread` at a time, then merged in order, and the
// merge may end the scan. Parts of the blocks of a wave after the block that ended
// it are computed but never merged, so they cannot change the answer.
//
// first_event. The body scans its block in increasing order and returns its
// first event (or nothing). The first block in block order with an event holds
// the least r with an event, and inside the block the body's own order decides:
// the answer is that of a serial loop from first to last that stops at its first
// event, with ties going to the smallest r. The tallies (work counters) are added
// over the blocks up to and including that block, which such a loop scans too.
//
// Thread policy (scan_threads). A positive request is honoured. Inside an
// enclosing parallel region (the runner runs checks in parallel, even in a team
// of one) the scan stays on the calling thread: a nested team on every core would
// only oversubscribe them. Otherwise OpenMP's default team.
//
// The body may use MPFR/MPFI values but must not change their process-wide
// defaults (default precision is global in Boost 1.74).
#include <algorithm>
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <utility>
#include <vector>

#include "ropecheck/sweep/scan_progress.hpp"

namespace ropecheck::sweep {

// The team size of a scan (see the thread policy above).
int scan_threads(int requested = 0);

// The blocks of [first, last] (none when first > last).
class BlockPlan {
public:
    BlockPlan(std::int64_t first, std::int64_t last, std::int64_t block_size)
        : first_(first), last_(last), block_size_(block_size) {
        if (block_size < 1) throw std::invalid_argument("scan engine: block size must be >= 1");
    }
    std::int64_t blocks() const { return first_ > last_ ? 0 : (last_ - first_) / block_size_ + 1; }
    std::int64_t block_first(std::int64_t b) const { return first_ + b * block_size_; }
    std::int64_t block_last(std::int64_t b) const { return std::min(last_, block_first(b) + block_size_ - 1); }

private:
    std::int64_t first_, last_, block_size_;
};

// body(from, to, Part& part) fills the part of block [from, to]; merge(Part& part)
// takes the parts in block order and returns true to end the scan. Returns true
// when the merge ended it.
template <class Part, class Body, class Merge>
bool scan_blocks(const BlockPlan& plan, int threads, std::int64_t blocks_per_thread, const Body& body,
                 Merge&& merge) {
    if (threads < 1 || blocks_per_thread < 1) throw std::invalid_argument("scan engine: threads and wave must be >= 1");
    const std::int64_t blocks = plan.blocks();
    const std::int64_t wave = static_cast<std::int64_t>(threads) * blocks_per_thread;
    for (std::int64_t wave_start = 0; wave_start < blocks; wave_start += wave) {
        const std::int64_t wave_end = std::min(blocks, wave_start + wave);
        std::vector<Part> parts(static_cast<std::size_t>(wave_end - wave_start));
#pragma omp parallel for schedule(dynamic, 1) num_threads(threads) if (threads > 1 && wave_end - wave_start > 1)
        for (std::int64_t b = wave_start; b < wave_end; ++b)
            body(plan.block_first(b), plan.block_last(b), parts[static_cast<std::size_t>(b - wave_start)]);
        for (Part& part : parts)
            if (merge(part)) {
                report_scan_progress(blocks, blocks);
                return true;
            }
        report_scan_progress(wave_end, blocks);
    }
    return false;
}

// Every block's part, in block order (one wave: the caller keeps them all).
template <class Part, class Body>
std::vector<Part> fill_blocks(const BlockPlan& plan, int threads, const Body& body) {
    std::vector<Part> all;
    all.reserve(static_cast<std::size_t>(plan.blocks()));
    const std::int64_t per_thread = std::max<std::int64_t>(1, (plan.blocks() + threads - 1) / std::max(threads, 1));
    scan_blocks<Part>(plan, threads, per_thread, body, [&](Part& part) {
        all.push_back(std::move(part));
        return false;
    });
    return all;
}

// body(from, to) for every block, in one wave; each call writes only its own
// block's share of the caller's storage.
template <class Body>
void for_each_block(const BlockPlan& plan, int threads, const Body& body) {
    struct Nothing {};
    const std::int64_t per_thread = std::max<std::int64_t>(1, (plan.blocks() + threads - 1) / std::max(threads, 1));
    scan_blocks<Nothing>(
        plan, threads, per_thread, [&](std::int64_t from, std::int64_t to, Nothing&) { body(from, to); },
        [](Nothing&) { return false; });
}

// The least event (see first_event above). body(from, to, Tally& block_tally)
// returns the block's first event; `tally` receives the sum of the block tallies
// up to and including the block of the event (all of them when there is none).
template <class Event, class Tally, class Body>
std::optional<Event> first_event(const BlockPlan& plan, int threads, std::int64_t blocks_per_thread, Tally& tally,
                                 const Body& body) {
    struct Part {
        std::optional<Event> event;
        Tally tally{};
    };
    std::optional<Event> found;
    scan_blocks<Part>(
        plan, threads, blocks_per_thread,
        [&](std::int64_t from, std::int64_t to, Part& part) { part.event = body(from, to, part.tally); },
        [&](Part& part) {
            tally += part.tally;
            if (!part.event) return false;
            found = std::move(part.event);
            return true;
        });
    return found;
}

// first_event without tallies: body(from, to) returns the block's first event.
template <class Event, class Body>
std::optional<Event> first_event(const BlockPlan& plan, int threads, std::int64_t blocks_per_thread,
                                 const Body& body) {
    struct NoTally {
        NoTally& operator+=(const NoTally&) { return *this; }
    } none;
    return first_event<Event>(plan, threads, blocks_per_thread, none,
                              [&](std::int64_t from, std::int64_t to, NoTally&) { return body(from, to); });
}

}  // namespace ropecheck::sweep
