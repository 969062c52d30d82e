// The scan engine (include/ropecheck/sweep/scan_engine.hpp) against brute-force
// serial loops: the first event (ties to the smallest r, events at block and
// wave boundaries), its tallies, and the block fill, for 1 and 2 threads, any
// wave size, and from inside an enclosing parallel region.
#include <boost/test/unit_test.hpp>

#include <omp.h>

#include <cstdint>
#include <optional>
#include <random>
#include <set>
#include <utility>
#include <vector>

#include "ropecheck/sweep/scan_engine.hpp"

namespace sweep = ropecheck::sweep;

namespace {

// Several events in one wave (in one block or in neighbouring blocks) are the
// ties: the scan must report the least.
struct Event {
    std::int64_t r;
};

// The reference: a serial loop from first to last that stops at the first event
// and counts the distances it looked at (the tally).
std::pair<std::optional<Event>, std::uint64_t> serial(const std::set<std::int64_t>& events, std::int64_t first,
                                                      std::int64_t last) {
    std::uint64_t looked = 0;
    for (std::int64_t r = first; r <= last; ++r) {
        ++looked;
        if (events.count(r)) return {Event{r}, looked};
    }
    return {std::nullopt, looked};
}

std::pair<std::optional<Event>, std::uint64_t> engine(const std::set<std::int64_t>& events, std::int64_t first,
                                                      std::int64_t last, std::int64_t block, int threads,
                                                      std::int64_t per_thread) {
    std::uint64_t looked = 0;
    const auto found = sweep::first_event<Event>(
        sweep::BlockPlan(first, last, block), threads, per_thread, looked,
        [&](std::int64_t from, std::int64_t to, std::uint64_t& tally) -> std::optional<Event> {
            for (std::int64_t r = from; r <= to; ++r) {
                ++tally;
                if (events.count(r)) return Event{r};
            }
            return std::nullopt;
        });
    return {found, looked};
}

void expect_same(const std::set<std::int64_t>& events, std::int64_t first, std::int64_t last, std::int64_t block,
                 int threads, std::int64_t per_thread) {
    const auto want = serial(events, first, last);
    const auto got = engine(events, first, last, block, threads, per_thread);
    BOOST_TEST_CONTEXT("range [" << first << ", " << last << "] block " << block << " threads " << threads
                                 << " blocks/thread " << per_thread) {
        BOOST_TEST(got.first.has_value() == want.first.has_value());
        if (got.first && want.first) {
            BOOST_TEST(got.first->r == want.first->r);
        }
        BOOST_TEST(got.second == want.second);
    }
}

}  // namespace

BOOST_AUTO_TEST_SUITE(scan_engine)

BOOST_AUTO_TEST_CASE(block_plan_cuts_the_range) {
    const sweep::BlockPlan plan(-5, 14, 8);
    BOOST_TEST(plan.blocks() == 3);
    BOOST_TEST(plan.block_first(0) == -5);
    BOOST_TEST(plan.block_last(0) == 2);
    BOOST_TEST(plan.block_first(2) == 11);
    BOOST_TEST(plan.block_last(2) == 14);
    BOOST_TEST(sweep::BlockPlan(3, 2, 8).blocks() == 0);
    BOOST_CHECK_THROW(sweep::BlockPlan(0, 1, 0), std::invalid_argument);
}

BOOST_AUTO_TEST_CASE(thread_policy) {
    BOOST_TEST(sweep::scan_threads(3) == 3);
    BOOST_TEST(sweep::scan_threads() == omp_get_max_threads());
    int inside = -1;
#pragma omp parallel num_threads(2)
    {
#pragma omp single
        inside = sweep::scan_threads();
    }
    BOOST_TEST(inside == 1);
}

// Events placed at the first and last distance of a block, of a wave (block
// size 4, 2 blocks per thread: waves of 8 or 16 distances), ties (several events,
// the least wins) and none at all.
BOOST_AUTO_TEST_CASE(first_event_equals_the_serial_loop_at_boundaries) {
    const std::vector<std::set<std::int64_t>> cases{
        {},       {1},      {4},      {5},       {8},           {9},      {16},  {17},
        {40},     {7, 8},   {8, 9},   {9, 16},   {12, 13, 40},  {3, 4, 5}, {39}, {33, 34, 35, 36},
    };
    for (const auto& events : cases)
        for (int threads : {1, 2})
            for (std::int64_t per_thread : {1, 2, 5}) expect_same(events, 1, 40, 4, threads, per_thread);
}

BOOST_AUTO_TEST_CASE(first_event_equals_the_serial_loop_on_random_cases) {
    std::mt19937_64 rng(12);
    for (int trial = 0; trial < 200; ++trial) {
        const std::int64_t first = std::uniform_int_distribution<std::int64_t>(-50, 50)(rng);
        const std::int64_t last = first + std::uniform_int_distribution<std::int64_t>(0, 300)(rng);
        std::set<std::int64_t> events;
        const int n = std::uniform_int_distribution<int>(0, 4)(rng);
        for (int i = 0; i < n; ++i) events.insert(std::uniform_int_distribution<std::int64_t>(first, last + 20)(rng));
        const std::int64_t block = std::uniform_int_distribution<std::int64_t>(1, 37)(rng);
        const std::int64_t per_thread = std::uniform_int_distribution<std::int64_t>(1, 9)(rng);
        for (int threads : {1, 2}) expect_same(events, first, last, block, threads, per_thread);
    }
}

// Inside an enclosing team (the runner's) the engine gives the same answer,
// whether it stays on the calling thread or is asked for 2 (a nested team).
BOOST_AUTO_TEST_CASE(first_event_inside_a_parallel_region) {
    const std::set<std::int64_t> events{17, 18, 64};
    const auto want = serial(events, 1, 100);
    std::vector<std::pair<std::optional<Event>, std::uint64_t>> got(4);
#pragma omp parallel for num_threads(2)
    for (int i = 0; i < 4; ++i) got[static_cast<std::size_t>(i)] = engine(events, 1, 100, 4, i % 2 == 0 ? sweep::scan_threads() : 2, 2);
    for (const auto& g : got) {
        BOOST_TEST_REQUIRE(g.first.has_value());
        BOOST_TEST(g.first->r == want.first->r);
        BOOST_TEST(g.second == want.second);
    }
}

// The block fill returns the parts in block order, each a function of its block.
BOOST_AUTO_TEST_CASE(fill_blocks_returns_parts_in_block_order) {
    for (int threads : {1, 2}) {
        const auto parts = sweep::fill_blocks<std::pair<std::int64_t, std::int64_t>>(
            sweep::BlockPlan(-7, 100, 10), threads,
            [](std::int64_t from, std::int64_t to, std::pair<std::int64_t, std::int64_t>& part) { part = {from, to}; });
        BOOST_TEST_REQUIRE(parts.size() == 11u);
        std::int64_t next = -7;
        for (const auto& [from, to] : parts) {
            BOOST_TEST(from == next);
            BOOST_TEST(to == std::min<std::int64_t>(100, from + 9));
            next = to + 1;
        }
        BOOST_TEST(next == 101);
    }
    BOOST_TEST(sweep::fill_blocks<int>(sweep::BlockPlan(1, 0, 4), 2, [](std::int64_t, std::int64_t, int&) {}).empty());
}

// A merge that stops early: the parts merged are a prefix in block order, the
// same for every wave size and thread count.
BOOST_AUTO_TEST_CASE(merge_sees_a_prefix_in_block_order) {
    for (int threads : {1, 2})
        for (std::int64_t per_thread : {1, 3}) {
            std::vector<std::int64_t> seen;
            const bool stopped = sweep::scan_blocks<std::int64_t>(
                sweep::BlockPlan(0, 99, 7), threads, per_thread,
                [](std::int64_t from, std::int64_t, std::int64_t& part) { part = from; },
                [&](std::int64_t& part) {
                    seen.push_back(part);
                    return part >= 42;
                });
            BOOST_TEST(stopped);
            const std::vector<std::int64_t> want{0, 7, 14, 21, 28, 35, 42};
            BOOST_TEST(seen == want, boost::test_tools::per_element());
        }
}

BOOST_AUTO_TEST_SUITE_END()
