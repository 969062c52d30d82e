#include <boost/test/unit_test.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "ropecheck/report/html_report.hpp"
#include "ropecheck/report/json_report.hpp"

namespace ropecheck::report::test {
ropecheck::core::RunResult sample_run();
std::filesystem::path make_scratch_directory();
}

using namespace ropecheck::report;
using ropecheck::core::json;

namespace {

// The sample run with hostile text where a claim's strings and the provenance go.
ropecheck::core::RunResult hostile_run() {
    auto run = test::sample_run();
    run.claims[0].title = R"(<script>alert("t")</script> & 'x' ]]> <!-- --)";
    run.claims[0].statement = "a < b & c > d \"q\" \x01 bad byte \xFF";
    run.claims[0].source = "Section <3> & \"4\"";
    run.provenance = json{{"compiler", "g++ <x> & \"y\""}};
    return run;
}

bool well_formed_xml(const std::string& document, const std::string& name) {
    const auto dir = test::make_scratch_directory();
    const auto file = dir / name;
    std::ofstream(file, std::ios::binary) << document;
    // xmllint (libxml2-utils, scripts/install-deps --test) parses it as XML.
    const std::string command = "xmllint --noout '" + file.string() + "'";
    const int rc = std::system(command.c_str());
    std::filesystem::remove_all(dir);
    return rc == 0;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(html_report_page)

BOOST_AUTO_TEST_CASE(hostile_strings_are_escaped) {
    const std::string html = html_report(report_json(hostile_run()));
    BOOST_TEST(html.find("<script") == std::string::npos);
    BOOST_TEST(html.find("&lt;script&gt;alert(&quot;t&quot;)&lt;/script&gt; &amp; &apos;x&apos; ]]&gt; &lt;!-- --") !=
               std::string::npos);
    BOOST_TEST(html.find("Section &lt;3&gt; &amp; &quot;4&quot;") != std::string::npos);
    BOOST_TEST(html.find("g++ &lt;x&gt; &amp; &quot;y&quot;") != std::string::npos);
    BOOST_TEST(html.find('\x01') == std::string::npos);
    BOOST_TEST(well_formed_xml(html, "hostile.html"));
}

BOOST_AUTO_TEST_CASE(the_page_is_self_contained) {
    const std::string html = html_report(report_json(test::sample_run()));
    for (const char* external : {"<script", "<link", "src=", "@import", "url(", "http:", "https:"})
        BOOST_TEST(html.find(external) == std::string::npos, external);
    BOOST_TEST(html.rfind("<!DOCTYPE html>", 0) == 0);
}

BOOST_AUTO_TEST_CASE(every_claim_with_source_verdict_margin_and_replay) {
    const auto run = test::sample_run();
    const std::string html = html_report(report_json(run));
    for (const auto& c : run.claims) {
        std::string anchor = "<article id=\"claim-" + c.run_id + "\">";
        for (char& ch : anchor)
            if (ch == '/') ch = '_';
        BOOST_TEST(html.find(anchor) != std::string::npos, anchor);
        BOOST_TEST(html.find("<dt>Source</dt><dd>" + c.source + "</dd>") != std::string::npos);
    }
    BOOST_TEST(html.find("[0.0123, 0.0124] at r = 355 (instance 2)") != std::string::npos);
    BOOST_TEST(html.find("ropecheck replay replays/prop-3.1_negative_target-halved.json") != std::string::npos);
    BOOST_TEST(html.find("<span class=\"mismatch\">MISMATCH</span>") != std::string::npos);
    BOOST_TEST(replay_file_name("a/negative/b") == "replays/a_negative_b.json");
}

BOOST_AUTO_TEST_SUITE_END()
