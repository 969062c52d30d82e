// The mutation test: runs `ropecheck-mutant run --profile ci --claims '*,literature-*'` (the
// paper's claims and the literature suite, theorems/literature/) on the shipped theorems
// once with no mutant and once under every mutant of the catalogue
// (include/ropecheck/numeric/mutant.hpp), and fails unless
//  - the run with no mutant passes (the twin build answers like the real one),
//  - every mutant is killed: its run does not exit 0 (1 expected; a crash,
//    a timeout or exit 3 counts and is noted in the table),
//  - every claim kills at least one mutant of the numeric code (mutants of the
//    runner's plumbing turn every claim red and do not count for this),
//  - README.md's score tables, between the mutation-score markers, are what
//    this run produced. Regenerate them with
//      ROPECHECK_UPDATE_README=1 build/tests/test_mutation
//    (ROPECHECK_MUTANTS_ONLY=a,b runs only those mutants and never updates README).
#include <sys/wait.h>
#include <unistd.h>

#include <boost/test/unit_test.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "ropecheck/core/parameters.hpp"
#include "ropecheck/numeric/mutant.hpp"

namespace fs = std::filesystem;
using ropecheck::core::json;

namespace {

const fs::path readme = fs::path(ROPECHECK_SOURCE_DIR) / "README.md";
const std::string begin_marker = "<!-- mutation-score -->\n";
const std::string end_marker = "<!-- end mutation-score -->";

std::string read_all(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

struct MutantRun {
    std::string name;
    std::string layer;
    std::string mutation;
    int exit_code = -1;                // 124: timed out; -1: did not exit normally
    std::vector<std::string> red;      // run ids that did not meet their expectation
    std::set<std::string> red_claims;  // spec ids among them
};

std::string scratch_dir() {
    const fs::path dir = fs::temp_directory_path() / ("ropecheck-mutation-" + std::to_string(::getpid()));
    fs::create_directories(dir);
    return dir.string();
}

// One ci run of the mutant binary; the report's claims say which went red.
MutantRun run_ci(const std::string& mutant, const fs::path& dir) {
    fs::create_directories(dir);
    const std::string command = "ROPECHECK_MUTANT=" + mutant + " timeout 900 " + std::string(ROPECHECK_MUTANT_BINARY) +
                                " run --profile ci --claims '*,literature-*' --jobs 2 --theorems " + ROPECHECK_SOURCE_DIR +
                                "/theorems --report-dir " + dir.string() + " > " + (dir / "console.txt").string() +
                                " 2>&1";
    const int status = std::system(command.c_str());
    MutantRun run;
    run.name = mutant;
    run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    const fs::path report = dir / "report.json";
    if (fs::exists(report)) {
        const json doc = json::parse(read_all(report));
        for (const json& c : doc.at("claims"))
            if (!c.at("ok").get<bool>()) {
                run.red.push_back(c.at("run_id").get<std::string>());
                run.red_claims.insert(c.at("id").get<std::string>());
            }
    }
    return run;
}

std::string exit_text(int code) {
    switch (code) {
        case 0: return "0 (survived)";
        case 1: return "1";
        case 2: return "2 (bad input)";
        case 3: return "3 (internal error)";
        case 124: return "timeout";
        case -1: return "crash";
        default: return std::to_string(code);
    }
}

bool counts_for_claims(const MutantRun& m) { return !m.layer.starts_with("core/"); }

std::string tables(const std::vector<MutantRun>& runs, const std::vector<std::string>& claims) {
    std::ostringstream out;
    std::size_t killed = 0;
    for (const auto& m : runs) killed += m.exit_code != 0 ? 1 : 0;
    out << "Mutation score of the ci profile: **" << killed << " of " << runs.size() << " mutants killed** ("
        << (runs.empty() ? 0 : 100 * killed / runs.size()) << " %).\n\n";
    out << "| # | Mutant | Where | Bug | ci exit | Runs turned red |\n|---|---|---|---|---|---:|\n";
    for (std::size_t i = 0; i < runs.size(); ++i)
        out << "| M" << i + 1 << " | `" << runs[i].name << "` | " << runs[i].layer << " | " << runs[i].mutation << " | "
            << exit_text(runs[i].exit_code) << " | " << runs[i].red.size() << " |\n";
    out << "\nClaim × mutant: ● where the claim (or one of its negative controls) went red under the mutant.\n\n";
    out << "| Claim |";
    for (std::size_t i = 0; i < runs.size(); ++i) out << " M" << i + 1 << " |";
    out << " Kills |\n|---|";
    for (std::size_t i = 0; i < runs.size(); ++i) out << ":-:|";
    out << "---:|\n";
    for (const auto& claim : claims) {
        out << "| " << claim << " |";
        std::size_t n = 0;
        for (const auto& m : runs) {
            const bool hit = m.red_claims.count(claim) > 0;
            n += hit && counts_for_claims(m) ? 1 : 0;
            out << (hit ? " ● |" : "   |");
        }
        out << " " << n << " |\n";
    }
    return out.str();
}

// ROPECHECK_MUTANTS_ONLY's list, empty when unset: then every mutant runs.
std::vector<std::string> only_mutants() {
    std::vector<std::string> names;
    const char* only = std::getenv("ROPECHECK_MUTANTS_ONLY");
    if (only != nullptr && *only != '\0') {
        std::stringstream list(only);
        for (std::string name; std::getline(list, name, ',');) names.push_back(name);
    }
    return names;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(mutation)

BOOST_AUTO_TEST_CASE(every_mutant_is_killed_by_the_ci_profile) {
    const fs::path root = scratch_dir();
    const MutantRun baseline = run_ci("none", root / "none");
    BOOST_REQUIRE_MESSAGE(baseline.exit_code == 0, "the mutant binary with no mutant selected exits "
                                                       << baseline.exit_code << "; see " << (root / "none").string());
    std::vector<std::string> claims;
    {
        const json doc = json::parse(read_all(root / "none" / "report.json"));
        for (const json& c : doc.at("claims"))
            if (c.at("variant") == "claim") claims.push_back(c.at("id").get<std::string>());
    }

    std::vector<std::string> names = only_mutants();
    const bool partial = !names.empty();
    if (!partial)
        for (const auto& m : ropecheck::numeric::mutant_catalogue()) names.emplace_back(m.name);
    std::vector<MutantRun> runs;
    for (const std::string& name : names) {
        MutantRun run = run_ci(name, root / name);
        for (const auto& m : ropecheck::numeric::mutant_catalogue())
            if (m.name == name) {
                run.layer = m.layer;
                run.mutation = m.mutation;
            }
        BOOST_TEST_MESSAGE("mutant " << name << ": exit " << exit_text(run.exit_code) << ", " << run.red.size()
                                     << " runs red");
        BOOST_TEST(run.exit_code != 0, "mutant " << name << " survived the ci profile (every claim met)");
        BOOST_TEST(run.exit_code != 2, "mutant " << name << " was rejected as bad input: " << (root / name).string());
        runs.push_back(std::move(run));
    }
    if (!partial)
        for (const auto& claim : claims) {
            std::size_t kills = 0;
            for (const auto& m : runs) kills += m.red_claims.count(claim) > 0 && counts_for_claims(m) ? 1 : 0;
            BOOST_TEST(kills > 0u, "claim " << claim << " kills no mutant of the code it depends on");
        }

    const std::string generated = tables(runs, claims);
    BOOST_TEST_MESSAGE(generated);
    if (partial) return;
    const std::string text = read_all(readme);
    const auto begin = text.find(begin_marker);
    const auto end = text.find(end_marker);
    BOOST_REQUIRE_MESSAGE(begin != std::string::npos && end != std::string::npos && begin < end,
                          "README.md has no mutation-score markers");
    const auto block_begin = begin + begin_marker.size();
    if (const char* update = std::getenv("ROPECHECK_UPDATE_README"); update != nullptr && std::string(update) == "1") {
        const fs::path temp = readme.string() + ".tmp";
        std::ofstream(temp, std::ios::binary) << text.substr(0, block_begin) + generated + text.substr(end);
        fs::rename(temp, readme);
        BOOST_TEST_MESSAGE("README.md mutation-score tables regenerated");
    } else {
        BOOST_TEST(text.substr(block_begin, end - block_begin) == generated,
                   "README.md's mutation-score tables are stale; regenerate with ROPECHECK_UPDATE_README=1 "
                   "build/tests/test_mutation");
    }
    std::error_code ec;
    fs::remove_all(root, ec);
}

BOOST_AUTO_TEST_SUITE_END()
