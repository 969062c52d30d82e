#pragma once
// What `ropecheck run` shows while it runs. On a terminal (live): the claim
// lines as today and, below them, a block redrawn in place — one line per
// running claim (instances done/total, rate, ETA, and how far its current scan
// has got) and an overall line. Otherwise (a pipe, a CI log): plain lines only,
// never a carriage return or an escape code. Quiet: nothing until the summary.
// Verbose: also one plain line per instance as it is decided.
#include <chrono>
#include <cstdint>
#include <iosfwd>
#include <map>
#include <mutex>
#include <thread>
#include <vector>

#include "ropecheck/core/runner.hpp"

namespace ropecheck::cli {

enum class Verbosity { quiet, normal, verbose };

class ProgressDisplay {
public:
    ProgressDisplay(std::ostream& out, bool live, Verbosity verbosity, const std::vector<core::PlannedClaim>& plan);
    ~ProgressDisplay();  // stops observing the scan engine
    ProgressDisplay(const ProgressDisplay&) = delete;
    ProgressDisplay& operator=(const ProgressDisplay&) = delete;

    void instance_event(const core::InstanceEvent& e);
    void claim_done(const core::ClaimOutcome& c, double seconds);
    // Clears the live block: the summary follows.
    void finish();

private:
    using clock = std::chrono::steady_clock;
    static void on_scan(std::int64_t blocks_done, std::int64_t blocks_total);
    void scan(std::int64_t blocks_done, std::int64_t blocks_total);
    void erase_block();   // with mutex_ held
    void draw_block();    // with mutex_ held
    void redraw(bool now);

    std::ostream& out_;
    bool live_;
    Verbosity verbosity_;
    const std::vector<core::PlannedClaim>& plan_;
    std::mutex mutex_;
    clock::time_point start_, last_draw_;
    std::size_t total_instances_ = 0, done_instances_ = 0, claims_done_ = 0;
    std::vector<std::size_t> done_;                 // per claim
    std::vector<clock::time_point> claim_start_;    // per claim, when its first instance started
    std::vector<bool> started_, finished_;
    std::map<std::thread::id, std::size_t> running_;  // thread -> claim it runs
    struct Scan {
        std::int64_t done = 0, total = 0;
    };
    std::map<std::thread::id, Scan> scans_;
    std::size_t drawn_lines_ = 0;
};

}  // namespace ropecheck::cli
