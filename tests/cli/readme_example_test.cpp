// README's "Audit your model" example is real output: this test runs the audit
// the README shows and compares it with the block between the README's
// audit-example markers. When the output changes on purpose, regenerate the
// block with
//   ROPECHECK_UPDATE_README=1 build/tests/test_cli --run_test=readme_example
#include <boost/test/unit_test.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "ropecheck/cli/audit_command.hpp"

namespace fs = std::filesystem;

namespace {

const fs::path readme = fs::path(ROPECHECK_SOURCE_DIR) / "README.md";
const std::string begin_marker = "<!-- audit-example: ";
const std::string end_marker = "<!-- end audit-example -->";

std::string read_all(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

}  // namespace

BOOST_AUTO_TEST_SUITE(readme_example)

BOOST_AUTO_TEST_CASE(audit_example_is_current) {
    const std::string text = read_all(readme);
    const auto begin = text.find(begin_marker);
    BOOST_REQUIRE_MESSAGE(begin != std::string::npos, "README.md has no audit-example marker");
    const auto name_end = text.find(' ', begin + begin_marker.size());
    const std::string config = text.substr(begin + begin_marker.size(), name_end - begin - begin_marker.size());
    const auto block_begin = text.find('\n', begin) + 1;
    const auto block_end = text.find(end_marker, block_begin);
    BOOST_REQUIRE(block_end != std::string::npos);

    ropecheck::cli::AuditOptions options;
    options.config = fs::path(ROPECHECK_SOURCE_DIR) / "tests" / "data" / "configs" / config;
    options.format = "text";
    std::ostringstream out;
    BOOST_REQUIRE_EQUAL(ropecheck::cli::audit_command(options, out), 0);
    const std::string expected =
        "```console\n$ build/ropecheck audit --config tests/data/configs/" + config + "\n" + out.str() + "```\n";

    if (const char* update = std::getenv("ROPECHECK_UPDATE_README"); update != nullptr && std::string(update) == "1") {
        const std::string updated = text.substr(0, block_begin) + expected + text.substr(block_end);
        const fs::path temp = readme.string() + ".tmp";
        std::ofstream(temp, std::ios::binary) << updated;
        fs::rename(temp, readme);
        BOOST_TEST_MESSAGE("README.md audit example regenerated from " << config);
        return;
    }
    BOOST_TEST(text.substr(block_begin, block_end - block_begin) == expected,
               "README.md's audit example is stale; regenerate it with ROPECHECK_UPDATE_README=1 "
               "build/tests/test_cli --run_test=readme_example");
}

BOOST_AUTO_TEST_SUITE_END()

// README's "Precision slips" answers are real output too: each block between
// precision-slips markers is the --precision-slips table of its config
// (regenerated with ROPECHECK_UPDATE_README=1 like the audit example).
#include "../../src/cli/audit_slips.hpp"
#include "ropecheck/model/layer_groups.hpp"
#include "ropecheck/numeric/precision_guard.hpp"

BOOST_AUTO_TEST_SUITE(readme_example)

BOOST_AUTO_TEST_CASE(precision_slips_are_current) {
    const std::string marker = "<!-- precision-slips: ", end = "<!-- end precision-slips -->";
    std::string text = read_all(readme);
    const std::string original = text;
    int blocks = 0;
    for (auto begin = text.find(marker); begin != std::string::npos; begin = text.find(marker, begin + 1)) {
        const auto name_end = text.find(' ', begin + marker.size());
        const std::string config = text.substr(begin + marker.size(), name_end - begin - marker.size());
        const auto block_begin = text.find('\n', begin) + 1;
        const auto block_end = text.find(end, block_begin);
        BOOST_REQUIRE(block_end != std::string::npos);
        ropecheck::numeric::PrecisionGuard guard(128);
        const auto layout = ropecheck::model::load_model_layout(
            fs::path(ROPECHECK_SOURCE_DIR) / "tests" / "data" / "configs" / config, std::nullopt);
        const auto dtype = ropecheck::audit::slips_dtype(layout);
        const std::string expected = "```console\n$ build/ropecheck audit --config tests/data/configs/" + config +
                                     " --precision-slips   (the last section)\n" +
                                     ropecheck::cli::slips_text(ropecheck::audit::precision_slips(layout, dtype), dtype)
                                         .substr(1) +
                                     "```\n";
        BOOST_TEST(text.substr(block_begin, block_end - block_begin) == expected,
                   "README.md's precision slips for " << config << " are stale; regenerate with "
                   "ROPECHECK_UPDATE_README=1 build/tests/test_cli --run_test=readme_example");
        text = text.substr(0, block_begin) + expected + text.substr(block_end);
        ++blocks;
    }
    BOOST_TEST(blocks == 2);
    if (const char* update = std::getenv("ROPECHECK_UPDATE_README"); update != nullptr && std::string(update) == "1" &&
                                                                      text != original) {
        const fs::path temp = readme.string() + ".tmp";
        std::ofstream(temp, std::ios::binary) << text;
        fs::rename(temp, readme);
    }
}

BOOST_AUTO_TEST_SUITE_END()
