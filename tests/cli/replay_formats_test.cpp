// Replay records of every version stay readable (reports/README.md, "Versions"):
// the records frozen in tests/data/golden/ were written by the ropecheck of
// before issue 12 (claim records of version 2, probe records of version 1); a
// claim record of version 1 is a version 2 record without "version" and
// "negative". Each must replay to the same verdict or answer; a version this
// ropecheck does not know, or a kind it does not, is bad input.
#include <unistd.h>

#include <boost/test/unit_test.hpp>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "../support/tool_runner.hpp"

namespace fs = std::filesystem;
using nlohmann::ordered_json;
using ropecheck::test::run_tool;

namespace {

const fs::path source_dir = ROPECHECK_SOURCE_DIR;
const fs::path golden = source_dir / "tests" / "data" / "golden";
const std::string specs = " --theorems " + (source_dir / "theorems").string();

ordered_json read_json(const fs::path& file) {
    std::ifstream in(file);
    BOOST_REQUIRE_MESSAGE(in, file.string());
    return ordered_json::parse(in);
}

fs::path scratch(const std::string& name) {
    return fs::temp_directory_path() / ("ropecheck-replay-formats-" + std::to_string(::getpid()) + "-" + name);
}

ropecheck::test::ToolOutcome replay_json(const ordered_json& record, const std::string& name) {
    const fs::path file = scratch(name);
    std::ofstream(file) << record.dump(2);
    const auto r = run_tool("replay " + file.string() + specs);
    fs::remove(file);
    return r;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(replay_formats)

BOOST_AUTO_TEST_CASE(claim_records_of_version_1_and_2_still_stand) {
    const fs::path v2_file = golden / "run-ci" / "replays" / "prop-3.1_negative_shifted-key.json";
    const ordered_json v2 = read_json(v2_file);
    BOOST_REQUIRE(v2.at("version") == 2);
    BOOST_REQUIRE(!v2.contains("kind"));
    const auto r2 = run_tool("replay " + v2_file.string() + specs);
    BOOST_TEST(r2.code == 0, r2.output);
    BOOST_TEST(r2.output.find("(negative control \"shifted-key\")") != std::string::npos, r2.output);
    BOOST_TEST(r2.output.find("the counterexample still stands") != std::string::npos, r2.output);

    ordered_json v1 = v2;
    v1.erase("version");
    v1.erase("negative");
    const auto r1 = replay_json(v1, "v1.json");
    BOOST_TEST(r1.code == 0, r1.output);
    BOOST_TEST(r1.output.find("(negative control)") != std::string::npos, r1.output);
    BOOST_TEST(r1.output.find("the counterexample still stands") != std::string::npos, r1.output);
}

BOOST_AUTO_TEST_CASE(probe_records_of_version_1_still_stand) {
    // A length compared exactly, and an enclosure compared by overlap.
    for (const char* name : {"density-json", "diagonal-json"}) {
        BOOST_TEST_CONTEXT(name) {
            const fs::path file = golden / name / "replay.json";
            const ordered_json v1 = read_json(file);
            BOOST_REQUIRE(v1.at("version") == 1);
            BOOST_REQUIRE(v1.at("kind") == "probe");
            const auto r = run_tool("replay " + file.string());
            BOOST_TEST(r.code == 0, r.output);
            BOOST_TEST(r.output.find("the answer stands") != std::string::npos, r.output);
            // The same record with its answer moved no longer stands.
            ordered_json moved = v1;
            if (moved["answer"].contains("least_length"))
                moved["answer"]["least_length"] = moved["answer"]["least_length"].get<int>() + 1;
            else
                moved["answer"]["scale_lower"] = moved["answer"]["scale_upper"] = "1e+12";
            const auto changed = replay_json(moved, "moved.json");
            BOOST_TEST(changed.code == 1, changed.output);
            BOOST_TEST(changed.output.find("the answer CHANGED") != std::string::npos, changed.output);
        }
    }
}

BOOST_AUTO_TEST_CASE(records_written_now_are_version_3_with_their_kind) {
    const fs::path file = scratch("density.json");
    const auto r = run_tool("probe density --gap 0.5 --head-dim 8 --replay-file " + file.string());
    BOOST_REQUIRE_MESSAGE(r.code == 0, r.output);
    const ordered_json record = read_json(file);
    BOOST_TEST(record.at("version") == 3);
    BOOST_TEST(record.at("kind") == "probe");
    BOOST_TEST(record.at("probe") == "density");
    BOOST_TEST(record.at("parameters").at("precision") == 128);
    BOOST_TEST(run_tool("replay " + file.string()).code == 0);
    fs::remove(file);
}

BOOST_AUTO_TEST_CASE(unknown_versions_and_kinds_are_bad_input) {
    ordered_json probe = read_json(golden / "density-json" / "replay.json");
    const auto expect_bad = [](const ordered_json& record, const std::string& message) {
        const auto r = replay_json(record, "bad.json");
        BOOST_TEST(r.code == 2, r.output);
        BOOST_TEST(r.output.find(message) != std::string::npos, r.output);
    };
    probe["version"] = 4;
    expect_bad(probe, "version 4 is not supported");
    probe["version"] = 2;  // probe records were never version 2
    expect_bad(probe, "version 1 or 3");
    probe["version"] = 3;
    probe["kind"] = "lemma";
    expect_bad(probe, "neither claim nor probe");
    probe.erase("kind");  // version 3 says its kind
    expect_bad(probe, "\"kind\"");
    ordered_json claim = read_json(golden / "run-ci" / "replays" / "prop-3.1_negative_shifted-key.json");
    claim.erase("negative");  // version 2 names its negative control
    expect_bad(claim, "\"negative\"");
    ordered_json unknown = read_json(golden / "density-json" / "replay.json");
    unknown["parameters"]["colour"] = "blue";
    expect_bad(unknown, "unknown parameter \"colour\"");
}

BOOST_AUTO_TEST_SUITE_END()
