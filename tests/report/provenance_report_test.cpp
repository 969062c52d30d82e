#include <boost/test/unit_test.hpp>

#include <string>

#include "ropecheck/report/html_report.hpp"
#include "ropecheck/report/json_report.hpp"
#include "ropecheck/report/junit_report.hpp"
#include "ropecheck/report/markdown_report.hpp"

namespace ropecheck::report::test {
ropecheck::core::RunResult sample_run();
}

using namespace ropecheck::report;
using ropecheck::core::json;

BOOST_AUTO_TEST_SUITE(provenance_in_every_report)

BOOST_AUTO_TEST_CASE(json_markdown_junit_and_html_carry_it) {
    auto run = test::sample_run();
    run.provenance = json{{"git_commit", "abc123-dirty"}, {"compiler", "GCC 12 <x> & |y|"}};
    const json doc = report_json(run);
    BOOST_TEST(doc.at("provenance").at("compiler") == "GCC 12 <x> & |y|");
    const std::string md = ropecheck::report::markdown_report(run);
    BOOST_TEST(md.find("- Provenance, git\\_commit: abc123-dirty\n") != std::string::npos);
    BOOST_TEST(md.find("- Provenance, compiler: GCC 12 \\<x\\> & \\|y\\|\n") != std::string::npos);
    // In the Run section, before the summary.
    BOOST_TEST(md.find("- Provenance, ") < md.find("## Summary"));
    const std::string xml = junit_xml(run);
    BOOST_TEST(xml.find(R"(<property name="provenance.compiler" value="GCC 12 &lt;x&gt; &amp; |y|"/>)") !=
               std::string::npos);
    BOOST_TEST(xml.find(R"(<property name="provenance.git_commit" value="abc123-dirty"/>)") != std::string::npos);
    const std::string html = html_report(doc);
    BOOST_TEST(html.find("<tr><th>git_commit</th><td>abc123-dirty</td></tr>") != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()
