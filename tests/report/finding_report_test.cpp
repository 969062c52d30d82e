// Findings (audit --report-dir) in every report: no expectation, so no
// "expected"/"ok" in report.json, a passing JUnit testcase unless the finding
// erred, "— (finding)" in report.md's table. A refuted finding is an answer.
#include <boost/test/unit_test.hpp>

#include <string>

#include "ropecheck/report/json_report.hpp"
#include "ropecheck/report/junit_report.hpp"
#include "ropecheck/report/markdown_report.hpp"

namespace core = ropecheck::core;


namespace {

core::ClaimOutcome finding(const std::string& run_id, core::Verdict actual) {
    core::ClaimOutcome c;
    c.claim_id = run_id;
    c.run_id = run_id;
    c.variant = "finding";
    c.title = "title of " + run_id;
    c.check = "thm-6.1";
    c.precision_bits = 128;
    c.actual = actual;
    c.ok = actual != core::Verdict::error;  // as the runner folds a finding
    c.instances = 1;
    c.verdict_counts[core::to_string(actual)] = 1;
    c.message = "message of " + run_id;
    c.evidence = core::json::array({core::json::object()});
    return c;
}

core::RunResult audit_run(bool with_error) {
    core::RunResult run;
    run.tool_version = "0.1.0";
    run.parameters.profile = "audit";
    run.claims.push_back(finding("group-0/thm-6.1", core::Verdict::refuted));
    run.claims.push_back(finding("group-1/thm-6.1", core::Verdict::certified));
    if (with_error) run.claims.push_back(finding("group-2/thm-6.1", core::Verdict::error));
    return run;
}

std::size_t count(const std::string& text, const std::string& what) {
    std::size_t n = 0;
    for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
    return n;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(finding_reports)

BOOST_AUTO_TEST_CASE(json_carries_the_verdict_without_expectation) {
    const core::json doc = ropecheck::report::report_json(audit_run(false));
    for (const auto& c : doc.at("claims")) {
        BOOST_TEST(c.at("variant") == "finding");
        BOOST_TEST(!c.contains("expected"));
        BOOST_TEST(!c.contains("ok"));
    }
    BOOST_TEST(doc.at("claims").at(0).at("actual") == "refuted");
    BOOST_TEST(doc.at("summary").at("findings") == 2);
    BOOST_TEST(doc.at("summary").at("ok") == 2);
    BOOST_TEST(doc.at("summary").at("all_ok") == true);  // a refuted finding is an answer
    const core::json erred = ropecheck::report::report_json(audit_run(true));
    BOOST_TEST(erred.at("summary").at("ok") == 2);
    BOOST_TEST(erred.at("summary").at("mismatched") == 1);
    BOOST_TEST(erred.at("summary").at("all_ok") == false);
}

BOOST_AUTO_TEST_CASE(junit_fails_only_an_erred_finding) {
    const std::string ok = ropecheck::report::junit_xml(audit_run(false));
    BOOST_TEST(count(ok, "<failure") == 0u);
    BOOST_TEST(count(ok, "<error") == 0u);
    BOOST_TEST(ok.find("verdict: refuted (a finding: no expected verdict)") != std::string::npos);
    const std::string erred = ropecheck::report::junit_xml(audit_run(true));
    BOOST_TEST(count(erred, "<failure") == 0u);
    BOOST_TEST(count(erred, "<error ") == 1u);
    BOOST_TEST(erred.find("message=\"finding got error: message of group-2/thm-6.1\"") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(markdown_marks_findings) {
    const std::string md = ropecheck::report::markdown_report(audit_run(true));
    BOOST_TEST(count(md, "— (finding)") == 3u);
    BOOST_TEST(md.find("for the 3 findings (no expected verdict), did not err") != std::string::npos);
    BOOST_TEST(md.find("finding, got error") != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()
