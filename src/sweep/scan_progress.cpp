#include "ropecheck/sweep/scan_progress.hpp"

#include <atomic>

namespace ropecheck::sweep {

namespace {
std::atomic<ScanObserver> observer{nullptr};
}

void set_scan_observer(ScanObserver o) { observer.store(o, std::memory_order_release); }

void report_scan_progress(std::int64_t blocks_done, std::int64_t blocks_total) {
    if (const ScanObserver o = observer.load(std::memory_order_acquire)) o(blocks_done, blocks_total);
}

}  // namespace ropecheck::sweep
