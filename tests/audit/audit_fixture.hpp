#pragma once
// Test support for the finding checks: a real config's layer groups, the checks
// asked about one of them (possibly perturbed), at the audit's 128 bits.
#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include "ropecheck/audit/finding_check.hpp"
#include "ropecheck/core/runner.hpp"
#include "ropecheck/model/layer_groups.hpp"
#include "ropecheck/numeric/precision_guard.hpp"

namespace audit_test {

using namespace ropecheck;

inline const std::filesystem::path config_dir = std::filesystem::path(ROPECHECK_SOURCE_DIR) / "tests" / "data" / "configs";

inline model::ModelLayout layout_of(const std::string& file, std::optional<std::int64_t> context = std::nullopt) {
    return model::load_model_layout(config_dir / file, context);
}

// The first group matching `pred`.
template <class Pred>
int group_where(const model::ModelLayout& m, Pred pred) {
    for (std::size_t i = 0; i < m.groups.size(); ++i)
        if (pred(m.groups[i])) return static_cast<int>(i);
    throw std::runtime_error("no such group");
}

// Asks check `name` about group `g` of `groups`, through the runner as the audit
// does (plan_finding, run_plan); `max_distance` and `dtype` override the group's own.
inline core::ClaimOutcome ask(const std::vector<model::LayerGroup>& groups, const std::string& name, int g,
                              std::optional<std::int64_t> max_distance = std::nullopt,
                              const std::string& dtype = "") {
    auto subject = std::make_shared<audit::AuditSubject>();
    subject->groups = groups;
    const auto checks = audit::make_finding_checks(subject);
    for (const auto& check : checks) {
        if (check->name() != name) continue;
        core::json values = check->instances_for(g).front().values();
        if (max_distance) values["max_distance"] = *max_distance;
        if (!dtype.empty()) values["dtype"] = dtype;
        core::ClaimSpec spec;
        spec.id = "group-" + std::to_string(g) + "/" + name;
        spec.check = name;
        spec.precision_bits = 128;
        std::vector<core::PlannedClaim> plan{core::plan_finding(spec, *check, core::Parameters(values))};
        core::RunParameters parameters;
        parameters.profile = "audit";
        return core::run_plan(plan, parameters, 1).claims.front();
    }
    throw std::runtime_error("no finding check " + name);
}

// The verdict's name, for BOOST_TEST messages.
inline std::string verdict(const core::ClaimOutcome& c) { return core::to_string(c.actual); }

// The evidence of a finding's one instance.
inline const core::json& evidence_of(const core::ClaimOutcome& c) { return c.evidence.front().at("evidence"); }

}  // namespace audit_test
