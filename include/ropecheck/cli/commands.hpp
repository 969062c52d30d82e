#pragma once
// The subcommands behind `ropecheck`. Each returns an exit code (app.hpp) and
// throws InvalidInput for bad input, which run_app turns into exit code 2.
#include <cstdint>
#include <filesystem>
#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

namespace ropecheck::cli {

// Where specs come from when --theorems is not given: ./theorems if present; else
// the installed specs, <directory of this executable>/../share/ropecheck/theorems
// when that directory exists (an installed `ropecheck`); else the source tree's
// theorems/ this binary was built from (src/cli/theorems_dir.cpp).
std::filesystem::path default_theorems_dir();

struct ListOptions {
    std::filesystem::path theorems;
    std::string format = "text";  // text | json
    std::vector<std::string> claim_globs{"*"};  // spec::select_claim_specs: `*` is the paper's claims
};
int list_command(const ListOptions& options, std::ostream& out);

struct RunOptions {
    std::filesystem::path theorems;
    std::filesystem::path report_dir = "reports";
    std::string profile = "ci";
    std::vector<std::string> claim_globs{"*"};
    int jobs = 0;  // 0: every core
    std::uint64_t seed = 1;
    std::optional<unsigned> precision;
    bool live_progress = false;  // a terminal: redraw a progress block in place (progress_display.hpp)
    int verbosity = 1;           // 0 --quiet (summary only), 1 normal, 2 --verbose (every instance)
};
int run_command(const RunOptions& options, std::ostream& out, std::ostream& err);

// Re-checks a replay record written by `run` (reports/replays/*.json) or by a
// probe (--replay-file): re-runs that one instance, by default at the record's
// precision, or at --precision (e.g. higher, for an independent confirmation).
// Exit 0 when the counterexample (or probe answer) still stands, 1 when not.
struct ReplayOptions {
    std::filesystem::path file;
    std::filesystem::path theorems;
    std::optional<unsigned> precision;
};
int replay_command(const ReplayOptions& options, std::ostream& out);

// Compares two report.json files (report/report_diff.hpp): prints the claims
// added and removed, the verdicts changed and the margins moved beyond the
// tolerance. Exit 0 without a regression, 1 with one; a file that cannot be
// read or is no report is bad input (exit 2), named as OLD or NEW.
struct DiffOptions {
    std::filesystem::path old_report, new_report;
    double tolerance = 0;  // relative, on the smallest margin's lower bound
};
int diff_command(const DiffOptions& options, std::ostream& out);

// Where `run` writes the replay record of a claim's counterexample.
std::filesystem::path replay_file_for(const std::filesystem::path& report_dir, const std::string& run_id);

}  // namespace ropecheck::cli
