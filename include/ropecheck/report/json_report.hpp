#pragma once
// report.json: the machine-readable record of a run (schema in reports/README.md).
// Everything outside the optional "timing" object is a function of the run's
// decisions alone, so two runs with the same seed compare byte for byte.
#include <string>

#include "ropecheck/core/run_result.hpp"

namespace ropecheck::report {

// Bumped whenever a key is renamed, removed or changes meaning; adding a key
// at the end of an object does not bump it.
// 2: named negative controls ("negative", run ids "<id>/negative/<name>") and
//    "failed_instances"; a negative is refuted only when every instance is.
// 3: "finding" entries (audit --report-dir) and summary.findings.
// 4: "provenance" after "tool"; thm-6.1's evidence gains break_distance_by_channel.
inline constexpr int report_schema_version = 4;

core::json report_json(const core::RunResult& run, bool include_timing = true);

// Indented by 2, ending in a newline. Invalid UTF-8 in any string is replaced
// by U+FFFD rather than failing the whole report.
std::string report_json_text(const core::RunResult& run, bool include_timing = true);

}  // namespace ropecheck::report
