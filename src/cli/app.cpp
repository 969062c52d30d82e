#include "ropecheck/cli/app.hpp"

#include <unistd.h>

#include <CLI/CLI.hpp>
#include <cstdlib>
#include <iostream>

#include "ropecheck/cli/commands.hpp"
#include "ropecheck/cli/audit_command.hpp"
#include "probe_command_line.hpp"
#include "ropecheck/cli/probe_command.hpp"
#include "ropecheck/numeric/invalid_input.hpp"
#include "ropecheck/numeric/runtime_checks.hpp"
#include "ropecheck/version.hpp"

namespace ropecheck::cli {

namespace {

// "a,b" -> {"a", "b"} (empty pieces dropped); --claims names the option in the message.
std::vector<std::string> split_globs(const std::string& globs) {
    std::vector<std::string> out;
    for (std::size_t start = 0; start <= globs.size();) {
        const std::size_t comma = std::min(globs.find(',', start), globs.size());
        if (comma > start) out.push_back(globs.substr(start, comma - start));
        start = comma + 1;
    }
    if (out.empty()) throw InvalidInput("--claims is empty");
    return out;
}

}  // namespace

int run_app(int argc, char** argv) {
    CLI::App app{"ropecheck: certified checks of the claims of \"Round and Round We Go! What makes Rotary "
                 "Positional Encodings useful?\" (Barbero et al., ICLR 2025)"};
    app.set_version_flag("--version", std::string("ropecheck ") + ROPECHECK_VERSION);
    app.require_subcommand(1);

    ListOptions list;
    list.theorems = default_theorems_dir();
    auto* list_cmd = app.add_subcommand("list", "List the claims: id, expected verdict, paper source, title");
    list_cmd->add_option("--theorems", list.theorems, "Directory of claim specs (*.toml)");
    list_cmd->add_option("--format", list.format, "text or json")->check(CLI::IsMember({"text", "json"}));
    std::string list_globs = "*";
    list_cmd->add_option("--claims", list_globs, "Comma-separated globs of claim ids ('literature-*': the literature)");

    RunOptions run;
    run.theorems = default_theorems_dir();
    std::string globs = "*";
    unsigned precision = 0;
    auto* run_cmd = app.add_subcommand("run", "Run the claims and their negative controls; write reports");
    run_cmd->add_option("--profile", run.profile, "Parameter grid: ci or full")->check(CLI::IsMember({"ci", "full"}));
    run_cmd->add_option("--claims", globs, "Comma-separated globs of claim ids, e.g. 'prop-3.*'");
    run_cmd->add_option("--jobs,-j", run.jobs, "Threads (default: every core)")->check(CLI::Range(1, 1024));
    // CLI11 reads an unsigned option with strtoull, which wraps "-1" to 2^64 - 1 and saturates
    // past 2^64 - 1: accept decimal digits of a value that fits, nothing else.
    run_cmd->add_option("--seed", run.seed, "Run seed; each instance derives its own from it")
        ->check(CLI::Validator(
            [](std::string& value) {
                const std::string max = "18446744073709551615";  // 2^64 - 1
                const bool digits = !value.empty() && value.find_first_not_of("0123456789") == std::string::npos;
                const bool fits = value.size() < max.size() || (value.size() == max.size() && value <= max);
                return digits && fits ? std::string() : "expected an integer from 0 to 2^64 - 1, got " + value;
            },
            "", "unsigned"));
    auto* precision_opt =
        run_cmd->add_option("--precision", precision, "Working precision in bits for every claim (>= 53)");
    run_cmd->add_option("--report-dir", run.report_dir, "Where report.json, junit.xml and report.md go");
    run_cmd->add_option("--theorems", run.theorems, "Directory of claim specs (*.toml)");
    bool quiet = false, verbose = false;
    auto* quiet_flag = run_cmd->add_flag("--quiet,-q", quiet, "Print only the summary (no line per claim, no progress)");
    auto* verbose_flag = run_cmd->add_flag("--verbose,-v", verbose, "Also print a line per instance as it is decided");
    quiet_flag->excludes(verbose_flag);

    detail::ProbeCommandLine probe(app);

    ReplayOptions replay;
    replay.theorems = default_theorems_dir();
    unsigned replay_precision = 0;
    auto* replay_cmd = app.add_subcommand("replay", "Re-check a replay record (a counterexample or a probe answer)");
    replay_cmd->add_option("file", replay.file, "The JSON replay record")->required();
    auto* replay_precision_opt =
        replay_cmd->add_option("--precision", replay_precision, "Re-check at this precision (bits, >= 53)");
    replay_cmd->add_option("--theorems", replay.theorems, "Directory of claim specs (*.toml)");

    DiffOptions diff;
    auto* diff_cmd = app.add_subcommand("diff", "Compare two report.json files; exit 1 on a regression");
    diff_cmd->add_option("old", diff.old_report, "The earlier report.json")->required();
    diff_cmd->add_option("new", diff.new_report, "The later report.json")->required();
    diff_cmd->add_option("--tolerance", diff.tolerance,
                         "Relative change of a smallest margin's lower bound that is not reported (default 0)");

    AuditOptions audit;
    std::int64_t audit_context = 0;
    auto* audit_cmd = app.add_subcommand("audit", "What the paper's results mean for a model's config.json");
    audit_cmd->add_option("--config", audit.config, "A Hugging Face style config.json")->required();
    auto* audit_context_opt = audit_cmd->add_option("--context", audit_context, "Context length L (default: max_position_embeddings)");
    audit_cmd->add_option("--format", audit.format, "text or json")->check(CLI::IsMember({"text", "json"}));
    audit_cmd->add_option("--report-dir", audit.report_dir, "Also write report.json, junit.xml and report.md here");
    audit_cmd->add_option("--fail-on", audit.fail_on, "Exit 1 when one of these findings (thm-6.1, ...) is refuted for some group")
        ->delimiter(',');
    audit_cmd->add_option("--base-bound-budget", audit.base_bound_budget,
                          "Work units (context x rotary width) the base bound may take per group (default 2^23)");
    audit_cmd->add_flag("--precision-slips", audit.precision_slips,
                        "Also report what each pipeline-variant preset does within the context");
    audit_cmd->add_option("--jobs,-j", audit.jobs, "Threads (default: every core)")->check(CLI::Range(1, 1024));

    // CLI11 would only say "a subcommand is required"; name the word it got.
    if (argc > 1 && argv[1][0] != '-') {
        const std::string word = argv[1];
        if (word != "list" && word != "run" && word != "probe" && word != "replay" && word != "audit" &&
            word != "diff") {
            std::cerr << "ropecheck: error: unknown subcommand \"" << word
                      << "\" (expected list, run, probe, replay, audit or diff)\n";
            return exit_bad_input;
        }
        // Likewise for a probe name: list the probes there are.
        if (word == "probe" && argc > 2 && argv[2][0] != '-') {
            try {
                find_probe(argv[2]);
            } catch (const InvalidInput& e) {
                std::cerr << "ropecheck: error: " << e.what() << '\n';
                return exit_bad_input;
            }
        }
    }
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        const int code = app.exit(e);
        return code == 0 ? exit_ok : exit_bad_input;
    }

    try {
        // Before anything runs in parallel: the libraries are what the numeric layer assumes.
        numeric::verify_numeric_runtime();
        if (list_cmd->parsed()) {
            list.claim_globs = split_globs(list_globs);
            return list_command(list, std::cout);
        }
        if (probe.parsed()) return probe_command(probe.request(), std::cout);
        if (replay_cmd->parsed()) {
            if (replay_precision_opt->count() > 0) replay.precision = replay_precision;
            return replay_command(replay, std::cout);
        }
        if (diff_cmd->parsed()) return diff_command(diff, std::cout);
        if (audit_cmd->parsed()) {
            if (audit_context_opt->count() > 0) {
                if (audit_context < 1) throw InvalidInput("--context " + std::to_string(audit_context) + " must be >= 1");
                audit.context = audit_context;
            }
            return audit_command(audit, std::cout);
        }
        if (precision_opt->count() > 0) run.precision = precision;
        run.verbosity = quiet ? 0 : verbose ? 2 : 1;
        // A live progress block only on a terminal that understands it; a pipe or
        // a CI log gets plain lines.
        const char* term = std::getenv("TERM");
        run.live_progress = ::isatty(STDOUT_FILENO) == 1 && !(term && std::string(term) == "dumb");
        run.claim_globs = split_globs(globs);
        return run_command(run, std::cout, std::cerr);
    } catch (const InvalidInput& e) {
        std::cerr << "ropecheck: error: " << e.what() << '\n';
        return exit_bad_input;
    } catch (const std::exception& e) {
        std::cerr << "ropecheck: internal error: " << e.what() << '\n';
        return exit_internal;
    }
}

}  // namespace ropecheck::cli
