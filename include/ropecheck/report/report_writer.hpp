#pragma once
// Writes report.json, junit.xml, report.md, report.html and the figures' SVG
// files into one directory as a set: nothing is renamed into place until all
// are fully on disk.
#include <filesystem>
#include <string>
#include <vector>

#include "ropecheck/core/run_result.hpp"

namespace ropecheck::report {

// {"report.json", "junit.xml", "report.md", "report.html"}, in the order they are
// written; the figures (<id>.svg, report_figures.hpp) follow them.
std::vector<std::string> report_file_names();

// Creates `dir` if missing. On any failure removes every temporary it made and
// throws std::runtime_error; an earlier report in `dir` is then left untouched.
void write_reports(const core::RunResult& run, const std::filesystem::path& dir);

}  // namespace ropecheck::report
