#include <omp.h>

#include <fstream>
#include <ostream>

#include "ropecheck/claims/builtin_checks.hpp"
#include "ropecheck/cli/app.hpp"
#include "ropecheck/cli/commands.hpp"
#include "ropecheck/cli/console_output.hpp"
#include "ropecheck/cli/progress_display.hpp"
#include "ropecheck/cli/provenance.hpp"
#include "ropecheck/core/runner.hpp"
#include "ropecheck/numeric/invalid_input.hpp"
#include "ropecheck/report/atomic_file.hpp"
#include "ropecheck/report/html_report.hpp"
#include "ropecheck/report/literature_table.hpp"
#include "ropecheck/report/report_writer.hpp"
#include "ropecheck/spec/spec_loader.hpp"
#include "ropecheck/version.hpp"

namespace ropecheck::cli {

std::filesystem::path replay_file_for(const std::filesystem::path& report_dir, const std::string& run_id) {
    return report_dir / report::replay_file_name(run_id);
}

int run_command(const RunOptions& options, std::ostream& out, std::ostream& err) {
    if (options.profile != "ci" && options.profile != "full")
        throw InvalidInput("--profile " + options.profile + ": expected ci or full");
    if (std::filesystem::exists(options.report_dir) && !std::filesystem::is_directory(options.report_dir))
        throw InvalidInput("--report-dir " + options.report_dir.string() + " exists and is not a directory");

    // Everything is read and validated before anything runs or is written.
    // The literature suite (theorems/literature/) only when a glob names it (spec_loader.hpp).
    const auto selected = spec::select_claim_specs(spec::load_all_claim_specs(options.theorems), options.claim_globs);
    core::CheckRegistry registry;
    claims::register_builtin_checks(registry);
    spec::validate_claim_specs(selected, registry);

    core::RunParameters parameters;
    parameters.profile = options.profile;
    parameters.claim_globs = options.claim_globs;
    parameters.seed = options.seed;
    parameters.precision_override = options.precision;
    const auto plan = core::plan_run(selected, registry, parameters);

    // The report directory must be writable before hours of checking go into it;
    // it is made only once the specs are known good (a refused run writes nothing).
    try {
        std::filesystem::create_directories(options.report_dir);
        const auto probe = options.report_dir / ".ropecheck-write-test";
        if (!std::ofstream(probe)) throw std::runtime_error("cannot create a file there");
        std::filesystem::remove(probe);
    } catch (const std::exception& e) {
        throw InvalidInput("--report-dir " + options.report_dir.string() + " is not writable: " + e.what());
    }

    const int jobs = options.jobs > 0 ? options.jobs : omp_get_num_procs();
    std::size_t instances = 0;
    for (const auto& p : plan) instances += p.instances.size();
    const Verbosity verbosity = options.verbosity <= 0   ? Verbosity::quiet
                                : options.verbosity >= 2 ? Verbosity::verbose
                                                         : Verbosity::normal;
    if (verbosity != Verbosity::quiet)
        out << "ropecheck " << ROPECHECK_VERSION << ": profile " << options.profile << ", seed " << options.seed << ", "
            << plan.size() << " claims (with negative controls), " << instances << " instances, " << jobs
            << " thread(s)\n";
    ProgressDisplay display(out, options.live_progress, verbosity, plan);
    auto run = core::run_plan(
        plan, parameters, jobs, [&](const core::ClaimOutcome& c, double seconds) { display.claim_done(c, seconds); },
        [&](const core::InstanceEvent& e) { display.instance_event(e); });
    display.finish();
    run.tool_version = ROPECHECK_VERSION;
    run.provenance = build_provenance();
    print_summary(out, run);

    report::write_reports(run, options.report_dir);
    out << "Reports: " << (options.report_dir / "report.json").string()
        << ", junit.xml, report.md, report.html (figures as SVG files beside them)\n";
    // One replay record per counterexample, so `ropecheck replay FILE` can re-check it.
    std::size_t replays = 0;
    for (const auto& c : run.claims) {
        if (!c.counterexample || c.counterexample->replay.empty()) continue;
        const auto file = replay_file_for(options.report_dir, c.run_id);
        std::filesystem::create_directories(file.parent_path());
        report::write_file_atomically(file, c.counterexample->replay.dump(2) + "\n");
        if (replays++ == 0) out << "Replay records in " << file.parent_path().string() << "/, e.g. ropecheck replay " << file.string() << '\n';
    }
    // A literature claim's table names one replay record per refuted row (report/literature_table.hpp).
    for (const auto& [name, record] : report::literature_replays(run)) {
        std::filesystem::create_directories(options.report_dir / "replays");
        report::write_file_atomically(options.report_dir / "replays" / name, record.dump(2) + "\n");
    }

    for (const auto& c : run.claims)
        if (c.actual == core::Verdict::error) {
            err << "ropecheck: internal error in " << c.run_id << ": " << c.message << '\n';
            return exit_internal;
        }
    return run.all_ok() ? exit_ok : exit_mismatch;
}

}  // namespace ropecheck::cli
