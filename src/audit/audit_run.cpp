#include "ropecheck/audit/audit_run.hpp"

#include "ropecheck/core/runner.hpp"

namespace ropecheck::audit {
namespace {

constexpr unsigned audit_precision_bits = 128;

}  // namespace

std::string layer_list(const std::vector<int>& layers) {
    std::string out;
    for (std::size_t i = 0; i < layers.size();) {
        std::size_t j = i;
        while (j + 1 < layers.size() && layers[j + 1] == layers[j] + 1) ++j;
        if (!out.empty()) out += ", ";
        out += std::to_string(layers[i]);
        if (j > i) {  // two appends: GCC 12's -Wrestrict misreads "-" + to_string(...)
            out += '-';
            out += std::to_string(layers[j]);
        }
        i = j + 1;
    }
    return out;
}

std::vector<const AuditFinding*> AuditRun::of_group(int group) const {
    std::vector<const AuditFinding*> out;
    for (const auto& f : findings)
        if (f.group == group) out.push_back(&f);
    return out;
}

core::json AuditRun::evidence(int group, const std::string& label) const {
    for (const auto& f : findings) {
        if (f.group != group || f.label != label) continue;
        const core::json& e = f.outcome->evidence;
        if (e.empty() || !e.front().contains("evidence")) return nullptr;
        return e.front().at("evidence");
    }
    return nullptr;
}

std::unique_ptr<AuditRun> run_audit(model::ModelLayout layout, const FindingLimits& limits, int jobs,
                                    const std::string& config_name, const std::string& tool_version) {
    auto run = std::make_unique<AuditRun>();
    auto subject = std::make_shared<AuditSubject>();
    subject->groups = layout.groups;
    subject->limits = limits;
    run->subject = subject;
    run->layout = std::move(layout);
    run->checks = make_finding_checks(subject);

    std::vector<core::PlannedClaim> plan;
    std::vector<std::pair<int, std::string>> labels;
    for (int g = 0; g < static_cast<int>(subject->groups.size()); ++g) {
        const model::LayerGroup& group = subject->groups[static_cast<std::size_t>(g)];
        for (const auto& check : run->checks) {
            if (!check->applies_to(group)) continue;
            for (core::Parameters& params : check->instances_for(g)) {
                const std::string label = check->label(params);
                core::ClaimSpec& spec = run->specs.emplace_back();
                spec.id = "group-" + std::to_string(g) + "/" + label;
                spec.title = check->title();
                spec.source = config_name + ", layers " + layer_list(group.layers) + " (" + group.layer_type + ")";
                spec.statement = check->statement();
                spec.check = check->name();
                spec.precision_bits = audit_precision_bits;
                plan.push_back(core::plan_finding(spec, *check, std::move(params)));
                labels.emplace_back(g, label);
            }
        }
    }
    core::RunParameters parameters;
    parameters.profile = "audit";
    run->result = core::run_plan(plan, parameters, jobs);
    run->result.tool_version = tool_version;
    for (std::size_t i = 0; i < labels.size(); ++i)
        run->findings.push_back({labels[i].first, labels[i].second, &run->result.claims[i]});
    return run;
}

}  // namespace ropecheck::audit
