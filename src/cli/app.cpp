#include "ropecheck/cli/app.hpp"

#include <CLI/CLI.hpp>
#include <map>
#include <tuple>
#include <vector>
#include <iostream>

#include "ropecheck/cli/commands.hpp"
#include "ropecheck/cli/audit_command.hpp"
#include "ropecheck/cli/probe_command.hpp"
#include "ropecheck/numeric/invalid_input.hpp"
#include "ropecheck/numeric/runtime_checks.hpp"
#include "ropecheck/version.hpp"

namespace ropecheck::cli {

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

    RunOptions run;
    run.theorems = default_theorems_dir();
    std::string globs = "*";
    unsigned precision = 0;
    auto* run_cmd = app.add_subcommand("run", "Run the claims and their negative controls; write reports");
    run_cmd->add_option("--profile", run.profile, "Parameter grid: ci or full")->check(CLI::IsMember({"ci", "full"}));
    run_cmd->add_option("--claims", globs, "Comma-separated globs of claim ids, e.g. 'prop-3.*'");
    run_cmd->add_option("--jobs,-j", run.jobs, "Threads (default: every core)")->check(CLI::Range(1, 1024));
    run_cmd->add_option("--seed", run.seed, "Run seed; each instance derives its own from it");
    auto* precision_opt =
        run_cmd->add_option("--precision", precision, "Working precision in bits for every claim (>= 53)");
    run_cmd->add_option("--report-dir", run.report_dir, "Where report.json, junit.xml and report.md go");
    run_cmd->add_option("--theorems", run.theorems, "Directory of claim specs (*.toml)");

    ProbeOptions probe;
    int probe_frequency = 0;
    std::int64_t probe_max_distance = 0, probe_context = 0, probe_max_length = 0;
    std::string probe_epsilon, probe_pattern, probe_gap, probe_replay_file, probe_dtype, probe_theta_floor;
    auto* probe_cmd = app.add_subcommand(
        "probe", "Answer one question with a certified number: positional-margin, semantic-break, diagonal-scale, density, "
                 "float-collision, base-bound");
    probe_cmd->add_option("name", probe.name,
                          "positional-margin, semantic-break, diagonal-scale, density, float-collision or base-bound")
        ->required();
    probe_cmd->add_option("--theta", probe.theta, "RoPE base theta (> 1)")->capture_default_str();
    probe_cmd->add_option("--head-dim", probe.head_dim, "Head dimension d (even)")->capture_default_str();
    auto* frequency_opt = probe_cmd->add_option(
        "--frequency", probe_frequency,
        "Which g_k, 1 = highest (default: 1; semantic-break: d/2, the lowest)");
    auto* all_opt = probe_cmd->add_flag("--all-frequencies", probe.all_frequencies,
                                        "Every g_k at once (positional-margin, semantic-break)");
    frequency_opt->excludes(all_opt);
    probe_cmd->add_option("--precision", probe.precision, "Working precision in bits (>= 53)")->capture_default_str();
    auto* max_distance_opt = probe_cmd->add_option(
        "--max-distance", probe_max_distance, "Distances 1..N searched (semantic-break default: 10^9)");
    auto* context_opt = probe_cmd->add_option(
        "--context", probe_context,
        "diagonal-scale, pipeline-diagonal: sequence length N; base-bound: context L; pipeline-flip: query positions (default twice the exact break)");
    auto* epsilon_opt = probe_cmd->add_option("--epsilon", probe_epsilon, "diagonal-scale: eps in (0, 1/2]");
    auto* pattern_opt =
        probe_cmd->add_option("--pattern", probe_pattern, "diagonal-scale: diagonal (default) or previous-token");
    auto* gap_opt = probe_cmd->add_option("--gap", probe_gap, "density: the gap delta, radians");
    auto* max_length_opt = probe_cmd->add_option("--max-length", probe_max_length, "density: lengths searched (default 10^9)");
    auto* dtype_opt = probe_cmd->add_option("--dtype", probe_dtype,
                                           "float-collision, pipeline-*: float32, bfloat16 (default) or float16");
    auto* theta_floor_opt = probe_cmd->add_option("--theta-floor", probe_theta_floor, "base-bound: least base considered (default 100)");
    // The schedule: Hugging Face rope_scaling keys with dashes for underscores.
    std::map<std::string, std::string> scaling_values;
    for (const auto& [flag, key, help] : std::vector<std::tuple<std::string, std::string, std::string>>{
             {"--scaling", "type", "default, linear, dynamic, yarn, longrope or llama3"},
             {"--factor", "factor", "scaling factor (>= 1)"},
             {"--low-freq-factor", "low_freq_factor", "llama3"},
             {"--high-freq-factor", "high_freq_factor", "llama3"},
             {"--original-max-position-embeddings", "original_max_position_embeddings", "L0 (yarn, llama3, longrope)"},
             {"--max-position-embeddings", "max_position_embeddings", "L (dynamic)"},
             {"--sequence-length", "sequence_length", "current length n (dynamic)"},
             {"--beta-fast", "beta_fast", "yarn (default 32)"},
             {"--beta-slow", "beta_slow", "yarn (default 1)"},
             {"--attention-factor", "attention_factor", "yarn"}})
        probe_cmd->add_option_function<std::string>(
            flag, [&scaling_values, key](const std::string& v) { scaling_values[key] = v; }, help);
    std::string partial_rotary, p_rope;
    auto* partial_opt = probe_cmd->add_option("--partial-rotary-factor", partial_rotary, "NeoX partial rotary fraction");
    auto* p_rope_opt = probe_cmd->add_option("--p-rope", p_rope, "p of p-RoPE (keep the floor(p d / 2) highest)");
    probe_cmd->add_option("--format", probe.format, "text or json")->check(CLI::IsMember({"text", "json"}));
    auto* replay_file_opt =
        probe_cmd->add_option("--replay-file", probe_replay_file, "Save the answer as a replay record (JSON)");

    ReplayOptions replay;
    replay.theorems = default_theorems_dir();
    unsigned replay_precision = 0;
    auto* replay_cmd = app.add_subcommand("replay", "Re-check a replay record (a counterexample or a probe answer)");
    replay_cmd->add_option("file", replay.file, "The JSON replay record")->required();
    auto* replay_precision_opt =
        replay_cmd->add_option("--precision", replay_precision, "Re-check at this precision (bits, >= 53)");
    replay_cmd->add_option("--theorems", replay.theorems, "Directory of claim specs (*.toml)");

    AuditOptions audit;
    std::int64_t audit_context = 0;
    auto* audit_cmd = app.add_subcommand("audit", "What the paper's results mean for a model's config.json");
    audit_cmd->add_option("--config", audit.config, "A Hugging Face style config.json")->required();
    auto* audit_context_opt = audit_cmd->add_option("--context", audit_context, "Context length L (default: max_position_embeddings)");
    audit_cmd->add_option("--format", audit.format, "text or json")->check(CLI::IsMember({"text", "json"}));

    // CLI11 would only say "a subcommand is required"; name the word it got.
    if (argc > 1 && argv[1][0] != '-') {
        const std::string word = argv[1];
        if (word != "list" && word != "run" && word != "probe" && word != "replay" && word != "audit") {
            std::cerr << "ropecheck: error: unknown subcommand \"" << word
                      << "\" (expected list, run, probe, replay or audit)\n";
            return exit_bad_input;
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
        if (list_cmd->parsed()) return list_command(list, std::cout);
        if (probe_cmd->parsed()) {
            if (frequency_opt->count() > 0) probe.frequency = probe_frequency;
            if (max_distance_opt->count() > 0) probe.max_distance = probe_max_distance;
            if (context_opt->count() > 0) probe.context = probe_context;
            if (epsilon_opt->count() > 0) probe.epsilon = probe_epsilon;
            if (pattern_opt->count() > 0) probe.pattern = probe_pattern;
            if (gap_opt->count() > 0) probe.gap = probe_gap;
            if (max_length_opt->count() > 0) probe.max_length = probe_max_length;
            if (replay_file_opt->count() > 0) probe.replay_file = probe_replay_file;
            if (dtype_opt->count() > 0) probe.dtype = probe_dtype;
            if (theta_floor_opt->count() > 0) probe.theta_floor = probe_theta_floor;
            probe.scaling = scaling_values;
            if (partial_opt->count() > 0) probe.partial_rotary_factor = partial_rotary;
            if (p_rope_opt->count() > 0) probe.p_rope = p_rope;
            return probe_command(probe, std::cout);
        }
        if (replay_cmd->parsed()) {
            if (replay_precision_opt->count() > 0) replay.precision = replay_precision;
            return replay_command(replay, std::cout);
        }
        if (audit_cmd->parsed()) {
            if (audit_context_opt->count() > 0) {
                if (audit_context < 1) throw InvalidInput("--context " + std::to_string(audit_context) + " must be >= 1");
                audit.context = audit_context;
            }
            return audit_command(audit, std::cout);
        }
        if (precision_opt->count() > 0) run.precision = precision;
        run.claim_globs.clear();
        for (std::size_t start = 0; start <= globs.size();) {
            const std::size_t comma = std::min(globs.find(',', start), globs.size());
            if (comma > start) run.claim_globs.push_back(globs.substr(start, comma - start));
            start = comma + 1;
        }
        if (run.claim_globs.empty()) throw InvalidInput("--claims is empty");
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
