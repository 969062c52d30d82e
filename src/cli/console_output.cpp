#include "ropecheck/cli/console_output.hpp"

#include <iomanip>
#include <ostream>

#include "ropecheck/report/instance_text.hpp"

namespace ropecheck::cli {

void print_claim_line(std::ostream& out, const core::ClaimOutcome& c, double seconds) {
    out << "  " << std::left << std::setw(13) << core::to_string(c.actual) << std::setw(52) << c.run_id
        << std::right << std::setw(6) << c.instances << " inst " << std::fixed << std::setprecision(2)
        << std::setw(8) << seconds << " s  " << (c.ok ? "ok" : "MISMATCH (expected " + core::to_string(c.expected) + ")")
        << '\n';
    out.unsetf(std::ios::floatfield);
    if (!c.ok) out << "      " << c.message << '\n';
    // Every instance that escaped its variant's expectation, by name.
    for (const auto& f : c.failed_instances) out << "      failed " << report::failed_instance_text(f) << '\n';
    if (c.counterexample && !c.ok) out << "      counterexample: " << c.counterexample->computed << '\n';
    out << std::flush;
}

void print_summary(std::ostream& out, const core::RunResult& run) {
    out << "\n  " << std::left << std::setw(52) << "claim" << std::setw(13) << "expected" << std::setw(13) << "actual"
        << "ok\n";
    for (const auto& c : run.claims)
        out << "  " << std::setw(52) << c.run_id << std::setw(13) << core::to_string(c.expected) << std::setw(13)
            << core::to_string(c.actual) << (c.ok ? "yes" : "NO") << '\n';
    std::size_t ok = 0;
    for (const auto& c : run.claims) ok += c.ok ? 1 : 0;
    out << "\n" << run.claims.size() << " claims, " << ok << " met their expectation, "
        << run.claims.size() - ok << " did not. Verdicts:";
    for (const auto& [verdict, count] : run.verdict_totals()) out << ' ' << verdict << '=' << count;
    out << std::fixed << std::setprecision(2) << ". Wall time " << run.timing.total_seconds << " s on "
        << run.timing.jobs << " thread(s).\n";
    out.unsetf(std::ios::floatfield);
}

}  // namespace ropecheck::cli
