// README's "Audit your model" example is real output: this test runs the audit
// the README shows and compares it with the block between the README's
// audit-example markers. Likewise "What the literature gets wrong": the literature
// claims are run with the ci profile, as `ropecheck run --claims 'literature-*'` does, every
// claim and negative control must meet its expectation, report.md must carry the Literature
// section, and report::literature_wrong_table (that table's rows the paper gets wrong) must be
// the block between the literature-wrong markers. When the output changes on purpose,
// regenerate the blocks with
//   ROPECHECK_UPDATE_README=1 build/tests/test_cli --run_test=readme_example
#include <boost/test/unit_test.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "ropecheck/claims/builtin_checks.hpp"
#include "ropecheck/cli/audit_command.hpp"
#include "ropecheck/core/runner.hpp"
#include "ropecheck/report/literature_table.hpp"
#include "ropecheck/report/markdown_report.hpp"
#include "ropecheck/spec/spec_loader.hpp"

namespace fs = std::filesystem;

namespace {

const fs::path readme = fs::path(ROPECHECK_SOURCE_DIR) / "README.md";
const std::string begin_marker = "<!-- audit-example: ";
const std::string end_marker = "<!-- end audit-example -->";
const std::string literature_begin = "<!-- literature-wrong -->\n";
const std::string literature_end = "<!-- end literature-wrong -->";

}  // namespace

BOOST_AUTO_TEST_SUITE(readme_example)

BOOST_AUTO_TEST_CASE(audit_example_is_current) {
    const std::string text = ropecheck::test::file_text(readme);
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

BOOST_AUTO_TEST_CASE(what_the_literature_gets_wrong_is_current) {
    using namespace ropecheck;
    const std::vector<std::string> globs{"literature-*"};
    const auto specs = spec::select_claim_specs(spec::load_all_claim_specs(fs::path(ROPECHECK_SOURCE_DIR) / "theorems"), globs);
    BOOST_REQUIRE(!specs.empty());
    core::CheckRegistry registry;
    claims::register_builtin_checks(registry);
    core::RunParameters parameters;
    parameters.claim_globs = globs;
    parameters.seed = 1;
    const core::RunResult run = core::run_plan(core::plan_run(specs, registry, parameters), parameters, 2);
    for (const auto& c : run.claims) BOOST_TEST(c.ok, c.run_id << ": " << c.message);
    BOOST_TEST(report::markdown_report(run).find("\n## Literature\n") != std::string::npos);
    BOOST_TEST(!report::literature_replays(run).empty());

    const std::string expected = "```console\n$ build/ropecheck run --claims 'literature-*'\n```\n\n" +
                                 report::literature_wrong_table(run, "reports/replays/");
    const std::string text = ropecheck::test::file_text(readme);
    const auto begin = text.find(literature_begin);
    const auto end = text.find(literature_end);
    BOOST_REQUIRE_MESSAGE(begin != std::string::npos && end != std::string::npos && begin < end,
                          "README.md has no literature-wrong markers");
    const auto block_begin = begin + literature_begin.size();
    if (const char* update = std::getenv("ROPECHECK_UPDATE_README"); update != nullptr && std::string(update) == "1") {
        const fs::path temp = readme.string() + ".tmp";
        std::ofstream(temp, std::ios::binary) << text.substr(0, block_begin) + expected + text.substr(end);
        fs::rename(temp, readme);
        BOOST_TEST_MESSAGE("README.md literature table regenerated");
        return;
    }
    BOOST_TEST(text.substr(block_begin, end - block_begin) == expected,
               "README.md's \"What the literature gets wrong\" is stale; regenerate with ROPECHECK_UPDATE_README=1 "
               "build/tests/test_cli --run_test=readme_example");
}

BOOST_AUTO_TEST_SUITE_END()

// README's "Precision slips" answers are real output too: each block between
// precision-slips markers is the --precision-slips table of its config
// (regenerated with ROPECHECK_UPDATE_README=1 like the audit example).
#include "../../src/cli/audit_slips.hpp"
#include "ropecheck/model/layer_groups.hpp"
#include "ropecheck/numeric/precision_guard.hpp"
#include "../support/file_text.hpp"

BOOST_AUTO_TEST_SUITE(readme_example)

BOOST_AUTO_TEST_CASE(precision_slips_are_current) {
    const std::string marker = "<!-- precision-slips: ", end = "<!-- end precision-slips -->";
    std::string text = ropecheck::test::file_text(readme);
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
