#pragma once
// report.md: the human-readable summary. Like report.json without timing it
// holds no wall-clock figures, so it can be diffed between runs.
#include <string>

#include "ropecheck/core/run_result.hpp"

namespace ropecheck::report {

std::string markdown_report(const core::RunResult& run);

// Text as one Markdown table cell or list item: what would split a cell or start inline markup
// is backslash-escaped, line breaks are folded.
std::string inline_text(const std::string& text);

}  // namespace ropecheck::report
