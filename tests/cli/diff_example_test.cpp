// README's `ropecheck diff` example is real output: this test runs the diff the
// README shows (tests/data/diff/) and compares it with the block between the
// README's diff-example markers; and a bad file is named as OLD or NEW.
#include <boost/test/unit_test.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "ropecheck/cli/commands.hpp"
#include "ropecheck/numeric/invalid_input.hpp"
#include "../support/file_text.hpp"

namespace fs = std::filesystem;

namespace {

const fs::path source = ROPECHECK_SOURCE_DIR;

ropecheck::cli::DiffOptions example() {
    ropecheck::cli::DiffOptions o;
    o.old_report = source / "tests/data/diff/old-report.json";
    o.new_report = source / "tests/data/diff/new-report.json";
    o.tolerance = 1e-6;
    return o;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(diff_command)

BOOST_AUTO_TEST_CASE(readme_example_is_current_and_exits_1) {
    const std::string text = ropecheck::test::file_text(source / "README.md");
    const std::string begin_marker = "<!-- diff-example -->\n", end_marker = "<!-- end diff-example -->";
    const auto begin = text.find(begin_marker);
    BOOST_REQUIRE_MESSAGE(begin != std::string::npos, "README.md has no diff-example marker");
    const auto block_begin = begin + begin_marker.size();
    const auto block_end = text.find(end_marker, block_begin);
    BOOST_REQUIRE(block_end != std::string::npos);
    std::ostringstream out;
    BOOST_TEST(ropecheck::cli::diff_command(example(), out) == 1);
    const std::string expected = "```console\n$ build/ropecheck diff tests/data/diff/old-report.json "
                                 "tests/data/diff/new-report.json --tolerance 1e-6\n" +
                                 out.str() + "$ echo $?\n1\n```\n";
    BOOST_TEST(text.substr(block_begin, block_end - block_begin) == expected);
}

BOOST_AUTO_TEST_CASE(a_report_against_itself_exits_0) {
    auto o = example();
    o.new_report = o.old_report;
    std::ostringstream out;
    BOOST_TEST(ropecheck::cli::diff_command(o, out) == 0);
    BOOST_TEST(out.str().find("No change.") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(bad_input_names_the_argument) {
    const auto message = [](ropecheck::cli::DiffOptions o) {
        std::ostringstream out;
        try {
            ropecheck::cli::diff_command(o, out);
        } catch (const ropecheck::InvalidInput& e) {
            return std::string(e.what());
        }
        return std::string("no error");
    };
    auto missing = example();
    missing.old_report = source / "tests/data/diff/no-such.json";
    BOOST_TEST(message(missing).rfind("OLD " + missing.old_report.string() + ": cannot be read", 0) == 0);
    auto not_a_report = example();
    not_a_report.new_report = source / "theorems/../tests/data/configs/EleutherAI--gpt-j-6b.json";
    BOOST_TEST(message(not_a_report).find("NEW ") == 0u);
    BOOST_TEST(message(not_a_report).find("not a ropecheck report.json") != std::string::npos);
    auto not_json = example();
    not_json.old_report = source / "README.md";
    BOOST_TEST(message(not_json).find("not valid JSON") != std::string::npos);
    auto negative = example();
    negative.tolerance = -1;
    BOOST_TEST(message(negative).rfind("--tolerance", 0) == 0);
}

BOOST_AUTO_TEST_SUITE_END()
