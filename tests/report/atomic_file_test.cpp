#include <boost/test/unit_test.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include <unistd.h>

#include "ropecheck/report/atomic_file.hpp"
#include "../support/file_text.hpp"
#include "scratch_directory.hpp"

namespace ropecheck::report::test {
std::filesystem::path make_scratch_directory();
std::vector<std::string> directory_entries(const std::filesystem::path& dir);
}

namespace fs = std::filesystem;
using namespace ropecheck::report;

namespace {

using ropecheck::report::test::Scratch;

using Names = std::vector<std::string>;

}  // namespace

BOOST_FIXTURE_TEST_SUITE(atomic_file, Scratch)

BOOST_AUTO_TEST_CASE(temporary_is_hidden_beside_the_target) {
    const fs::path tmp = temporary_path_for(dir / "report.json");
    BOOST_TEST(tmp.parent_path() == dir);
    BOOST_TEST(tmp.filename().string() == ".report.json.tmp." + std::to_string(::getpid()));
}

BOOST_AUTO_TEST_CASE(writes_and_replaces_leaving_no_temporary) {
    const fs::path target = dir / "out.txt";
    write_file_atomically(target, "first\n");
    BOOST_TEST(ropecheck::test::file_text(target) == "first\n");
    const std::string big(1 << 20, 'x');  // large enough that write(2) may be partial
    write_file_atomically(target, big);
    BOOST_TEST(ropecheck::test::file_text(target) == big);
    write_file_atomically(target, "");
    BOOST_TEST(ropecheck::test::file_text(target).empty());
    BOOST_TEST(test::directory_entries(dir) == Names{"out.txt"}, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(failed_rename_removes_the_temporary) {
    const fs::path target = dir / "taken";
    fs::create_directory(target);
    fs::create_directory(target / "inside");  // non-empty: rename cannot replace it
    try {
        write_file_atomically(target, "content");
        BOOST_FAIL("expected an exception");
    } catch (const std::runtime_error& e) {
        const std::string what = e.what();
        BOOST_TEST(what.find(target.string()) != std::string::npos, what);
        BOOST_TEST(what.find("directory") != std::string::npos, what);  // the OS reason
    }
    BOOST_TEST(test::directory_entries(dir) == Names{"taken"}, boost::test_tools::per_element());
    BOOST_TEST(fs::is_directory(target / "inside"));
}

BOOST_AUTO_TEST_CASE(missing_directory_names_path_and_reason) {
    const fs::path target = dir / "missing" / "out.txt";
    try {
        write_file_atomically(target, "content");
        BOOST_FAIL("expected an exception");
    } catch (const std::runtime_error& e) {
        const std::string what = e.what();
        BOOST_TEST(what.find((dir / "missing").string()) != std::string::npos, what);
        BOOST_TEST(what.find("No such file or directory") != std::string::npos, what);
    }
    BOOST_TEST(test::directory_entries(dir).empty());
}

BOOST_AUTO_TEST_SUITE_END()
