#pragma once
// report.md: the human-readable summary. Like report.json without timing it
// holds no wall-clock figures, so it can be diffed between runs.
#include <string>

#include "ropecheck/core/run_result.hpp"

namespace ropecheck::report {

std::string markdown_report(const core::RunResult& run);

}  // namespace ropecheck::report
