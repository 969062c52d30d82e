// The command line as a user meets it: exit codes, messages, determinism of the
// report across thread counts, and that bad input leaves reports untouched.
#include <sys/wait.h>

#include <boost/test/unit_test.hpp>

#include "report_shape.hpp"
#include "../support/tool_runner.hpp"
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>
#include <sstream>

namespace fs = std::filesystem;

namespace {

using ropecheck::test::run_tool;

std::string read(const fs::path& p) {
    std::ifstream in(p);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

const fs::path source_theorems = fs::path(ROPECHECK_SOURCE_DIR) / "theorems";

// A scratch directory holding a copy of one real spec, edited by `edit`.
struct ScratchTheorems {
    fs::path dir;
    ScratchTheorems(const std::string& id, const std::string& find, const std::string& replace) {
        dir = fs::temp_directory_path() / ("ropecheck-cli-" + std::to_string(::getpid()) + "-" + id +
                                           std::to_string(std::hash<std::string>{}(find + replace)));
        fs::remove_all(dir);
        fs::create_directories(dir);
        std::string text = read(source_theorems / (id + ".toml"));
        if (!find.empty()) {
            const auto at = text.find(find);
            BOOST_REQUIRE_MESSAGE(at != std::string::npos, "fixture text not found: " << find);
            text.replace(at, find.size(), replace);
        }
        std::ofstream(dir / (id + ".toml")) << text;
    }
    ~ScratchTheorems() { fs::remove_all(dir); }
    std::string arg() const { return "--theorems " + dir.string(); }
};

fs::path fresh_dir(const std::string& name) {
    const auto d = fs::temp_directory_path() / ("ropecheck-cli-" + std::to_string(::getpid()) + "-" + name);
    fs::remove_all(d);
    return d;
}

std::string without_timing(const fs::path& report) {
    auto j = nlohmann::ordered_json::parse(read(report));
    j.erase("timing");
    return j.dump();
}

}  // namespace

BOOST_AUTO_TEST_SUITE(cli)

BOOST_AUTO_TEST_CASE(list_names_every_claim) {
    const auto text = run_tool("list --theorems " + source_theorems.string());
    BOOST_TEST(text.code == 0);
    BOOST_TEST(text.output.find("prop-3.1") != std::string::npos);
    BOOST_TEST(text.output.find("Section 3, Proposition 3.1") != std::string::npos);
    const auto json = run_tool("list --format json --theorems " + source_theorems.string());
    BOOST_TEST(json.code == 0);
    const auto parsed = nlohmann::json::parse(json.output);
    BOOST_TEST(parsed.size() >= 3u);
    for (const auto& c : parsed) {
        BOOST_TEST(c.contains("id"));
        BOOST_REQUIRE(!c["negatives"].empty());
        for (const auto& n : c["negatives"]) {
            BOOST_TEST(n["expected"] == "refuted");
            BOOST_TEST(n["run_id"] == c["id"].get<std::string>() + "/negative/" + n["name"].get<std::string>());
        }
    }
}

BOOST_AUTO_TEST_CASE(report_is_identical_for_one_and_two_threads) {
    const auto one = fresh_dir("jobs1"), two = fresh_dir("jobs2");
    const std::string common = "run --claims 'prop-3.2,prope-*' --seed 7 --theorems " + source_theorems.string();
    const auto a = run_tool(common + " --jobs 1 --report-dir " + one.string());
    const auto b = run_tool(common + " --jobs 2 --report-dir " + two.string());
    BOOST_TEST(a.code == 0);
    BOOST_TEST(b.code == 0);
    BOOST_TEST(without_timing(one / "report.json") == without_timing(two / "report.json"));
    BOOST_TEST(read(one / "report.json") != read(two / "report.json"));  // the timing section differs
    for (const char* f : {"report.json", "junit.xml", "report.md"}) BOOST_TEST(fs::exists(one / f));
    const auto report = nlohmann::json::parse(read(one / "report.json"));
    report_shape::check_report_json(report);
    report_shape::check_junit_xml(read(one / "junit.xml"), report);
    const auto other_seed = fresh_dir("seed8");
    run_tool("run --claims prop-3.2 --seed 8 --jobs 1 --theorems " + source_theorems.string() + " --report-dir " +
              other_seed.string());
    BOOST_TEST(without_timing(other_seed / "report.json") != without_timing(one / "report.json"));
    fs::remove_all(one);
    fs::remove_all(two);
    fs::remove_all(other_seed);
}

BOOST_AUTO_TEST_CASE(a_claim_that_misses_its_expectation_exits_1) {
    // The negative control no longer perturbs anything, so it is certified, not refuted.
    ScratchTheorems t("prope-identities", "control = \"neox-equals-prope\"", "control = \"none\"");
    const auto dir = fresh_dir("mismatch");
    const auto r = run_tool("run --claims prope-identities --jobs 2 " + t.arg() + " --report-dir " + dir.string());
    BOOST_TEST(r.code == 1);
    BOOST_TEST(r.output.find("MISMATCH") != std::string::npos);
    const auto report = nlohmann::json::parse(read(dir / "report.json"));
    BOOST_TEST(report["summary"]["all_ok"] == false);
    BOOST_TEST(read(dir / "junit.xml").find("<failure") != std::string::npos);
    report_shape::check_report_json(report);
    report_shape::check_junit_xml(read(dir / "junit.xml"), report);
    fs::remove_all(dir);
}

struct BadInput {
    std::string id, find, replace, message;
};

BOOST_AUTO_TEST_CASE(bad_specs_exit_2_naming_the_problem_and_leave_reports_alone) {
    const std::vector<BadInput> cases{
        {"prope-identities", "head_dim = [8, 64, 256]", "head_dim = [8, 7]", "odd"},
        {"prope-identities", "theta = [\"10000\", \"500000\"]\np = ", "theta = [\"1\"]\np = ", "greater than 1"},
        {"prope-identities", "p = [\"0\", \"0.25\"", "p = [\"1.5\", \"0.25\"", "outside [0, 1]"},
        {"prope-identities", "window = 32", "window = 32\nwidth = 3", "width"},
        {"prope-identities", "precision = 128", "precision = 40", "precision"},
        {"prope-identities", "title = ", "titel = ", "titel"},
        {"prop-3.2", "max_distance = 5000\ndistance_step = 100", "max_distance = -5\ndistance_step = 100", "max_distance"},
        {"prop-3.1", "window = 20000", "window = -20000", "window"},
        // A pipeline variant that is no preset, in the grid and in a negative's overrides.
        {"pipeline-thm-5.3", "pipeline_variant = [\"default\", \"positions-bf16\"",
         "pipeline_variant = [\"default\", \"positions-fp8\"", "pipeline_variant positions-fp8"},
        {"pipeline-thm-6.1", "pipeline_variant = \"inv-freq-bf16\"", "pipeline_variant = \"inv-freq-tf32\"",
         "pipeline_variant inv-freq-tf32"},
        {"pipeline-thm-5.3", "variant_pins = \"positions-bf16 257 44 44;", "variant_pins = \"positions-bf16 257 44;",
         "variant_pins"},
    };
    const auto reports = fresh_dir("untouched");
    fs::create_directories(reports);
    std::ofstream(reports / "report.json") << "previous report\n";
    for (const auto& c : cases) {
        ScratchTheorems t(c.id, c.find, c.replace);
        const auto r = run_tool("run " + t.arg() + " --report-dir " + reports.string());
        BOOST_TEST_CONTEXT(c.replace) {
            BOOST_TEST(r.code == 2);
            BOOST_TEST(r.output.find(c.message) != std::string::npos, r.output);
            BOOST_TEST(r.output.find(c.id + ".toml") != std::string::npos, r.output);
        }
    }
    BOOST_TEST(read(reports / "report.json") == "previous report\n");
    std::size_t files = 0;
    for ([[maybe_unused]] const auto& e : fs::directory_iterator(reports)) ++files;
    BOOST_TEST(files == 1u);
    fs::remove_all(reports);
}

BOOST_AUTO_TEST_CASE(bad_arguments_exit_2) {
    const std::string specs = " --theorems " + source_theorems.string();
    const std::vector<std::pair<std::string, std::string>> cases{
        {"run --precision 40" + specs, "precision"},
        {"run --profile nightly" + specs, "nightly"},
        {"run --claims 'no-such-*'" + specs, "selects no claim"},
        {"run --jobs 0" + specs, "jobs"},
        {"run --theorems /nonexistent/dir", "/nonexistent/dir"},
        {"list --format yaml" + specs, "yaml"},
        {"frobnicate", "frobnicate"},
        {"", "subcommand"},
    };
    for (const auto& [args, message] : cases) {
        const auto r = run_tool(args);
        BOOST_TEST_CONTEXT(args) {
            BOOST_TEST(r.code == 2);
            BOOST_TEST(r.output.find(message) != std::string::npos, r.output);
        }
    }
    // An unreadable spec: a file name that is a dangling link.
    const auto dir = fresh_dir("dangling");
    fs::create_directories(dir);
    fs::create_symlink(dir / "missing-target", dir / "ghost.toml");
    const auto r = run_tool("list --theorems " + dir.string());
    BOOST_TEST(r.code == 2);
    BOOST_TEST(r.output.find("ghost.toml") != std::string::npos, r.output);
    fs::remove_all(dir);
    BOOST_TEST(run_tool("--help").code == 0);
    BOOST_TEST(run_tool("run --help").code == 0);
}

BOOST_AUTO_TEST_CASE(replay_rechecks_counterexamples) {
    const auto dir = fresh_dir("replay");
    const auto r = run_tool("run --claims prop-3.1 --jobs 1 --theorems " + source_theorems.string() +
                             " --report-dir " + dir.string());
    BOOST_TEST(r.code == 0);
    const auto record = dir / "replays" / "prop-3.1_negative_shifted-key.json";
    BOOST_REQUIRE(fs::exists(record));
    {
        const auto v3 = nlohmann::ordered_json::parse(read(record));
        BOOST_TEST(v3["version"] == 3);
        BOOST_TEST(v3["kind"] == "claim");
        BOOST_TEST(v3["negative"] == "shifted-key");
    }
    const std::string specs = " --theorems " + source_theorems.string();
    BOOST_TEST(run_tool("replay " + record.string() + specs).code == 0);
    BOOST_TEST(run_tool("replay " + record.string() + " --precision 256" + specs).code == 0);
    // The same instance without the perturbed key is certified: the record no longer stands.
    auto j = nlohmann::ordered_json::parse(read(record));
    j["parameters"]["control"] = "none";
    std::ofstream(dir / "tampered.json") << j.dump();
    const auto tampered = run_tool("replay " + (dir / "tampered.json").string() + specs);
    BOOST_TEST(tampered.code == 1);
    BOOST_TEST(tampered.output.find("does NOT stand") != std::string::npos, tampered.output);
    // A version-1 record (before negatives had names) is still read and still stands.
    auto v1 = nlohmann::ordered_json::parse(read(record));
    v1["version"] = 1;
    v1.erase("negative");
    v1.erase("kind");
    std::ofstream(dir / "v1.json") << v1.dump();
    const auto old = run_tool("replay " + (dir / "v1.json").string() + specs);
    BOOST_TEST(old.code == 0, old.output);
    BOOST_TEST(old.output.find("the counterexample still stands") != std::string::npos, old.output);
    auto v4 = v1;
    v4["version"] = 4;
    std::ofstream(dir / "v4.json") << v4.dump();
    const auto future = run_tool("replay " + (dir / "v4.json").string() + specs);
    BOOST_TEST(future.code == 2);
    BOOST_TEST(future.output.find("version 4 is not supported") != std::string::npos, future.output);
    std::ofstream(dir / "broken.json") << "{not json";
    BOOST_TEST(run_tool("replay " + (dir / "broken.json").string() + specs).code == 2);
    BOOST_TEST(run_tool("replay " + record.string() + " --precision 40" + specs).code == 2);
    fs::remove_all(dir);
}

BOOST_AUTO_TEST_SUITE_END()
