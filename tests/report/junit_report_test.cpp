#include <boost/test/unit_test.hpp>

#include <cstddef>
#include <sstream>
#include <string>

#include <boost/property_tree/ptree.hpp>
#include <boost/property_tree/xml_parser.hpp>

#include "ropecheck/report/junit_report.hpp"

namespace ropecheck::report::test {
core::RunResult sample_run();
}

using namespace ropecheck::report;
namespace pt = boost::property_tree;

namespace {

std::size_t occurrences(const std::string& text, const std::string& needle) {
    std::size_t n = 0;
    for (auto at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1)) ++n;
    return n;
}

// A real XML parser: if escaping were wrong this would throw.
pt::ptree parse(const std::string& xml) {
    std::istringstream in(xml);
    pt::ptree tree;
    pt::read_xml(in, tree);
    return tree;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(junit_report)

BOOST_AUTO_TEST_CASE(one_testcase_per_claim_and_counts) {
    const auto run = test::sample_run();
    const std::string xml = junit_xml(run);
    BOOST_TEST(xml.rfind("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n", 0) == 0u);
    BOOST_TEST(occurrences(xml, "<testcase ") == run.claims.size());

    const pt::ptree tree = parse(xml);
    const pt::ptree& suite = tree.get_child("testsuites.testsuite");
    BOOST_TEST(suite.get<std::string>("<xmlattr>.name") == "ropecheck");
    BOOST_TEST(suite.get<int>("<xmlattr>.tests") == 6);
    // the escaped negative control, the refuted claim and the inconclusive one
    BOOST_TEST(suite.get<int>("<xmlattr>.failures") == 3);
    BOOST_TEST(suite.get<int>("<xmlattr>.errors") == 1);
    BOOST_TEST(suite.get<double>("<xmlattr>.time") == 1.25);

    std::size_t testcases = 0, failures = 0, errors = 0;
    for (const auto& [tag, node] : suite) {
        if (tag != "testcase") continue;
        const auto& claim = run.claims.at(testcases++);
        BOOST_TEST(node.get<std::string>("<xmlattr>.classname") == "ropecheck." + claim.claim_id);
        BOOST_TEST(node.get<std::string>("<xmlattr>.name") == claim.run_id);
        BOOST_TEST(node.get<double>("<xmlattr>.time") == 0.25);
        failures += node.count("failure");
        errors += node.count("error");
        BOOST_TEST(node.count("system-out") == 1u);
    }
    BOOST_TEST(testcases == 6u);
    BOOST_TEST(failures == 3u);
    BOOST_TEST(errors == 1u);
}

BOOST_AUTO_TEST_CASE(failure_carries_the_counterexample) {
    const pt::ptree tree = parse(junit_xml(test::sample_run()));
    const pt::ptree* mismatch = nullptr;
    for (const auto& [tag, node] : tree.get_child("testsuites.testsuite"))
        if (tag == "testcase" && node.get<std::string>("<xmlattr>.name") == "prop-4.2") mismatch = &node;
    BOOST_REQUIRE(mismatch != nullptr);

    const pt::ptree& failure = mismatch->get_child("failure");
    BOOST_TEST(failure.get<std::string>("<xmlattr>.type") == "verdict-mismatch");
    BOOST_TEST(failure.get<std::string>("<xmlattr>.message") ==
               "expected holds, got refuted: r = 7919 breaks the channel");
    const std::string body = failure.data();
    BOOST_TEST(body.find("counterexample: a distance beats the target") != std::string::npos);
    BOOST_TEST(body.find("r = 7919\n") != std::string::npos);
    BOOST_TEST(body.find("theta = 10000\n") != std::string::npos);
    BOOST_TEST(body.find("claimed: |q^T R^r k| < 0.5") != std::string::npos);
    BOOST_TEST(body.find("computed: 0.51234") != std::string::npos);
    BOOST_TEST(body.find("\"seed\":42") != std::string::npos);
    const std::string out = mismatch->get<std::string>("system-out");
    BOOST_TEST(out.find("verdict: refuted") != std::string::npos);
    BOOST_TEST(out.find("instances: 1") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(error_verdict_is_an_error_element) {
    const std::string xml = junit_xml(test::sample_run());
    BOOST_TEST(occurrences(xml, "<error ") == 1u);
    BOOST_TEST(xml.find("<error message=\"expected holds, got error: head_dim must be even, got 63\""
                        " type=\"check-error\">") != std::string::npos);
    // A passing refuted negative control is not a failure; one with an escaped instance is.
    BOOST_TEST(occurrences(xml, "<failure ") == 3u);
}

BOOST_AUTO_TEST_CASE(a_negative_with_an_escaped_instance_names_it) {
    const pt::ptree tree = parse(junit_xml(test::sample_run()));
    const pt::ptree* escaped = nullptr;
    const pt::ptree* refuted = nullptr;
    for (const auto& [tag, node] : tree.get_child("testsuites.testsuite")) {
        if (tag != "testcase") continue;
        if (node.get<std::string>("<xmlattr>.name") == "prop-3.1/negative/wrong-key") escaped = &node;
        if (node.get<std::string>("<xmlattr>.name") == "prop-3.1/negative/target-halved") refuted = &node;
    }
    BOOST_REQUIRE(escaped != nullptr);
    BOOST_REQUIRE(refuted != nullptr);
    const std::string body = escaped->get_child("failure").data();
    BOOST_TEST(body.find("1 of 2 instances failed:\ninstance 1 (head_dim=2): certified: gap >= 0.3\n") !=
               std::string::npos);
    BOOST_TEST(escaped->get<std::string>("system-out").find("each instance: instance 0 refuted, instance 1 certified") !=
               std::string::npos);
    BOOST_TEST(refuted->count("failure") == 0u);
    BOOST_TEST(refuted->get<std::string>("system-out").find("each instance: instance 0 refuted, instance 1 refuted") !=
               std::string::npos);
}

BOOST_AUTO_TEST_CASE(title_with_markup_characters_is_escaped) {
    auto run = test::sample_run();
    run.claims[4].message = R"(a<b & "c" > 'd')";
    const std::string xml = junit_xml(run);
    BOOST_TEST(xml.find(R"(claim: Kernel bound &lt;q, R k&gt; &amp; &quot;max&quot; isn&apos;t exceeded)") !=
               std::string::npos);
    BOOST_TEST(xml.find(R"(message="expected certified, got inconclusive: a&lt;b &amp; &quot;c&quot; &gt; &apos;d&apos;")") !=
               std::string::npos);

    // And it round-trips through a parser to the original text.
    const pt::ptree tree = parse(xml);
    const auto& first = tree.get_child("testsuites.testsuite").get_child("testcase");
    BOOST_TEST(first.get<std::string>("system-out").find(
                   R"(claim: Kernel bound <q, R k> & "max" isn't exceeded)") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(characters_xml_forbids_are_dropped) {
    auto run = test::sample_run();
    run.claims[5].message = std::string("nul\0bell\a esc\x1b", 14) + "\xEF\xBF\xBE" + " end";
    const std::string xml = junit_xml(run);
    BOOST_TEST(xml.find("nulbell esc end") != std::string::npos);
    BOOST_CHECK_NO_THROW(parse(xml));
}

BOOST_AUTO_TEST_CASE(properties_record_the_run) {
    const pt::ptree tree = parse(junit_xml(test::sample_run()));
    std::string seed, profile;
    for (const auto& [tag, node] : tree.get_child("testsuites.testsuite.properties")) {
        if (node.get<std::string>("<xmlattr>.name") == "seed") seed = node.get<std::string>("<xmlattr>.value");
        if (node.get<std::string>("<xmlattr>.name") == "profile") profile = node.get<std::string>("<xmlattr>.value");
    }
    BOOST_TEST(seed == "42");
    BOOST_TEST(profile == "ci");
}

BOOST_AUTO_TEST_SUITE_END()
