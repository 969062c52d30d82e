#pragma once
// The text view of an audit: the model, then each layer group with its
// schedule, its channels' break distances and its findings.
#include <string>

#include "ropecheck/audit/audit_run.hpp"

namespace ropecheck::cli {

std::string audit_text(const audit::AuditRun& run, const std::string& config_name, unsigned precision_bits);

}  // namespace ropecheck::cli
