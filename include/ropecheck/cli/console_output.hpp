#pragma once
// What `ropecheck run` prints on the terminal: one aligned line per claim as it
// completes, then a summary table and a count per verdict.
#include <iosfwd>

#include "ropecheck/core/run_result.hpp"

namespace ropecheck::cli {

void print_claim_line(std::ostream& out, const core::ClaimOutcome& outcome, double seconds);
void print_summary(std::ostream& out, const core::RunResult& run);

}  // namespace ropecheck::cli
