#include "ropecheck/cli/progress_display.hpp"

#include <sys/ioctl.h>
#include <unistd.h>

#include <atomic>
#include <cmath>
#include <cstdio>
#include <ostream>

#include "ropecheck/cli/console_output.hpp"
#include "ropecheck/report/instance_text.hpp"
#include "ropecheck/sweep/scan_progress.hpp"

namespace ropecheck::cli {

namespace {

// The scan engine's observer is a plain function: it reaches the one display.
std::atomic<ProgressDisplay*> active{nullptr};

std::string duration_text(double seconds) {
    char buffer[32];
    if (!(seconds >= 0) || seconds > 1e7) return "?";
    if (seconds < 60) std::snprintf(buffer, sizeof buffer, "%.0f s", seconds);
    else if (seconds < 3600) std::snprintf(buffer, sizeof buffer, "%.0f min %02.0f s", std::floor(seconds / 60), std::floor(std::fmod(seconds, 60)));
    else std::snprintf(buffer, sizeof buffer, "%.1f h", seconds / 3600);
    return buffer;
}

std::string rate_text(double per_second) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, per_second >= 10 ? "%.0f/s" : "%.2f/s", per_second);
    return buffer;
}

// done/total, rate and the time the rest takes at that rate.
std::string pace(std::size_t done, std::size_t total, double elapsed) {
    std::string s = std::to_string(done) + "/" + std::to_string(total) + " inst";
    if (done == 0 || elapsed <= 0) return s + ", ETA ?";
    const double rate = static_cast<double>(done) / elapsed;
    return s + ", " + rate_text(rate) + ", ETA " + duration_text(static_cast<double>(total - done) / rate);
}

// The terminal's width, so that no line of the block wraps (a wrapped line
// would not be erased by the next redraw); 80 when unknown.
std::size_t terminal_columns() {
    winsize w{};
    if (::ioctl(STDOUT_FILENO, TIOCGWINSZ, &w) == 0 && w.ws_col > 10) return w.ws_col;
    return 80;
}

// At most `columns - 1` columns; `extra` is how many more bytes than columns
// the line's multi-byte characters take (the running-claim marker: 2).
std::string fitted(std::string line, std::size_t columns, std::size_t extra) {
    if (line.size() > columns - 1 + extra) line.resize(columns - 1 + extra);
    return line;
}

}  // namespace

ProgressDisplay::ProgressDisplay(std::ostream& out, bool live, Verbosity verbosity,
                                 const std::vector<core::PlannedClaim>& plan)
    : out_(out), live_(live && verbosity != Verbosity::quiet), verbosity_(verbosity), plan_(plan),
      start_(clock::now()), last_draw_(start_), done_(plan.size(), 0), claim_start_(plan.size(), start_),
      started_(plan.size(), false), finished_(plan.size(), false) {
    for (const auto& p : plan) total_instances_ += p.instances.size();
    if (live_) {
        active.store(this);
        sweep::set_scan_observer(&ProgressDisplay::on_scan);
    }
}

ProgressDisplay::~ProgressDisplay() {
    if (live_) {
        sweep::set_scan_observer(nullptr);
        active.store(nullptr);
    }
}

void ProgressDisplay::on_scan(std::int64_t blocks_done, std::int64_t blocks_total) {
    if (ProgressDisplay* d = active.load()) d->scan(blocks_done, blocks_total);
}

void ProgressDisplay::scan(std::int64_t blocks_done, std::int64_t blocks_total) {
    {
        std::lock_guard<std::mutex> lock(mutex_);
        if (blocks_done >= blocks_total) scans_.erase(std::this_thread::get_id());
        else scans_[std::this_thread::get_id()] = {blocks_done, blocks_total};
    }
    redraw(false);
}

void ProgressDisplay::instance_event(const core::InstanceEvent& e) {
    std::unique_lock<std::mutex> lock(mutex_);
    const auto now = clock::now();
    if (!e.result) {
        if (!started_[e.claim]) started_[e.claim] = true, claim_start_[e.claim] = now;
        running_[std::this_thread::get_id()] = e.claim;
        lock.unlock();
        redraw(false);
        return;
    }
    running_.erase(std::this_thread::get_id());
    scans_.erase(std::this_thread::get_id());
    done_[e.claim] = e.done;
    ++done_instances_;
    if (verbosity_ == Verbosity::verbose) {
        const core::PlannedClaim& p = plan_[e.claim];
        std::string run_id = p.spec ? p.spec->id : "?";
        if (p.variant == "negative") run_id += "/negative/" + p.negative;
        erase_block();
        char seconds[32];
        std::snprintf(seconds, sizeof seconds, "%.2f s", e.seconds);
        out_ << "      " << run_id << " instance " << e.instance << " ("
             << report::parameters_text(p.instances[e.instance].params.values()) << "): "
             << core::to_string(e.result->verdict) << ", " << seconds << '\n';
        draw_block();
        out_ << std::flush;
        return;
    }
    lock.unlock();
    redraw(false);
}

void ProgressDisplay::claim_done(const core::ClaimOutcome& c, double seconds) {
    std::lock_guard<std::mutex> lock(mutex_);
    ++claims_done_;
    for (std::size_t i = 0; i < plan_.size(); ++i) {
        const auto& p = plan_[i];
        std::string id = p.spec ? p.spec->id : "";
        if (p.variant == "negative") id += "/negative/" + p.negative;
        if (id == c.run_id) finished_[i] = true;
    }
    if (verbosity_ == Verbosity::quiet) return;
    erase_block();
    print_claim_line(out_, c, seconds);
    draw_block();
    last_draw_ = clock::now();
    out_ << std::flush;
}

void ProgressDisplay::finish() {
    std::lock_guard<std::mutex> lock(mutex_);
    erase_block();
    out_ << std::flush;
}

void ProgressDisplay::redraw(bool now) {
    if (!live_) return;
    std::lock_guard<std::mutex> lock(mutex_);
    const auto t = clock::now();
    // Ten frames a second at most: a terminal, not a log.
    if (!now && t - last_draw_ < std::chrono::milliseconds(100)) return;
    last_draw_ = t;
    erase_block();
    draw_block();
    out_ << std::flush;
}

void ProgressDisplay::erase_block() {
    if (!live_ || drawn_lines_ == 0) return;
    // To the start of the block's first line, then clear to the end of the screen.
    out_ << "\x1b[" << drawn_lines_ << "F\x1b[J";
    drawn_lines_ = 0;
}

void ProgressDisplay::draw_block() {
    if (!live_) return;
    const auto now = clock::now();
    const std::size_t columns = terminal_columns();
    for (std::size_t i = 0; i < plan_.size(); ++i) {
        if (!started_[i] || finished_[i]) continue;
        const auto& p = plan_[i];
        std::string id = p.spec ? p.spec->id : "?";
        if (p.variant == "negative") id += "/negative/" + p.negative;
        std::string line = "  \xE2\x96\xB8 " + id + "  " +
                           pace(done_[i], p.instances.size(), std::chrono::duration<double>(now - claim_start_[i]).count());
        // The scans its running instances are in, from the scan engine.
        for (const auto& [thread, claim] : running_) {
            if (claim != i) continue;
            const auto s = scans_.find(thread);
            if (s == scans_.end() || s->second.total <= 0) continue;
            char pct[32];
            std::snprintf(pct, sizeof pct, "%.0f%%", 100.0 * static_cast<double>(s->second.done) /
                                                         static_cast<double>(s->second.total));
            line += ", scan " + std::string(pct) + " of " + std::to_string(s->second.total) + " blocks";
        }
        out_ << fitted(line, columns, 2) << "\x1b[K\n";
        ++drawn_lines_;
    }
    out_ << fitted("  overall " +
                       pace(done_instances_, total_instances_, std::chrono::duration<double>(now - start_).count()) +
                       ", " + std::to_string(claims_done_) + "/" + std::to_string(plan_.size()) + " claims",
                   columns, 0)
         << "\x1b[K\n";
    ++drawn_lines_;
}

}  // namespace ropecheck::cli
