// `ropecheck probe NAME`: completes the request (every default filled in, so a
// replay record holds exactly what ran), asks the probe, and prints the answer
// as text or JSON. Replay records re-enter through the same completion, so
// `replay` runs exactly what `probe` ran.
#include "ropecheck/cli/probe_command.hpp"

#include <ostream>
#include <stdexcept>

#include "ropecheck/cli/app.hpp"
#include "ropecheck/numeric/invalid_input.hpp"
#include "ropecheck/probes/probe_parameters.hpp"
#include "ropecheck/probes/probe_registry.hpp"
#include "ropecheck/report/atomic_file.hpp"

namespace ropecheck::cli {
namespace {

using core::json;

// What a heading says of a request: "theta = 10000, d = 256, g_1 = ..." (no
// theta for a probe that searches the base).
std::string request_words(const core::Parameters& request, const std::string& label,
                          bool with_theta) {
    return (with_theta ? "theta = " + request.decimal("theta") + ", " : std::string()) + "d = " +
           std::to_string(request.integer("head_dim")) + ", " + label;
}

}  // namespace

const probes::Probe& find_probe(const std::string& name) {
    const auto& registry = probes::builtin_probes();
    if (const probes::Probe* probe = registry.find(name)) return *probe;
    std::string known;
    for (const auto& n : registry.names()) known += (known.empty() ? "" : ", ") + n;
    throw InvalidInput("unknown probe \"" + name + "\" (expected one of: " + known + ")");
}

int probe_command(const ProbeRequest& r, std::ostream& out) {
    if (r.format != "text" && r.format != "json") throw InvalidInput("--format " + r.format + ": expected text or json");
    const probes::Probe& probe = find_probe(r.name);
    const core::Parameters request = probes::request_of(probe, r.given, "probe " + r.name);
    const probes::Answer answer = probes::answer(probe, request);

    if (r.replay_file) {
        const json record = core::probe_replay_record(r.name, request.values(), answer.fields);
        try {
            report::write_file_atomically(*r.replay_file, record.dump(2) + "\n");
        } catch (const std::runtime_error& e) {
            throw InvalidInput("--replay-file " + r.replay_file->string() + ": " + e.what());
        }
    }

    if (r.format == "json") {
        json doc = json::object();
        doc["probe"] = r.name;
        doc["parameters"] = request.values();
        for (auto it = answer.fields.begin(); it != answer.fields.end(); ++it) doc[it.key()] = it.value();
        out << doc.dump(2) << '\n';
        return exit_ok;
    }
    out << r.name << ": " << request_words(request, answer.label, probe.heading_names_theta()) << ", "
        << request.integer("precision") << " bits\n"
        << "  " << answer.text << '\n';
    if (r.replay_file)
        out << "  replay record: " << r.replay_file->string() << " (ropecheck replay " << r.replay_file->string() << ")\n";
    return exit_ok;
}

int replay_probe(const core::ReplayRecord& record, std::optional<unsigned> precision, const std::string& where,
                 std::ostream& out) {
    const probes::Probe& probe = find_probe(record.subject);
    json given = record.parameters;
    if (precision) given["precision"] = *precision;
    const core::Parameters request = probes::request_of(probe, given, where);
    const probes::Answer now = probes::answer(probe, request);
    const bool same = probe.same_answer(record.answer, now.fields);
    out << "probe " << record.subject << " (" << request_words(request, now.label, true) << ") replayed at "
        << request.integer("precision") << " bits: recorded " << probe.answer_summary(record.answer) << ", now "
        << probe.answer_summary(now.fields) << (same ? ": the answer stands\n" : ": the answer CHANGED\n");
    return same ? exit_ok : exit_mismatch;
}

}  // namespace ropecheck::cli
