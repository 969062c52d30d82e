#pragma once
// Two report.json documents compared claim by claim (by run id): what CI needs
// to gate on a change of the suite's results, not only on its pass/fail.
#include <optional>
#include <string>
#include <vector>

#include "ropecheck/core/parameters.hpp"

namespace ropecheck::report {

struct ClaimChange {
    std::string run_id;
    std::string kind;    // "added", "removed", "verdict", "margin"
    std::string before;  // the old verdict or margin lower bound ("" when added)
    std::string after;   // the new one ("" when removed)
    bool regression = false;
    std::string why;     // what makes it a regression, or what changed
};

struct ReportDiff {
    std::size_t old_claims = 0, new_claims = 0;
    std::vector<ClaimChange> changes;  // in the new report's order, removed ones last
    bool regressed() const;
};

// Throws std::invalid_argument naming what is wrong when `doc` is not a
// ropecheck report (schema "ropecheck-report" with a "claims" array of entries
// with a "run_id").
void validate_report_document(const core::json& doc);

// A regression: a claim removed, a claim that met its expectation and no longer
// does, or whose smallest margin's lower bound fell by more than `tolerance`
// relative to the old one (|old| * tolerance; an exact comparison at 0). A
// verdict that changed but still meets the expectation, a claim added, and a
// margin that grew are changes, not regressions.
ReportDiff diff_reports(const core::json& old_report, const core::json& new_report, double tolerance);

}  // namespace ropecheck::report
