#include "ropecheck/report/junit_report.hpp"

#include <cmath>
#include <cstdio>

#include "ropecheck/report/instance_text.hpp"
#include "ropecheck/report/verdict_counts.hpp"
#include "ropecheck/report/xml_escape.hpp"

namespace ropecheck::report {

namespace {

// JUnit consumers reject negative or non-numeric times, so anything odd is 0.
std::string seconds_text(double seconds) {
    if (!std::isfinite(seconds) || seconds < 0) seconds = 0;
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%.3f", seconds);
    return buffer;
}

bool is_error(const core::ClaimOutcome& c) { return !c.ok && c.actual == core::Verdict::error; }
bool is_failure(const core::ClaimOutcome& c) { return !c.ok && c.actual != core::Verdict::error; }

std::string attribute(const std::string& name, const std::string& value) {
    return " " + name + "=\"" + escape_xml_attribute(value) + "\"";
}

std::string property(const std::string& name, const std::string& value) {
    return "      <property" + attribute("name", name) + attribute("value", value) + "/>\n";
}

std::string properties(const core::RunResult& run) {
    const core::RunParameters& p = run.parameters;
    std::string globs;
    for (const auto& g : p.claim_globs) globs += (globs.empty() ? "" : " ") + g;
    std::string out = "    <properties>\n";
    out += property("tool_version", run.tool_version);
    out += property("profile", p.profile);
    out += property("claims", globs);
    out += property("seed", std::to_string(p.seed));
    out += property("precision_override",
                    p.precision_override ? std::to_string(*p.precision_override) : "none");
    for (const auto& [name, value] : run.provenance.items())
        out += property("provenance." + name, value.is_string() ? value.get<std::string>() : value.dump());
    out += "    </properties>\n";
    return out;
}

// What a CI page shows under the failure: the counterexample when there is one
// (with its replay record, so it can be pasted into `ropecheck replay`),
// otherwise the deciding instance's message.
std::string failure_body(const core::ClaimOutcome& c) {
    std::string body;
    if (!c.failed_instances.empty()) {
        body += std::to_string(c.failed_instances.size()) + " of " + std::to_string(c.instances) + " instances failed:\n";
        for (const auto& f : c.failed_instances) body += failed_instance_text(f) + "\n";
    }
    if (!c.counterexample) return body.empty() ? c.message : body;
    const core::Counterexample& ce = *c.counterexample;
    body += "counterexample: " + ce.kind + "\n";
    for (const auto& [name, value] : ce.inputs) body += name + " = " + value + "\n";
    body += "claimed: " + ce.claimed + "\n";
    body += "computed: " + ce.computed + "\n";
    body += "replay: " + ce.replay.dump(-1, ' ', false, core::json::error_handler_t::replace);
    return body;
}

std::string system_out(const core::ClaimOutcome& c) {
    std::string text = "claim: " + c.title + "\n";
    text += "source: " + c.source + "\n";
    text += "verdict: " + core::to_string(c.actual) +
            (c.is_finding() ? std::string(" (a finding: no expected verdict)")
                            : " (expected " + core::to_string(c.expected) + ")") +
            "\n";
    text += "instances: " + std::to_string(c.instances) + "\n";
    text += "instance verdicts: " + verdict_counts_text(c.verdict_counts) + "\n";
    // A negative control is a test of the check, instance by instance.
    if (c.variant == "negative") text += "each instance: " + instance_verdicts_text(c) + "\n";
    return text;
}

std::string testcase(const core::ClaimOutcome& c, const core::Timing& timing) {
    const auto t = timing.claim_seconds.find(c.run_id);
    std::string out = "    <testcase" + attribute("classname", "ropecheck." + c.claim_id) +
                      attribute("name", c.run_id) +
                      attribute("time", seconds_text(t == timing.claim_seconds.end() ? 0 : t->second)) +
                      ">\n";
    if (!c.ok) {
        const std::string element = is_error(c) ? "error" : "failure";
        const std::string type = is_error(c) ? "check-error" : "verdict-mismatch";
        const std::string message =
            (c.is_finding() ? std::string("finding ") : "expected " + core::to_string(c.expected) + ", ") + "got " +
            core::to_string(c.actual) + ": " + c.message;
        out += "      <" + element + attribute("message", message) + attribute("type", type) + ">" +
               escape_xml_text(failure_body(c)) + "</" + element + ">\n";
    }
    out += "      <system-out>" + escape_xml_text(system_out(c)) + "</system-out>\n";
    out += "    </testcase>\n";
    return out;
}

}  // namespace

std::string junit_xml(const core::RunResult& run) {
    std::size_t failures = 0, errors = 0;
    for (const auto& c : run.claims) {
        if (is_failure(c)) ++failures;
        if (is_error(c)) ++errors;
    }
    const std::string counts = attribute("tests", std::to_string(run.claims.size())) +
                               attribute("failures", std::to_string(failures)) +
                               attribute("errors", std::to_string(errors)) +
                               attribute("time", seconds_text(run.timing.total_seconds));

    std::string xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
    xml += "<testsuites" + attribute("name", "ropecheck") + counts + ">\n";
    xml += "  <testsuite" + attribute("name", "ropecheck") + counts + ">\n";
    xml += properties(run);
    for (const auto& c : run.claims) xml += testcase(c, run.timing);
    xml += "  </testsuite>\n";
    xml += "</testsuites>\n";
    return xml;
}

}  // namespace ropecheck::report
