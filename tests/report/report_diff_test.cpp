#include <boost/test/unit_test.hpp>

#include <stdexcept>
#include <string>

#include "ropecheck/report/report_diff.hpp"

using namespace ropecheck::report;
using ropecheck::core::json;

namespace {

json entry(const std::string& id, const std::string& actual, bool ok, const char* margin = nullptr) {
    json c = {{"run_id", id}, {"actual", actual}, {"ok", ok}};
    c["smallest_margin"] = margin ? json{{"lower", margin}, {"upper", margin}} : json(nullptr);
    return c;
}

json report(json claims) { return {{"schema", "ropecheck-report"}, {"claims", std::move(claims)}}; }

const ClaimChange* change(const ReportDiff& d, const std::string& id, const std::string& kind) {
    for (const auto& c : d.changes)
        if (c.run_id == id && c.kind == kind) return &c;
    return nullptr;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(report_diff)

BOOST_AUTO_TEST_CASE(identical_reports_have_no_change) {
    const json r = report({entry("a", "certified", true, "0.5"), entry("b", "refuted", true)});
    const auto d = diff_reports(r, r, 0);
    BOOST_TEST(d.changes.empty());
    BOOST_TEST(!d.regressed());
    BOOST_TEST(d.old_claims == 2u);
}

BOOST_AUTO_TEST_CASE(added_removed_and_verdicts) {
    const json before = report({entry("kept", "certified", true), entry("gone", "certified", true),
                                entry("weaker", "certified", true), entry("broken", "refuted", true)});
    const json after = report({entry("kept", "certified", true), entry("weaker", "holds", true),
                               entry("broken", "certified", false), entry("new", "holds", true)});
    const auto d = diff_reports(before, after, 0);
    BOOST_REQUIRE(change(d, "new", "added"));
    BOOST_TEST(!change(d, "new", "added")->regression);
    BOOST_REQUIRE(change(d, "gone", "removed"));
    BOOST_TEST(change(d, "gone", "removed")->regression);
    BOOST_REQUIRE(change(d, "weaker", "verdict"));
    BOOST_TEST(!change(d, "weaker", "verdict")->regression);  // still meets its expectation
    BOOST_REQUIRE(change(d, "broken", "verdict"));
    BOOST_TEST(change(d, "broken", "verdict")->regression);
    BOOST_TEST(change(d, "broken", "verdict")->before == "refuted");
    BOOST_TEST(change(d, "broken", "verdict")->after == "certified");
    BOOST_TEST(!change(d, "kept", "verdict"));
    BOOST_TEST(d.changes.size() == 4u);
    BOOST_TEST(d.regressed());
}

BOOST_AUTO_TEST_CASE(margins_beyond_the_relative_tolerance) {
    const json before = report({entry("fell", "certified", true, "1.0e-3"), entry("grew", "certified", true, "1.0e-3"),
                                entry("jitter", "certified", true, "1.0e-3"), entry("lost", "certified", true, "2")});
    const json after = report({entry("fell", "certified", true, "0.9e-3"), entry("grew", "certified", true, "2.0e-3"),
                               entry("jitter", "certified", true, "1.0000001e-3"), entry("lost", "certified", true)});
    const auto d = diff_reports(before, after, 1e-6);
    BOOST_REQUIRE(change(d, "fell", "margin"));
    BOOST_TEST(change(d, "fell", "margin")->regression);
    BOOST_REQUIRE(change(d, "grew", "margin"));
    BOOST_TEST(!change(d, "grew", "margin")->regression);
    BOOST_TEST(!change(d, "jitter", "margin"));  // 1e-7 relative: within 1e-6
    BOOST_REQUIRE(change(d, "lost", "margin"));
    BOOST_TEST(change(d, "lost", "margin")->regression);
    // With no tolerance the jitter is a change, and a fall.
    BOOST_TEST(change(diff_reports(before, after, 0), "jitter", "margin") != nullptr);
}

BOOST_AUTO_TEST_CASE(a_document_that_is_no_report_is_named) {
    const json good = report(json::array());
    BOOST_CHECK_THROW(diff_reports(json{{"schema", "ropecheck-audit"}}, good, 0), std::invalid_argument);
    BOOST_CHECK_THROW(diff_reports(good, json{{"schema", "ropecheck-report"}}, 0), std::invalid_argument);
    BOOST_CHECK_THROW(validate_report_document(report(json::array({json{{"actual", "x"}}}))), std::invalid_argument);
    try {
        validate_report_document(report(json::array({json{{"run_id", "a"}}, json::object()})));
        BOOST_FAIL("expected an exception");
    } catch (const std::invalid_argument& e) {
        BOOST_TEST(std::string(e.what()) == "claims[1] has no \"run_id\"");
    }
}

BOOST_AUTO_TEST_SUITE_END()
