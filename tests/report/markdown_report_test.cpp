#include <boost/test/unit_test.hpp>

#include <sstream>
#include <string>
#include <vector>

#include "ropecheck/report/markdown_report.hpp"

namespace ropecheck::report::test {
ropecheck::core::RunResult sample_run();
}

using namespace ropecheck::report;

namespace {

std::vector<std::string> lines(const std::string& text) {
    std::vector<std::string> out;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) out.push_back(line);
    return out;
}

// The text from `heading` up to the next "## " heading.
std::string section(const std::string& md, const std::string& heading) {
    const auto start = md.find(heading);
    if (start == std::string::npos) return {};
    const auto end = md.find("\n## ", start + heading.size());
    return md.substr(start, end == std::string::npos ? std::string::npos : end - start);
}

// Cell separators: '|' not preceded by a backslash escape.
std::size_t unescaped_pipes(const std::string& row) {
    std::size_t n = 0;
    for (std::size_t i = 0; i < row.size(); ++i) {
        if (row[i] == '\\') ++i;
        else if (row[i] == '|') ++n;
    }
    return n;
}

// The rows of the claims table (the summary section's table).
std::vector<std::string> table_rows(const std::string& md) {
    std::vector<std::string> rows;
    for (const auto& line : lines(section(md, "## Summary")))
        if (line.rfind("| ", 0) == 0 && line.find("| Claim |") != 0) rows.push_back(line);
    return rows;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(markdown_report)

BOOST_AUTO_TEST_CASE(title_parameters_and_summary) {
    const std::string md = ropecheck::report::markdown_report(test::sample_run());
    BOOST_TEST(md.rfind("# ropecheck report\n", 0) == 0u);
    BOOST_TEST(md.find("- Profile: ci") != std::string::npos);
    BOOST_TEST(md.find("- Seed: 42") != std::string::npos);
    BOOST_TEST(md.find("- Claims selected: prop-\\*, thm-\\*") != std::string::npos);
    BOOST_TEST(md.find("**MISMATCH**: 6 claims (2 certified, 2 refuted, 1 inconclusive, 1 error); "
                       "2 of 6 met the expected verdict.") != std::string::npos);

    auto passing = test::sample_run();
    passing.claims.resize(2);
    BOOST_TEST(ropecheck::report::markdown_report(passing).find("**OK**: 2 claims") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(one_table_row_per_claim) {
    const auto run = test::sample_run();
    const std::string md = ropecheck::report::markdown_report(run);
    BOOST_TEST(md.find("| Claim | Source | Expected | Actual | OK | Instances | Instance verdicts | "
                       "Smallest margin (lower bound, where) |\n|---|") != std::string::npos);
    const auto rows = table_rows(md);
    BOOST_REQUIRE_EQUAL(rows.size(), run.claims.size());
    for (std::size_t i = 0; i < rows.size(); ++i) {
        BOOST_TEST(rows[i].rfind("| " + run.claims[i].run_id + " ", 0) == 0u);
        BOOST_TEST(unescaped_pipes(rows[i]) == 9u);  // 8 columns
    }
    BOOST_TEST(rows[0].find("| certified | certified | yes | 3 | 3 certified | 0.0123 (r = 355) |") !=
               std::string::npos);
    BOOST_TEST(rows[1].ends_with("| 2 refuted | — |"));  // no margin for the negative control
    BOOST_TEST(rows[2].find("| refuted | certified | **no** | 2 | 1 certified, 1 refuted |") != std::string::npos);
    BOOST_TEST(rows[4].find("| certified | inconclusive | **no** | 4 |") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(every_negative_control_is_shown_instance_by_instance) {
    const std::string s = section(ropecheck::report::markdown_report(test::sample_run()),
                                  "## Negative controls, instance by instance");
    BOOST_REQUIRE(!s.empty());
    const std::string refuted = section(s, "### prop-3.1/negative/target-halved");
    BOOST_TEST(refuted.find("| 0 | theta=10000 | refuted |") != std::string::npos);
    BOOST_TEST(refuted.find("| 1 | theta=500000 | refuted |") != std::string::npos);
    BOOST_TEST(s.find("### prop-3.1/negative/wrong-key (**not every instance refuted**)") != std::string::npos);
    BOOST_TEST(s.find("| 1 | head\\_dim=2 | **certified** |") != std::string::npos);
    BOOST_TEST(s.find("### prop-4.2") == std::string::npos);  // claims are not listed here
}

BOOST_AUTO_TEST_CASE(pipes_and_markup_in_cells_are_escaped) {
    const std::string md = ropecheck::report::markdown_report(test::sample_run());
    BOOST_TEST(md.find("Semantic channel \\| stays aligned") != std::string::npos);
    BOOST_TEST(md.find("Semantic channel | stays") == std::string::npos);
    BOOST_TEST(md.find("Kernel bound \\<q, R k\\> & \"max\" isn't exceeded") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(counterexamples_section) {
    const std::string md = ropecheck::report::markdown_report(test::sample_run());
    const std::string s = section(md, "## Counterexamples");
    BOOST_REQUIRE(!s.empty());
    BOOST_TEST(s.find("### prop-3.1/negative/target-halved") != std::string::npos);
    BOOST_TEST(s.find("### prop-4.2") != std::string::npos);
    BOOST_TEST(s.find("### prop-3.1 ") == std::string::npos);  // no counterexample there
    BOOST_TEST(s.find("- r = 7919") != std::string::npos);
    BOOST_TEST(s.find("\nClaimed: \\|q^T R^r k\\| \\< 0.5") != std::string::npos);
    BOOST_TEST(s.find("\nComputed: 0.51234") != std::string::npos);
    BOOST_TEST(s.find("```json\n{\n  \"check\": \"kernel_bound\",") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(fence_outlasts_backticks_in_the_replay) {
    auto run = test::sample_run();
    run.claims[1].counterexample->replay["note"] = "````";
    const std::string md = ropecheck::report::markdown_report(run);
    BOOST_TEST(md.find("`````json\n") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(mismatches_section_names_every_failed_claim) {
    const auto run = test::sample_run();
    const std::string s = section(ropecheck::report::markdown_report(run), "## Mismatches");
    BOOST_REQUIRE(!s.empty());
    for (const auto& c : run.claims) {
        const bool listed = s.find("- " + c.run_id + " ") != std::string::npos;
        BOOST_TEST(listed == !c.ok, c.run_id);
    }
    BOOST_TEST(s.find("expected certified, got inconclusive. margin 1e-80 is below what 256 bits "
                      "can decide") != std::string::npos);
    BOOST_TEST(s.find("head\\_dim must be even, got 63") != std::string::npos);
    // The escaped negative's instance is named under it.
    BOOST_TEST(s.find("  - instance 1 (head\\_dim=2): certified: gap \\>= 0.3") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(no_wall_clock_data) {
    auto a = test::sample_run();
    auto b = test::sample_run();
    b.timing.jobs = 1;
    b.timing.total_seconds = 99;
    BOOST_TEST(ropecheck::report::markdown_report(a) == ropecheck::report::markdown_report(b));
}

BOOST_AUTO_TEST_SUITE_END()
