#include <boost/test/unit_test.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include <unistd.h>

#include "ropecheck/report/html_report.hpp"
#include "ropecheck/report/json_report.hpp"
#include "ropecheck/report/junit_report.hpp"
#include "ropecheck/report/markdown_report.hpp"
#include "ropecheck/report/report_writer.hpp"
#include "../support/file_text.hpp"
#include "scratch_directory.hpp"

namespace ropecheck::report::test {
ropecheck::core::RunResult sample_run();
std::filesystem::path make_scratch_directory();
std::vector<std::string> directory_entries(const std::filesystem::path& dir);
}

namespace fs = std::filesystem;
using namespace ropecheck::report;

namespace {

using ropecheck::report::test::Scratch;

void spit(const fs::path& path, const std::string& content) {
    std::ofstream(path, std::ios::binary) << content;
}

bool has_temporary(const fs::path& dir) {
    for (const auto& name : test::directory_entries(dir))
        if (name.find(".tmp.") != std::string::npos) return true;
    return false;
}

using Names = std::vector<std::string>;

}  // namespace

BOOST_FIXTURE_TEST_SUITE(report_writer, Scratch)

BOOST_AUTO_TEST_CASE(file_names) {
    BOOST_TEST(report_file_names() == (Names{"report.json", "junit.xml", "report.md", "report.html"}),
               boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(writes_the_documents_into_a_new_directory) {
    const auto run = test::sample_run();
    const fs::path out = dir / "nested" / "reports";
    write_reports(run, out);
    // The sample run has no claim with a figure: no SVG file.
    BOOST_TEST(test::directory_entries(out) == (Names{"junit.xml", "report.html", "report.json", "report.md"}),
               boost::test_tools::per_element());
    BOOST_TEST(ropecheck::test::file_text(out / "report.json") == report_json_text(run));
    BOOST_TEST(ropecheck::test::file_text(out / "junit.xml") == junit_xml(run));
    BOOST_TEST(ropecheck::test::file_text(out / "report.md") == ropecheck::report::markdown_report(run));
    BOOST_TEST(ropecheck::test::file_text(out / "report.html") == html_report(report_json(run)));

    // A second run into the same directory replaces all of them.
    auto again = run;
    again.claims.resize(1);
    write_reports(again, out);
    BOOST_TEST(ropecheck::test::file_text(out / "report.json") == report_json_text(again));
    BOOST_TEST(ropecheck::test::file_text(out / "report.md") == ropecheck::report::markdown_report(again));
    BOOST_TEST(!has_temporary(out));
}

BOOST_AUTO_TEST_CASE(directory_path_is_a_regular_file) {
    const fs::path file = dir / "reports";
    spit(file, "not a directory");
    BOOST_CHECK_THROW(write_reports(test::sample_run(), file), std::runtime_error);
    BOOST_CHECK_THROW(write_reports(test::sample_run(), file / "below"), std::runtime_error);
    BOOST_TEST(ropecheck::test::file_text(file) == "not a directory");
    BOOST_TEST(test::directory_entries(dir) == Names{"reports"}, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(unreplaceable_target_leaves_the_old_report) {
    spit(dir / "report.json", "old report\n");
    fs::create_directory(dir / "junit.xml");  // a file cannot be renamed onto it
    try {
        write_reports(test::sample_run(), dir);
        BOOST_FAIL("expected an exception");
    } catch (const std::runtime_error& e) {
        BOOST_TEST(std::string(e.what()).find("junit.xml") != std::string::npos, e.what());
    }
    BOOST_TEST(ropecheck::test::file_text(dir / "report.json") == "old report\n");
    BOOST_TEST(!has_temporary(dir));
    BOOST_TEST(test::directory_entries(dir) == (Names{"junit.xml", "report.json"}),
               boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(failed_temporary_removes_the_ones_already_written) {
    spit(dir / "report.json", "old report\n");
    // Blocks the second temporary (junit.xml's) after report.json's was written.
    const std::string blocker = ".junit.xml.tmp." + std::to_string(::getpid());
    fs::create_directory(dir / blocker);
    try {
        write_reports(test::sample_run(), dir);
        BOOST_FAIL("expected an exception");
    } catch (const std::runtime_error& e) {
        const std::string what = e.what();
        BOOST_TEST(what.find(blocker) != std::string::npos, what);
        BOOST_TEST(what.find("Is a directory") != std::string::npos, what);
    }
    BOOST_TEST(ropecheck::test::file_text(dir / "report.json") == "old report\n");
    BOOST_TEST(test::directory_entries(dir) == (Names{blocker, "report.json"}),
               boost::test_tools::per_element());
}

BOOST_AUTO_TEST_SUITE_END()
