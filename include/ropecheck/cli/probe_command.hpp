#pragma once
// `ropecheck probe NAME`: one quantitative question about a RoPE schedule
// answered with a certified number, by a registered probe
// (ropecheck/probes/probe_registry.hpp, one file src/probes/<name>_probe.cpp each).
// The command line, JSON output and replay record all follow the probe's
// parameter schema; nothing here names a probe.
#include <filesystem>
#include <iosfwd>
#include <optional>
#include <string>

#include "ropecheck/core/parameters.hpp"
#include "ropecheck/core/replay_record.hpp"
#include "ropecheck/probes/probe.hpp"

namespace ropecheck::cli {

struct ProbeRequest {
    std::string name;
    core::json given = core::json::object();  // parameter -> value, as given (the schedule's under "scaling")
    std::string format = "text";              // text | json
    std::optional<std::filesystem::path> replay_file;
};

// The registered probe of that name; throws InvalidInput listing the known ones.
const probes::Probe& find_probe(const std::string& name);

// Runs the probe and prints its answer. Throws InvalidInput for bad options
// (run_app turns that into exit code 2); returns exit_ok otherwise.
int probe_command(const ProbeRequest& request, std::ostream& out);

// Re-runs the probe of a replay record written by --replay-file, at the
// record's precision or at `precision`. Returns 0 when the answer is the same
// (the probe's replay fields: a distance, a length, a base; for diagonal-scale,
// scale enclosures that overlap), 1 when it is not. Throws InvalidInput for a
// malformed record; `where` (the file) prefixes messages.
int replay_probe(const core::ReplayRecord& record, std::optional<unsigned> precision, const std::string& where,
                 std::ostream& out);

}  // namespace ropecheck::cli
