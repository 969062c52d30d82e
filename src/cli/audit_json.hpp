#pragma once
// The JSON view of an audit: schema ropecheck-audit, version 3 (reports/README.md).
#include <string>

#include "ropecheck/audit/audit_run.hpp"
#include "ropecheck/core/parameters.hpp"

namespace ropecheck::cli {

inline constexpr int audit_schema_version = 4;

core::json audit_json(const audit::AuditRun& run, const std::string& config_name, const audit::FindingLimits& limits);

// The schedule of a group as the JSON view and the text view print it.
core::json schedule_json(const model::LayerGroup& group);

}  // namespace ropecheck::cli
