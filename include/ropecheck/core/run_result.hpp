#pragma once
// Everything a run decided, in a deterministic order (spec id, then the claim
// before its negative control). Wall-clock figures live only in `Timing`, so
// the rest is identical for any --jobs with the same seed.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "ropecheck/core/result.hpp"
#include "ropecheck/core/verdict.hpp"

namespace ropecheck::core {

// An instance whose own verdict does not meet its variant's expectation: for a
// negative control every instance that is not `refuted`, for a claim every
// instance that does not meet the claim's expected verdict.
struct FailedInstance {
    std::size_t index = 0;
    json parameters = nullptr;
    Verdict verdict = Verdict::error;
    std::string message;
};

struct ClaimOutcome {
    std::string run_id;       // "prop-3.1" or "prop-3.1/negative/shifted-key"
    std::string claim_id;     // "prop-3.1"
    std::string variant;      // "claim", "negative" or "finding" (no expectation: runner.hpp)
    std::string negative;     // the negative control's name ("" for the claim)
    std::string title;
    std::string source;
    std::string statement;    // for a negative control, its description
    std::string check;
    unsigned precision_bits = 0;
    Verdict expected = Verdict::certified;  // not meaningful for a finding
    Verdict actual = Verdict::error;
    bool ok = false;          // a finding: the instance did not err
    bool is_finding() const { return variant == "finding"; }
    std::size_t instances = 0;
    std::map<std::string, std::size_t> verdict_counts;  // by verdict name
    std::string message;      // from the deciding instance
    std::optional<Margin> smallest_margin;
    std::optional<std::size_t> smallest_margin_instance;
    json smallest_margin_parameters = nullptr;
    std::optional<Counterexample> counterexample;  // from the smallest refuted instance
    std::optional<std::size_t> counterexample_instance;
    json counterexample_parameters = nullptr;
    json evidence = json::array();  // per-instance evidence, in instance order
    std::vector<FailedInstance> failed_instances;  // in instance order
};

struct RunParameters {
    std::string profile = "ci";
    std::vector<std::string> claim_globs{"*"};
    std::uint64_t seed = 0;
    std::optional<unsigned> precision_override;
};

struct Timing {
    int jobs = 1;
    double total_seconds = 0;
    std::map<std::string, double> claim_seconds;  // by run_id: summed instance CPU-wall time
};

struct RunResult {
    std::string tool_version;
    // Where and how the binary was built and what it runs on: {"name": "text", ...}
    // in display order (cli/provenance.hpp fills it). Differs between machines.
    json provenance = json::object();
    RunParameters parameters;
    std::vector<ClaimOutcome> claims;
    Timing timing;

    bool all_ok() const;
    std::map<std::string, std::size_t> verdict_totals() const;
};

}  // namespace ropecheck::core
