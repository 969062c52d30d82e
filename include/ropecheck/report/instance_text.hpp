#pragma once
// One instance as one line of text, shared by the Markdown, JUnit and console
// reports so that a failed instance reads the same everywhere:
//   instance 3 (head_dim=8, p=0.25): certified: <message>
#include <string>

#include "ropecheck/core/run_result.hpp"

namespace ropecheck::report {

// "head_dim=8, theta=10000": a grid point's axes in their JSON order, strings unquoted.
std::string parameters_text(const core::json& parameters);

std::string failed_instance_text(const core::FailedInstance& f);

// The instance verdicts of an outcome as "instance 0 refuted, instance 1 refuted, ...",
// read from its evidence (every instance, in order).
std::string instance_verdicts_text(const core::ClaimOutcome& c);

}  // namespace ropecheck::report
