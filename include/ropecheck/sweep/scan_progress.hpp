#pragma once
// How far the scan engine's running scans have got, for a progress display:
// every scan_blocks loop reports after each wave it merged (never per probe,
// never per distance). No observer is set by default; reporting then costs one
// atomic load per wave.
#include <cstdint>

namespace ropecheck::sweep {

// blocks_done of blocks_total blocks of the scan running on the calling thread
// (the same thread calls it again for the same scan until blocks_done ==
// blocks_total or the scan stops early).
using ScanObserver = void (*)(std::int64_t blocks_done, std::int64_t blocks_total);

// Sets the process-wide observer (nullptr: none). It is called on the scanning
// threads, concurrently, and must be thread-safe and cheap.
void set_scan_observer(ScanObserver observer);

// Called by the scan engine.
void report_scan_progress(std::int64_t blocks_done, std::int64_t blocks_total);

}  // namespace ropecheck::sweep
