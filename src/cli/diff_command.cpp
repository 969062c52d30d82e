// `ropecheck diff OLD NEW`: two report.json files compared, for CI to gate on a
// change of the suite's results.
#include <cmath>
#include <cstdio>
#include <fstream>
#include <ostream>
#include <sstream>
#include <stdexcept>

#include "ropecheck/cli/app.hpp"
#include "ropecheck/cli/commands.hpp"
#include "ropecheck/model/strict_json.hpp"
#include "ropecheck/numeric/invalid_input.hpp"
#include "ropecheck/report/report_diff.hpp"

namespace ropecheck::cli {

namespace {

core::json read_report(const std::string& role, const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw InvalidInput(role + " " + path.string() + ": cannot be read");
    std::ostringstream text;
    text << in.rdbuf();
    const core::json doc = model::parse_strict_json<core::json>(text.str(), role + " " + path.string());
    try {
        report::validate_report_document(doc);
    } catch (const std::invalid_argument& e) {
        throw InvalidInput(role + " " + path.string() + ": " + e.what());
    }
    return doc;
}

std::string diff_cell(const std::string& s, std::size_t width) {
    return s.size() >= width ? s + " " : s + std::string(width - s.size(), ' ');
}

}  // namespace

int diff_command(const DiffOptions& options, std::ostream& out) {
    if (!(options.tolerance >= 0) || !std::isfinite(options.tolerance))
        throw InvalidInput("--tolerance " + std::to_string(options.tolerance) + ": expected a number >= 0");
    const core::json before = read_report("OLD", options.old_report);
    const core::json after = read_report("NEW", options.new_report);
    const report::ReportDiff diff = report::diff_reports(before, after, options.tolerance);

    std::ostringstream tolerance;
    tolerance << options.tolerance;
    out << "ropecheck diff: " << diff.old_claims << " claims in " << options.old_report.filename().string() << ", "
        << diff.new_claims << " in " << options.new_report.filename().string() << " (margin tolerance " << tolerance.str()
        << ", relative)\n";
    std::size_t regressions = 0;
    for (const auto& c : diff.changes) {
        std::string what = c.kind == "added"     ? c.after
                           : c.kind == "removed" ? c.before
                                                 : c.before + " -> " + c.after;
        out << "  " << diff_cell(c.kind, 9) << diff_cell(c.run_id, 32) << diff_cell(what, 28)
            << (c.regression ? "REGRESSION: " : "") << c.why << '\n';
        if (c.regression) ++regressions;
    }
    if (diff.changes.empty()) out << "No change.\n";
    else out << diff.changes.size() << (diff.changes.size() == 1 ? " change, " : " changes, ") << regressions
             << (regressions == 1 ? " regression.\n" : " regressions.\n");
    return regressions > 0 ? exit_mismatch : exit_ok;
}

}  // namespace ropecheck::cli
