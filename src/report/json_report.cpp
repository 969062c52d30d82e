#include "ropecheck/report/json_report.hpp"

#include "ropecheck/report/verdict_counts.hpp"

namespace ropecheck::report {

using core::json;

namespace {

json verdict_counts(const std::map<std::string, std::size_t>& counts) {
    json out = json::object();
    for (const auto& [name, n] : ordered_verdict_counts(counts)) out[name] = n;
    return out;
}

// The value, or null when there is none.
template <class T>
json nullable(const std::optional<T>& value) {
    return value ? json(*value) : json(nullptr);
}

json margin_json(const core::ClaimOutcome& c) {
    if (!c.smallest_margin) return nullptr;
    const core::Margin& m = *c.smallest_margin;
    json out = json::object();
    out["lower"] = m.lower;
    out["upper"] = m.upper;
    out["where"] = m.where;
    out["instance"] = nullable(c.smallest_margin_instance);
    out["parameters"] = c.smallest_margin_parameters;
    return out;
}

json counterexample_json(const core::ClaimOutcome& c) {
    if (!c.counterexample) return nullptr;
    const core::Counterexample& ce = *c.counterexample;
    json inputs = json::array();
    for (const auto& [name, value] : ce.inputs) {
        json input = json::object();
        input["name"] = name;
        input["value"] = value;
        inputs.push_back(std::move(input));
    }
    json out = json::object();
    out["kind"] = ce.kind;
    out["instance"] = nullable(c.counterexample_instance);
    out["parameters"] = c.counterexample_parameters;
    out["inputs"] = std::move(inputs);
    out["claimed"] = ce.claimed;
    out["computed"] = ce.computed;
    out["replay"] = ce.replay;
    return out;
}

json failed_instances_json(const core::ClaimOutcome& c) {
    json out = json::array();
    for (const core::FailedInstance& f : c.failed_instances) {
        json e = json::object();
        e["instance"] = f.index;
        e["parameters"] = f.parameters;
        e["verdict"] = core::to_string(f.verdict);
        e["message"] = f.message;
        out.push_back(std::move(e));
    }
    return out;
}

json claim_json(const core::ClaimOutcome& c) {
    json out = json::object();
    out["run_id"] = c.run_id;
    out["id"] = c.claim_id;
    out["variant"] = c.variant;
    out["negative"] = c.variant == "negative" ? json(c.negative) : json(nullptr);
    out["title"] = c.title;
    out["source"] = c.source;
    out["statement"] = c.statement;
    out["check"] = c.check;
    out["precision_bits"] = c.precision_bits;
    // A finding carries its verdict only: it had no expectation to meet.
    if (!c.is_finding()) out["expected"] = core::to_string(c.expected);
    out["actual"] = core::to_string(c.actual);
    if (!c.is_finding()) out["ok"] = c.ok;
    out["instances"] = c.instances;
    out["verdict_counts"] = verdict_counts(c.verdict_counts);
    out["message"] = c.message;
    out["smallest_margin"] = margin_json(c);
    out["counterexample"] = counterexample_json(c);
    out["failed_instances"] = failed_instances_json(c);
    out["evidence"] = c.evidence;
    return out;
}

json run_json(const core::RunParameters& p) {
    return {{"profile", p.profile},
            {"claims", p.claim_globs},
            {"seed", p.seed},
            {"precision_override", nullable(p.precision_override)}};
}

json summary_json(const core::RunResult& run) {
    std::size_t ok = 0, findings = 0;
    for (const auto& c : run.claims) {
        if (c.ok) ++ok;
        if (c.is_finding()) ++findings;
    }
    json out = json::object();
    out["claims"] = run.claims.size();
    out["findings"] = findings;
    out["ok"] = ok;
    out["mismatched"] = run.claims.size() - ok;
    out["all_ok"] = run.all_ok();
    out["verdicts"] = verdict_counts(run.verdict_totals());
    return out;
}

// Claims in run order, so the timing lines up with the "claims" array; any
// entry not matching a claim follows in key order.
json timing_json(const core::Timing& t, const std::vector<core::ClaimOutcome>& claims) {
    json seconds = json::object();
    for (const auto& c : claims) {
        const auto it = t.claim_seconds.find(c.run_id);
        if (it != t.claim_seconds.end()) seconds[c.run_id] = it->second;
    }
    for (const auto& [run_id, s] : t.claim_seconds)
        if (!seconds.contains(run_id)) seconds[run_id] = s;
    json out = json::object();
    out["jobs"] = t.jobs;
    out["total_seconds"] = t.total_seconds;
    out["claims"] = std::move(seconds);
    return out;
}

}  // namespace

json report_json(const core::RunResult& run, bool include_timing) {
    json tool = json::object();
    tool["name"] = "ropecheck";
    tool["version"] = run.tool_version;

    json claims = json::array();
    for (const auto& c : run.claims) claims.push_back(claim_json(c));

    json doc = json::object();
    doc["schema"] = "ropecheck-report";
    doc["schema_version"] = report_schema_version;
    doc["tool"] = std::move(tool);
    doc["provenance"] = run.provenance;
    doc["run"] = run_json(run.parameters);
    doc["summary"] = summary_json(run);
    doc["claims"] = std::move(claims);
    if (include_timing) doc["timing"] = timing_json(run.timing, run.claims);
    return doc;
}

std::string report_json_text(const core::RunResult& run, bool include_timing) {
    return report_json(run, include_timing).dump(2, ' ', false, json::error_handler_t::replace) +
           "\n";
}

}  // namespace ropecheck::report
