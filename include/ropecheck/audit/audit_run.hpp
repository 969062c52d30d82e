#pragma once
// One audit of a model: every finding check that applies to each layer group,
// planned as findings (core::plan_finding) and decided by the runner, so the
// result is a core::RunResult the suite's report writers take as they are.
// Run ids are "group-G/CHECK" (G 0-based, in order of first layer), and
// "group-G/float-collision/DTYPE".
#include <deque>
#include <memory>
#include <string>
#include <vector>

#include "ropecheck/audit/finding_check.hpp"
#include "ropecheck/core/claim_spec.hpp"
#include "ropecheck/core/run_result.hpp"
#include "ropecheck/model/layer_groups.hpp"

namespace ropecheck::audit {

struct AuditFinding {
    int group = 0;
    std::string label;               // "thm-6.1", "float-collision/bfloat16"
    const core::ClaimOutcome* outcome = nullptr;
};

struct AuditRun {
    model::ModelLayout layout;
    std::shared_ptr<const AuditSubject> subject;
    std::vector<std::unique_ptr<FindingCheck>> checks;
    std::deque<core::ClaimSpec> specs;  // the plan points into these
    core::RunResult result;
    std::vector<AuditFinding> findings;  // in result order

    // The findings of one group, in report order.
    std::vector<const AuditFinding*> of_group(int group) const;
    // The evidence of a group's finding (null when it did not apply or erred).
    core::json evidence(int group, const std::string& label) const;
};

// "0-4, 6, 8-11": a group's layers compressed into runs (the findings' source lines).
std::string layer_list(const std::vector<int>& layers);

// `config_name` is the config file's name, for the findings' source lines.
std::unique_ptr<AuditRun> run_audit(model::ModelLayout layout, const FindingLimits& limits, int jobs,
                                    const std::string& config_name, const std::string& tool_version);

}  // namespace ropecheck::audit
