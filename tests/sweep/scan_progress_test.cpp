#include <boost/test/unit_test.hpp>

#include <cstdint>
#include <mutex>
#include <vector>

#include "ropecheck/sweep/scan_engine.hpp"
#include "ropecheck/sweep/scan_progress.hpp"

using namespace ropecheck::sweep;

namespace {

std::mutex calls_mutex;
std::vector<std::int64_t> calls;  // done, total, done, total, ...

void record(std::int64_t done, std::int64_t total) {
    std::lock_guard<std::mutex> lock(calls_mutex);
    calls.push_back(done);
    calls.push_back(total);
}

struct Observed {
    Observed() {
        calls.clear();
        set_scan_observer(&record);
    }
    ~Observed() { set_scan_observer(nullptr); }
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(scan_progress, Observed)

BOOST_AUTO_TEST_CASE(one_report_per_wave_ending_at_the_total) {
    // 10 blocks, waves of 2 x 2 blocks: reports after blocks 4, 8 and 10.
    const BlockPlan plan(1, 100, 10);
    struct Nothing {};
    scan_blocks<Nothing>(plan, 2, 2, [](std::int64_t, std::int64_t, Nothing&) {}, [](Nothing&) { return false; });
    BOOST_TEST(calls == (std::vector<std::int64_t>{4, 10, 8, 10, 10, 10}), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(an_early_stop_reports_the_scan_finished) {
    const BlockPlan plan(1, 1000, 10);
    const auto event = first_event<std::int64_t>(plan, 1, 1, [](std::int64_t from, std::int64_t) {
        return from >= 31 ? std::optional<std::int64_t>(from) : std::nullopt;
    });
    BOOST_TEST(*event == 31);
    // Blocks 1, 2 and 3 merged one wave each, then the stop at block 4 reports the scan done.
    BOOST_TEST(calls == (std::vector<std::int64_t>{1, 100, 2, 100, 3, 100, 100, 100}), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(no_observer_no_call) {
    set_scan_observer(nullptr);
    const BlockPlan plan(1, 100, 10);
    for_each_block(plan, 1, [](std::int64_t, std::int64_t) {});
    BOOST_TEST(calls.empty());
}

BOOST_AUTO_TEST_SUITE_END()
