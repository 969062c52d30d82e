#include "report_shape.hpp"

#include <boost/test/unit_test.hpp>
#include <set>

namespace report_shape {
namespace {

using nlohmann::json;

const std::set<std::string> verdicts{"certified", "holds", "refuted", "inconclusive", "error"};

std::size_t occurrences(const std::string& text, const std::string& what) {
    std::size_t n = 0;
    for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + what.size())) ++n;
    return n;
}

std::string xml_escaped(const std::string& s) {
    std::string out;
    for (char c : s) {
        if (c == '&') out += "&amp;";
        else if (c == '<') out += "&lt;";
        else if (c == '>') out += "&gt;";
        else if (c == '"') out += "&quot;";
        else out += c;
    }
    return out;
}

}  // namespace

void check_report_json(const json& r) {
    BOOST_TEST_REQUIRE(r.is_object());
    BOOST_TEST(r.at("schema") == "ropecheck-report");
    BOOST_TEST(r.at("schema_version") == 4);
    for (const char* key : {"tool", "provenance", "run", "summary", "claims", "timing"})
        BOOST_TEST_REQUIRE(r.contains(key), key);
    // The build's provenance, every value a non-empty string (cli/provenance.hpp).
    for (const char* key : {"ropecheck", "git_commit", "compiler", "compile_flags", "mpfr", "mpfr_thread_safe", "mpfi",
                            "gmp", "boost", "cpu_code_path"}) {
        BOOST_TEST_REQUIRE(r.at("provenance").contains(key), key);
        BOOST_TEST(!r.at("provenance").at(key).get<std::string>().empty(), key);
    }
    const json& s = r.at("summary");
    for (const char* key : {"claims", "findings", "ok", "mismatched", "all_ok", "verdicts"})
        BOOST_TEST_REQUIRE(s.contains(key), key);
    const json& claims = r.at("claims");
    BOOST_TEST_REQUIRE(claims.is_array());
    BOOST_TEST(s.at("claims").get<std::size_t>() == claims.size());
    std::size_t ok = 0, findings = 0, counted = 0;
    std::set<std::string> run_ids;
    for (const json& c : claims) {
        BOOST_TEST_CONTEXT(c.value("run_id", "?")) {
            for (const char* key : {"run_id", "id", "variant", "negative", "title", "source", "statement", "check",
                                    "precision_bits", "actual", "instances", "verdict_counts", "message",
                                    "smallest_margin", "counterexample", "failed_instances", "evidence"})
                BOOST_TEST_REQUIRE(c.contains(key), key);
            BOOST_TEST(run_ids.insert(c.at("run_id").get<std::string>()).second);  // unique
            const std::string variant = c.at("variant");
            BOOST_TEST((variant == "claim" || variant == "negative" || variant == "finding"), variant);
            BOOST_TEST(verdicts.count(c.at("actual").get<std::string>()) == 1u);
            // A finding has no expectation: neither key; every other claim has both.
            BOOST_TEST(c.contains("expected") == (variant != "finding"));
            BOOST_TEST(c.contains("ok") == (variant != "finding"));
            if (variant == "finding") ++findings;
            const bool outcome_ok = variant == "finding" ? c.at("actual") != "error" : c.at("ok").get<bool>();
            ok += outcome_ok ? 1 : 0;
            std::size_t instances = 0;
            for (const auto& [v, n] : c.at("verdict_counts").items()) {
                BOOST_TEST(verdicts.count(v) == 1u, v);
                instances += n.get<std::size_t>();
            }
            BOOST_TEST(instances == c.at("instances").get<std::size_t>());
            BOOST_TEST(c.at("evidence").size() == instances);
            ++counted;
        }
    }
    BOOST_TEST(counted == claims.size());
    BOOST_TEST(s.at("findings").get<std::size_t>() == findings);
    BOOST_TEST(s.at("ok").get<std::size_t>() == ok);
    BOOST_TEST(s.at("mismatched").get<std::size_t>() == claims.size() - ok);
    BOOST_TEST(s.at("all_ok").get<bool>() == (!claims.empty() && ok == claims.size()));
}

void check_junit_xml(const std::string& xml, const json& r) {
    BOOST_TEST(xml.rfind("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites", 0) == 0u);
    const json& claims = r.at("claims");
    const std::size_t n = claims.size();
    BOOST_TEST(occurrences(xml, "<testcase ") == n);
    BOOST_TEST(occurrences(xml, "</testcase>") == n);
    std::size_t failures = 0, errors = 0;
    for (const json& c : claims) {
        const std::string name = "name=\"" + xml_escaped(c.at("run_id").get<std::string>()) + "\"";
        BOOST_TEST(xml.find(name) != std::string::npos, name);
        const bool ok = c.at("variant") == "finding" ? c.at("actual") != "error" : c.at("ok").get<bool>();
        if (!ok) (c.at("actual") == "error" ? errors : failures) += 1;
    }
    BOOST_TEST(occurrences(xml, "<failure ") == failures);
    BOOST_TEST(occurrences(xml, "<error ") == errors);
    const std::string counts = " tests=\"" + std::to_string(n) + "\" failures=\"" + std::to_string(failures) +
                               "\" errors=\"" + std::to_string(errors) + "\"";
    BOOST_TEST(occurrences(xml, counts) == 2u);  // <testsuites> and <testsuite>
    BOOST_TEST(xml.find("</testsuites>\n") == xml.size() - 14);
}

}  // namespace report_shape
