#include <boost/test/unit_test.hpp>

#include <string>
#include <vector>

#include "ropecheck/report/json_report.hpp"

namespace ropecheck::report::test {
core::RunResult sample_run();
}

using ropecheck::core::json;
using namespace ropecheck::report;

namespace {

std::vector<std::string> keys(const json& object) {
    std::vector<std::string> names;
    for (const auto& item : object.items()) names.push_back(item.key());
    return names;
}

using Keys = std::vector<std::string>;

}  // namespace

BOOST_AUTO_TEST_SUITE(json_report)

BOOST_AUTO_TEST_CASE(schema_header_and_key_order) {
    const json doc = report_json(test::sample_run());
    BOOST_TEST(doc.at("schema") == "ropecheck-report");
    BOOST_TEST(doc.at("schema_version") == 4);
    BOOST_TEST(report_schema_version == 4);
    BOOST_TEST(keys(doc) ==
                   (Keys{"schema", "schema_version", "tool", "provenance", "run", "summary", "claims", "timing"}),
               boost::test_tools::per_element());
    BOOST_TEST(keys(doc.at("tool")) == (Keys{"name", "version"}), boost::test_tools::per_element());
    BOOST_TEST(doc.at("tool").at("name") == "ropecheck");
    BOOST_TEST(doc.at("tool").at("version") == "0.1.0");
    BOOST_TEST(keys(doc.at("run")) == (Keys{"profile", "claims", "seed", "precision_override"}),
               boost::test_tools::per_element());
    BOOST_TEST(keys(doc.at("summary")) ==
                   (Keys{"claims", "findings", "ok", "mismatched", "all_ok", "verdicts"}),
               boost::test_tools::per_element());
    BOOST_TEST(keys(doc.at("timing")) == (Keys{"jobs", "total_seconds", "claims"}),
               boost::test_tools::per_element());

    const Keys claim_keys{"run_id",   "id",       "variant",  "negative", "title",          "source",
                          "statement", "check",   "precision_bits", "expected", "actual",
                          "ok",        "instances", "verdict_counts", "message",
                          "smallest_margin", "counterexample", "failed_instances", "evidence"};
    BOOST_REQUIRE_EQUAL(doc.at("claims").size(), 6u);
    for (const json& claim : doc.at("claims"))
        BOOST_TEST(keys(claim) == claim_keys, boost::test_tools::per_element());

    const json& margin = doc.at("claims").at(0).at("smallest_margin");
    BOOST_TEST(keys(margin) == (Keys{"lower", "upper", "where", "instance", "parameters"}),
               boost::test_tools::per_element());
    const json& ce = doc.at("claims").at(1).at("counterexample");
    BOOST_TEST(keys(ce) == (Keys{"kind", "instance", "parameters", "inputs", "claimed", "computed",
                                 "replay"}),
               boost::test_tools::per_element());
    BOOST_TEST(keys(ce.at("inputs").at(0)) == (Keys{"name", "value"}),
               boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(run_parameters) {
    auto run = test::sample_run();
    json doc = report_json(run);
    BOOST_TEST(doc["run"]["profile"] == "ci");
    BOOST_TEST(doc["run"]["claims"] == json::array({"prop-*", "thm-*"}));
    BOOST_TEST(doc["run"]["seed"].is_number_integer());
    BOOST_TEST(doc["run"]["seed"] == 42);
    BOOST_TEST(doc["run"]["precision_override"].is_null());

    run.parameters.precision_override = 512;
    run.parameters.seed = 18446744073709551615ull;  // the full uint64 range survives
    doc = report_json(run);
    BOOST_TEST(doc["run"]["precision_override"] == 512);
    BOOST_TEST(doc["run"]["seed"].get<std::uint64_t>() == 18446744073709551615ull);
}

BOOST_AUTO_TEST_CASE(summary_counts_match_the_claims) {
    auto run = test::sample_run();
    json summary = report_json(run).at("summary");
    BOOST_TEST(summary["claims"] == 6);
    BOOST_TEST(summary["ok"] == 2);
    BOOST_TEST(summary["mismatched"] == 4);
    BOOST_TEST(summary["all_ok"] == false);
    // Fixed verdict order, zero counts (holds) omitted.
    BOOST_TEST(keys(summary["verdicts"]) == (Keys{"certified", "refuted", "inconclusive", "error"}),
               boost::test_tools::per_element());
    BOOST_TEST(summary["verdicts"]["certified"] == 2);  // the claim and the escaped negative
    BOOST_TEST(summary["verdicts"]["refuted"] == 2);
    BOOST_TEST(summary["verdicts"]["inconclusive"] == 1);
    BOOST_TEST(summary["verdicts"]["error"] == 1);

    run.claims.resize(2);  // only the passing claim and its negative control
    summary = report_json(run).at("summary");
    BOOST_TEST(summary["ok"] == 2);
    BOOST_TEST(summary["mismatched"] == 0);
    BOOST_TEST(summary["all_ok"] == true);
}

BOOST_AUTO_TEST_CASE(claim_fields) {
    const json claims = report_json(test::sample_run()).at("claims");
    const json& certified = claims.at(0);
    BOOST_TEST(certified["run_id"] == "prop-3.1");
    BOOST_TEST(certified["id"] == "prop-3.1");
    BOOST_TEST(certified["variant"] == "claim");
    BOOST_TEST(certified["precision_bits"] == 256);
    BOOST_TEST(certified["expected"] == "certified");
    BOOST_TEST(certified["actual"] == "certified");
    BOOST_TEST(certified["ok"] == true);
    BOOST_TEST(certified["instances"] == 3);
    BOOST_TEST(certified["smallest_margin"]["lower"] == "0.0123");
    BOOST_TEST(certified["smallest_margin"]["where"] == "r = 355");
    BOOST_TEST(certified["smallest_margin"]["instance"] == 2);
    BOOST_TEST(certified["smallest_margin"]["parameters"]["head_dim"] == 64);
    BOOST_TEST(certified["counterexample"].is_null());
    BOOST_TEST(certified["evidence"].size() == 3u);
    BOOST_TEST(certified["evidence"][2]["worst_r"] == 355);

    BOOST_TEST(certified["negative"].is_null());
    BOOST_TEST(certified["failed_instances"] == json::array());

    const json& negative = claims.at(1);
    BOOST_TEST(negative["run_id"] == "prop-3.1/negative/target-halved");
    BOOST_TEST(negative["variant"] == "negative");
    BOOST_TEST(negative["negative"] == "target-halved");
    BOOST_TEST(negative["smallest_margin"].is_null());
    BOOST_TEST(negative["failed_instances"] == json::array());
    BOOST_TEST(negative["evidence"][1]["verdict"] == "refuted");
    const json& ce = negative["counterexample"];
    BOOST_TEST(ce["instance"] == 0);
    BOOST_TEST(ce["inputs"][0]["name"] == "r");
    BOOST_TEST(ce["inputs"][0]["value"] == "355");
    BOOST_TEST(ce["claimed"] == "|q^T R^r k| < 0.5");
    BOOST_TEST(ce["computed"] == "0.51234");
    BOOST_TEST(ce["replay"]["seed"] == 42);

    // The negative with an escaped instance: not ok, the instance named.
    const json& escaped = claims.at(2);
    BOOST_TEST(escaped["ok"] == false);
    BOOST_TEST(escaped["actual"] == "certified");
    // Fixed verdict order, not the map's alphabetical one.
    BOOST_TEST(keys(escaped["verdict_counts"]) == (Keys{"certified", "refuted"}), boost::test_tools::per_element());
    BOOST_REQUIRE_EQUAL(escaped["failed_instances"].size(), 1u);
    BOOST_TEST(keys(escaped["failed_instances"][0]) == (Keys{"instance", "parameters", "verdict", "message"}),
               boost::test_tools::per_element());
    BOOST_TEST(escaped["failed_instances"][0]["instance"] == 1);
    BOOST_TEST(escaped["failed_instances"][0]["parameters"]["head_dim"] == 2);
    BOOST_TEST(escaped["failed_instances"][0]["verdict"] == "certified");

    BOOST_TEST(claims.at(5)["actual"] == "error");
    BOOST_TEST(claims.at(5)["ok"] == false);
}

BOOST_AUTO_TEST_CASE(timing_is_the_only_wall_clock_data) {
    auto first = test::sample_run();
    auto second = test::sample_run();
    second.timing.jobs = 1;
    second.timing.total_seconds = 9.5;
    for (auto& [run_id, seconds] : second.timing.claim_seconds) seconds = 3.0;

    const std::string a = report_json_text(first, false);
    BOOST_TEST(a == report_json_text(second, false));
    BOOST_TEST(report_json_text(first, true) != report_json_text(second, true));
    BOOST_TEST(!report_json(first, false).contains("timing"));
    BOOST_TEST(a.find("timing") == std::string::npos);
    BOOST_TEST(a.find("jobs") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(timing_section) {
    const json timing = report_json(test::sample_run()).at("timing");
    BOOST_TEST(timing["jobs"] == 4);
    BOOST_TEST(timing["total_seconds"].get<double>() == 1.25);
    // Run order, matching the claims array, not the map's key order.
    BOOST_TEST(keys(timing["claims"]) ==
                   (Keys{"prop-3.1", "prop-3.1/negative/target-halved", "prop-3.1/negative/wrong-key", "prop-4.2",
                         "thm-5.1", "thm-6.1"}),
               boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(text_is_indented_json_with_trailing_newline) {
    const auto run = test::sample_run();
    const std::string text = report_json_text(run);
    BOOST_REQUIRE(!text.empty());
    BOOST_TEST(text.back() == '\n');
    BOOST_TEST(text.rfind("{\n  \"schema\": \"ropecheck-report\",\n", 0) == 0u);
    BOOST_TEST(json::parse(text) == report_json(run));
}

BOOST_AUTO_TEST_CASE(malformed_utf8_does_not_lose_the_report) {
    auto run = test::sample_run();
    run.claims[0].message = "bad byte \xFF here";
    std::string text;
    BOOST_CHECK_NO_THROW(text = report_json_text(run));
    BOOST_TEST(text.find("bad byte \xEF\xBF\xBD here") != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()
