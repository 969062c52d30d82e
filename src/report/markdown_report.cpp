#include "ropecheck/report/markdown_report.hpp"

#include <algorithm>

#include "ropecheck/report/instance_text.hpp"
#include "ropecheck/report/json_report.hpp"
#include "ropecheck/report/report_figures.hpp"
#include "ropecheck/report/literature_table.hpp"
#include "ropecheck/report/verdict_counts.hpp"

namespace ropecheck::report {

// Claim titles and messages are arbitrary text: backslash-escape what would
// split a table cell or start inline markup, and fold line breaks, which would
// end a table row or a list item.
std::string inline_text(const std::string& text) {
    std::string out;
    out.reserve(text.size());
    for (char ch : text) {
        switch (ch) {
            case '\\': case '|': case '*': case '_': case '`':
            case '<': case '>': case '[': case ']': case '~':
                out += '\\';
                out += ch;
                break;
            case '\r': break;
            case '\n': out += ' '; break;
            default: out += ch;
        }
    }
    return out;
}

namespace {

// A fence longer than any run of backticks inside, so the block cannot be
// closed early by the content.
std::string code_block(const std::string& language, const std::string& content) {
    std::size_t longest = 0, run = 0;
    for (char ch : content) {
        run = ch == '`' ? run + 1 : 0;
        longest = std::max(longest, run);
    }
    const std::string fence(std::max<std::size_t>(3, longest + 1), '`');
    return fence + language + "\n" + content + "\n" + fence + "\n";
}

std::string run_section(const core::RunResult& run) {
    const core::RunParameters& p = run.parameters;
    std::string globs;
    for (const auto& g : p.claim_globs) globs += (globs.empty() ? "" : ", ") + inline_text(g);
    std::string out = "## Run\n\n";
    out += "- Tool: ropecheck " + inline_text(run.tool_version) + "\n";
    out += "- Profile: " + inline_text(p.profile) + "\n";
    out += "- Claims selected: " + (globs.empty() ? std::string("none") : globs) + "\n";
    out += "- Seed: " + std::to_string(p.seed) + "\n";
    out += "- Precision override: " +
           (p.precision_override ? std::to_string(*p.precision_override) + " bits"
                                 : std::string("none (each claim's own precision)")) +
           "\n";
    // One line each, so that they can be told from the run's own parameters.
    for (const auto& [name, value] : run.provenance.items())
        out += "- Provenance, " + inline_text(name) + ": " +
               inline_text(value.is_string() ? value.get<std::string>() : value.dump()) + "\n";
    return out + "\n";
}

// The figures report.html shows, as links to their standalone SVG files.
std::string figures_section(const core::RunResult& run) {
    const auto figures = report_figures(report_json(run, false));
    if (figures.empty()) return "";
    std::string out = "## Figures\n\nIn report.html, and each as an SVG file beside this report:\n\n";
    for (const auto& f : figures) out += "- [" + inline_text(f.title) + "](" + f.id + ".svg)\n";
    return out + "\n";
}

std::string summary_section(const core::RunResult& run) {
    const std::size_t total = run.claims.size();
    const std::size_t ok = static_cast<std::size_t>(
        std::count_if(run.claims.begin(), run.claims.end(), [](const auto& c) { return c.ok; }));
    const std::size_t findings = static_cast<std::size_t>(
        std::count_if(run.claims.begin(), run.claims.end(), [](const auto& c) { return c.is_finding(); }));
    std::string out = "## Summary\n\n";
    out += run.all_ok() ? "**OK**: " : "**MISMATCH**: ";
    out += std::to_string(total) + (total == 1 ? " claim (" : " claims (") +
           verdict_counts_text(run.verdict_totals()) + "); " + std::to_string(ok) + " of " +
           std::to_string(total) + (findings == 0 ? " met the expected verdict.\n\n"
                                                  : " met the expected verdict or, for the " + std::to_string(findings) +
                                                        " findings (no expected verdict), did not err.\n\n");
    return out;
}

std::string margin_cell(const core::ClaimOutcome& c) {
    if (!c.smallest_margin) return "—";
    const core::Margin& m = *c.smallest_margin;
    return m.where.empty() ? inline_text(m.lower)
                           : inline_text(m.lower) + " (" + inline_text(m.where) + ")";
}

std::string claim_label(const core::ClaimOutcome& c) {
    return c.title.empty() ? inline_text(c.run_id)
                           : inline_text(c.run_id) + " — " + inline_text(c.title);
}

std::string claims_table(const core::RunResult& run) {
    std::string out =
        "| Claim | Source | Expected | Actual | OK | Instances | Instance verdicts | "
        "Smallest margin (lower bound, where) |\n"
        "|---|---|---|---|---|---:|---|---|\n";
    for (const auto& c : run.claims) {
        out += "| " + claim_label(c) + " | " + inline_text(c.source) + " | " +
               (c.is_finding() ? std::string("— (finding)") : core::to_string(c.expected)) + " | " +
               core::to_string(c.actual) + " | " +
               (c.ok ? "yes" : "**no**") + " | " + std::to_string(c.instances) + " | " +
               inline_text(verdict_counts_text(c.verdict_counts)) + " | " + margin_cell(c) + " |\n";
    }
    return out + "\n";
}

// Every negative control, instance by instance: each must be refuted, and a
// reader sees which grid point was (and, on a mismatch, which was not).
std::string negatives_section(const core::RunResult& run) {
    std::string out = "## Negative controls, instance by instance\n\n";
    bool any = false;
    for (const auto& c : run.claims) {
        if (c.variant != "negative") continue;
        any = true;
        out += "### " + inline_text(c.run_id) + (c.ok ? "" : " (**not every instance refuted**)") + "\n\n";
        out += "| Instance | Parameters | Verdict |\n|---:|---|---|\n";
        for (const core::json& e : c.evidence) {
            const std::string verdict = e.value("verdict", "");
            out += "| " + e.value("instance", core::json(0)).dump() + " | " +
                   inline_text(parameters_text(e.value("parameters", core::json(nullptr)))) + " | " +
                   (verdict == "refuted" ? verdict : "**" + verdict + "**") + " |\n";
        }
        out += "\n";
    }
    return any ? out : out + "The run selected no negative control.\n\n";
}

std::string counterexample_entry(const core::ClaimOutcome& c) {
    const core::Counterexample& ce = *c.counterexample;
    std::string out = "### " + claim_label(c) + "\n\n";
    out += "Kind: " + inline_text(ce.kind) + "\n\n";
    if (!ce.inputs.empty()) {
        out += "Inputs:\n\n";
        for (const auto& [name, value] : ce.inputs)
            out += "- " + inline_text(name) + " = " + inline_text(value) + "\n";
        out += "\n";
    }
    // Paragraphs, not list items: a second list after the inputs would merge
    // with them into one.
    out += "Claimed: " + inline_text(ce.claimed) + "\n\n";
    out += "Computed: " + inline_text(ce.computed) + "\n\n";
    out += "Replay record (`ropecheck replay`):\n\n";
    out += code_block("json", ce.replay.dump(2, ' ', false, core::json::error_handler_t::replace));
    return out + "\n";
}

std::string counterexamples_section(const core::RunResult& run) {
    std::string out = "## Counterexamples\n\n";
    bool any = false;
    for (const auto& c : run.claims) {
        if (!c.counterexample) continue;
        out += counterexample_entry(c);
        any = true;
    }
    return any ? out : out + "No claim produced a counterexample.\n\n";
}

std::string mismatches_section(const core::RunResult& run) {
    std::string out = "## Mismatches\n\n";
    bool any = false;
    for (const auto& c : run.claims) {
        if (c.ok) continue;
        out += "- " + claim_label(c) + ": " +
               (c.is_finding() ? std::string("finding") : "expected " + core::to_string(c.expected)) + ", got " +
               core::to_string(c.actual) +
               (c.message.empty() ? std::string() : ". " + inline_text(c.message)) + "\n";
        for (const auto& f : c.failed_instances) out += "  - " + inline_text(failed_instance_text(f)) + "\n";
        any = true;
    }
    return any ? out : out + "None: every claim met its expected verdict.\n";
}

}  // namespace

std::string markdown_report(const core::RunResult& run) {
    std::string md = "# ropecheck report\n\n";
    md += run_section(run);
    md += figures_section(run);
    md += summary_section(run);
    md += claims_table(run);
    md += negatives_section(run);
    md += counterexamples_section(run);
    md += mismatches_section(run);
    md += literature_section(run, "replays/");
    return md;
}

}  // namespace ropecheck::report
