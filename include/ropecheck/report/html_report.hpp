#pragma once
// report.html: one self-contained page (inline CSS and SVG; no script, font,
// stylesheet or network) for a person: the summary, the figures, then every
// claim with its evidence. Rendered from the report.json document alone, so it
// shows nothing report.json does not hold. Well-formed XML as well as HTML.
#include <string>

#include "ropecheck/core/parameters.hpp"

namespace ropecheck::report {

std::string html_report(const core::json& report);

// "replays/<run id, '/' as '_'>.json": where `ropecheck run` writes a claim's
// replay record, relative to the report directory.
std::string replay_file_name(const std::string& run_id);

}  // namespace ropecheck::report
