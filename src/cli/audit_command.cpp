// `ropecheck audit`: what a real model's RoPE configuration means for the
// paper's constructions, layer group by layer group, certified at 128 bits.
// The config is resolved by model/, the findings are decided by audit/ through
// the runner; this file validates the options, prints text or JSON and writes
// the reports. The JSON is deterministic: no timings, and the work done never
// depends on time.
#include "ropecheck/cli/audit_command.hpp"

#include <omp.h>

#include <algorithm>
#include <ostream>
#include <set>

#include "audit_json.hpp"
#include "audit_slips.hpp"
#include "audit_text.hpp"
#include "ropecheck/audit/audit_run.hpp"
#include "ropecheck/audit/finding_check.hpp"
#include "ropecheck/audit/precision_slips.hpp"
#include "ropecheck/cli/app.hpp"
#include "ropecheck/cli/provenance.hpp"
#include "ropecheck/model/layer_groups.hpp"
#include "ropecheck/numeric/invalid_input.hpp"
#include "ropecheck/numeric/precision_guard.hpp"
#include "ropecheck/probes/semantic_break.hpp"
#include "ropecheck/report/report_writer.hpp"
#include "ropecheck/version.hpp"

namespace ropecheck::cli {
namespace {

constexpr unsigned audit_precision_bits = 128;

// Every --fail-on name must be a finding check or one of its labels.
void validate_fail_on(const std::vector<std::string>& names) {
    std::set<std::string> known;
    for (const auto& check : audit::make_finding_checks(std::make_shared<audit::AuditSubject>()))
        known.insert(check->name());
    for (const auto& d : audit::collision_dtypes()) known.insert("float-collision/" + d);
    for (const auto& name : names)
        if (!known.count(name)) {
            std::string list;
            for (const auto& k : known) list += (list.empty() ? "" : ", ") + k;
            throw InvalidInput("--fail-on " + name + ": no finding of that name (expected one of " + list + ")");
        }
}

bool named(const audit::AuditFinding& f, const std::vector<std::string>& names) {
    const std::string check = f.label.substr(0, f.label.find('/'));
    return std::find(names.begin(), names.end(), f.label) != names.end() ||
           std::find(names.begin(), names.end(), check) != names.end();
}

}  // namespace

int audit_command(const AuditOptions& options, std::ostream& out) {
    if (options.format != "text" && options.format != "json")
        throw InvalidInput("--format " + options.format + ": expected text or json");
    if (options.base_bound_budget < 1)
        throw InvalidInput("--base-bound-budget " + std::to_string(options.base_bound_budget) + ": expected at least 1");
    if (options.jobs < 0) throw InvalidInput("--jobs " + std::to_string(options.jobs) + ": expected at least 1");
    validate_fail_on(options.fail_on);
    numeric::PrecisionGuard precision(audit_precision_bits);
    model::ModelLayout layout = model::load_model_layout(options.config, options.context);
    if (layout.context_length > probes::max_break_distance)
        throw InvalidInput("--context " + std::to_string(layout.context_length) + ": expected at most 2^52");

    audit::FindingLimits limits;
    limits.base_bound_budget = options.base_bound_budget;
    const int jobs = options.jobs > 0 ? options.jobs : omp_get_max_threads();
    const std::string name = options.config.filename().string();
    const auto run = audit::run_audit(std::move(layout), limits, jobs, name, ROPECHECK_VERSION);

    run->result.provenance = build_provenance();
    if (options.report_dir) report::write_reports(run->result, *options.report_dir);
    std::vector<audit::GroupSlips> slips;
    const numeric::IeeeFormat slips_dtype = audit::slips_dtype(run->layout);
    if (options.precision_slips) slips = audit::precision_slips(run->layout, slips_dtype);
    if (options.format == "json") {
        core::json j = audit_json(*run, name, limits);
        if (options.precision_slips) j["precision_slips"] = slips_json(slips, slips_dtype);
        out << j.dump(2) << '\n';
    } else {
        out << audit_text(*run, name, audit_precision_bits);
        if (options.precision_slips) out << slips_text(slips, slips_dtype);
    }

    bool erred = false, gated = false;
    for (const auto& f : run->findings) {
        erred = erred || f.outcome->actual == core::Verdict::error;
        gated = gated || (f.outcome->actual == core::Verdict::refuted && named(f, options.fail_on));
    }
    return erred || gated ? exit_mismatch : exit_ok;
}

}  // namespace ropecheck::cli
