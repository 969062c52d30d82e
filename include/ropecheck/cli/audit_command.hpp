#pragma once
// `ropecheck audit --config FILE`: a model's layer groups asked the suite's
// questions (audit/audit_run.hpp), printed as text or JSON (schema
// ropecheck-audit, reports/README.md) and, with --report-dir, written as the
// suite's reports (report.json, junit.xml, report.md).
#include <cstdint>
#include <filesystem>
#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

namespace ropecheck::cli {

struct AuditOptions {
    std::filesystem::path config;
    std::optional<std::int64_t> context;  // default: max_position_embeddings
    std::string format = "text";          // text | json
    std::optional<std::filesystem::path> report_dir;
    // Check names ("thm-6.1") or finding labels ("float-collision/bfloat16"):
    // exit 1 when one of them is refuted for some group.
    std::vector<std::string> fail_on;
    std::int64_t base_bound_budget = std::int64_t{1} << 23;  // audit::FindingLimits::base_bound_budget
    int jobs = 0;                                            // 0: every core
    // --precision-slips: what each pipeline-variant preset does within the context
    // (audit/precision_slips.hpp), after the groups (text) or as "precision_slips" (JSON).
    bool precision_slips = false;
};

// exit_ok when the audit completes (a finding is not an expectation); exit 1
// when a --fail-on check is refuted for some group or a finding erred.
int audit_command(const AuditOptions& options, std::ostream& out);

}  // namespace ropecheck::cli
