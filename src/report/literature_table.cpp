#include "ropecheck/report/literature_table.hpp"

#include "ropecheck/core/claim_spec.hpp"
#include "ropecheck/report/markdown_report.hpp"

namespace ropecheck::report {

namespace {

struct Row {
    core::json literature;  // {paper, claim, paper_value, ours, verdict}
    std::string instance_verdict;
    std::string replay;     // file name under the replay directory, "" if none
};

std::string file_name(const std::string& run_id, std::size_t instance) {
    std::string name = run_id;
    for (char& c : name)
        if (c == '/') c = '_';
    return name + "_" + std::to_string(instance) + ".json";
}

core::json without_control(core::json parameters) {
    if (parameters.is_object()) parameters.erase("control");
    return parameters;
}

// The refuted negative instance of the claim whose grid point is `parameters` but for control.
std::string refuting_replay(const core::RunResult& run, const std::string& claim_id, const core::json& parameters) {
    const core::json point = without_control(parameters);
    for (const core::ClaimOutcome& c : run.claims) {
        if (c.claim_id != claim_id || c.variant != "negative") continue;
        for (const core::json& e : c.evidence)
            if (e.value("verdict", "") == "refuted" && e.contains("evidence") && e["evidence"].contains("replay") &&
                without_control(e.value("parameters", core::json(nullptr))) == point)
                return file_name(c.run_id, e.value("instance", std::size_t{0}));
    }
    return "";
}

std::vector<Row> rows_of(const core::RunResult& run) {
    std::vector<Row> rows;
    for (const core::ClaimOutcome& c : run.claims) {
        if (!core::is_literature_id(c.claim_id) || c.variant != "claim") continue;
        for (const core::json& e : c.evidence) {
            if (!e.contains("evidence") || !e["evidence"].contains("literature")) continue;
            Row row{e["evidence"]["literature"], e.value("verdict", ""), ""};
            if (row.literature.value("verdict", "") == "wrong")
                row.replay = refuting_replay(run, c.claim_id, e.value("parameters", core::json(nullptr)));
            rows.push_back(std::move(row));
        }
    }
    return rows;
}

std::string cell(const core::json& row, const char* key) { return inline_text(row.value(key, std::string())); }

// The verdict as the table shows it: the paper's statement reproduced or wrong, and only on
// the word of a certified (or holding) instance.
std::string verdict_cell(const Row& row) {
    if (row.instance_verdict != "certified" && row.instance_verdict != "holds")
        return "undecided (" + inline_text(row.instance_verdict) + ")";
    return row.literature.value("verdict", "") == "wrong" ? "**wrong**" : "reproduced";
}

std::string table(const std::vector<Row>& rows, const std::string& replay_dir) {
    std::string out = "| Paper | Claim | Paper's value | Ours (certified) | Verdict | Replay |\n"
                      "|---|---|---|---|---|---|\n";
    for (const Row& row : rows)
        out += "| " + cell(row.literature, "paper") + " | " + cell(row.literature, "claim") + " | " +
               cell(row.literature, "paper_value") + " | " + cell(row.literature, "ours") + " | " +
               verdict_cell(row) + " | " +
               (row.replay.empty() ? std::string("—") : "`ropecheck replay " + replay_dir + row.replay + "`") + " |\n";
    return out;
}

}  // namespace

std::string literature_section(const core::RunResult& run, const std::string& replay_dir) {
    const std::vector<Row> rows = rows_of(run);
    if (rows.empty()) return "";
    return "\n## Literature\n\nClaims of other RoPE papers (theorems/literature/), one row per checked statement; "
           "a wrong one names the replay record of the negative-control instance that refutes it (paths "
           "relative to this report's directory).\n\n" +
           table(rows, replay_dir);
}

std::string literature_wrong_table(const core::RunResult& run, const std::string& replay_dir) {
    const std::vector<Row> all = rows_of(run);
    std::vector<Row> wrong;
    for (const Row& row : all)
        if (verdict_cell(row) == "**wrong**") wrong.push_back(row);
    return std::to_string(wrong.size()) + " of the " + std::to_string(all.size()) +
           " statements checked by the ci profile are wrong:\n\n" + table(wrong, replay_dir);
}

std::vector<std::pair<std::string, core::json>> literature_replays(const core::RunResult& run) {
    std::vector<std::pair<std::string, core::json>> out;
    for (const core::ClaimOutcome& c : run.claims) {
        if (!core::is_literature_id(c.claim_id) || c.variant != "negative") continue;
        for (const core::json& e : c.evidence)
            if (e.value("verdict", "") == "refuted" && e.contains("evidence") && e["evidence"].contains("replay"))
                out.emplace_back(file_name(c.run_id, e.value("instance", std::size_t{0})), e["evidence"]["replay"]);
    }
    return out;
}

}  // namespace ropecheck::report
