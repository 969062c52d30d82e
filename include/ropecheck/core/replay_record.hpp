#pragma once
// The replay record: what `ropecheck replay` re-runs, for a claim's
// counterexample (reports/replays/*.json, and `replay` in report.json) and for a
// probe's answer (`probe --replay-file`). One format, version 3
// (reports/README.md, "Versions"):
//   {"version": 3, "kind": "claim", "claim": ID, "variant": "claim" | "negative",
//    ["negative": NAME,] "seed", "instance", "precision", "parameters", "inputs", ...}
//   {"version": 3, "kind": "probe", "probe": NAME, "parameters", "answer"}
// A claim record's "inputs" (and any further keys) are the witness, for a person;
// a probe's "parameters" hold its precision, and "answer" is what the re-run must
// reproduce. Earlier versions stay readable: claim records of version 1 (no
// "version", "kind" or "negative") and 2 (no "kind"), probe records of version 1.
#include <cstdint>
#include <string>

#include "ropecheck/core/check.hpp"
#include "ropecheck/core/parameters.hpp"

namespace ropecheck::core {

inline constexpr int replay_record_version = 3;

enum class ReplayKind { claim, probe };

struct ReplayRecord {
    int version = replay_record_version;
    ReplayKind kind = ReplayKind::claim;
    std::string subject;       // the claim id or the probe name
    unsigned precision = 0;    // bits the record was made at
    json parameters = json::object();
    // A claim's instance:
    std::string variant;       // "claim" or "negative"
    std::string negative;      // the negative control's name ("" for the claim and in version 1)
    std::size_t instance = 0;
    std::uint64_t seed = 0;
    // A probe's recorded answer:
    json answer = json::object();
};

// The head of a claim instance's record; the check adds "inputs" after it.
json claim_replay_record(const Instance& instance);
// A probe's record: its complete request (precision included) and its answer.
json probe_replay_record(const std::string& probe, const json& parameters, const json& answer);

// Reads a record of any supported version. Throws InvalidInput, prefixed by
// `where` (the file), for a malformed record or an unsupported version.
ReplayRecord read_replay_record(const json& record, const std::string& where);

}  // namespace ropecheck::core
