#pragma once
// Plans and runs claims: expands every selected spec's grid (claim and negative
// control), validates every instance before anything runs, then decides all
// instances in one OpenMP loop and folds them into claim outcomes.
#include <functional>
#include <vector>

#include "ropecheck/core/check_registry.hpp"
#include "ropecheck/core/claim_spec.hpp"
#include "ropecheck/core/run_result.hpp"

namespace ropecheck::core {

struct PlannedClaim {
    const ClaimSpec* spec = nullptr;
    const Check* check = nullptr;
    std::string variant;   // "claim", "negative" or "finding"
    std::string negative;  // the negative control's name ("" for the claim)
    Verdict expected = Verdict::certified;
    std::vector<Instance> instances;
};

// True when `id` matches one of the shell-style globs (`*`, `?`, `[...]`).
bool matches_any(const std::string& id, const std::vector<std::string>& globs);

// Throws InvalidInput on an unknown check, a bad parameter, or no claim
// selected by the globs.
std::vector<PlannedClaim> plan_run(const std::vector<ClaimSpec>& specs, const CheckRegistry& registry,
                                   const RunParameters& parameters);

// A finding: one instance of `check` on `params` with no expected verdict (an
// audit of a model config, where a p-RoPE group refutes thm-6.1 legitimately).
// Its outcome is ok unless the instance errs; reports omit expected and ok.
// `spec` names it (run id = spec.id) and must outlive the plan. Throws
// InvalidInput when the check rejects the parameters.
PlannedClaim plan_finding(const ClaimSpec& spec, const Check& check, Parameters params);

using ProgressCallback = std::function<void(const ClaimOutcome&, double seconds)>;

// One instance starting (result == nullptr) or done, for a progress display. It
// is called on the thread that runs the instance, serialised with every other
// callback of the run.
struct InstanceEvent {
    std::size_t claim = 0;     // index into the plan
    std::size_t instance = 0;  // index into plan[claim].instances
    std::size_t done = 0;      // instances of that claim done so far (this one included when done)
    const InstanceResult* result = nullptr;
    double seconds = 0;        // when done: the instance's wall time
};
using InstanceCallback = std::function<void(const InstanceEvent&)>;

// Runs a plan with `jobs` threads. Calls `progress` (serialised) as each claim
// completes, and `instances` as each instance starts and ends. Exceptions inside
// a check become the verdict `error` of that instance; nothing escapes the
// parallel region.
RunResult run_plan(const std::vector<PlannedClaim>& plan, const RunParameters& parameters, int jobs,
                   const ProgressCallback& progress = {}, const InstanceCallback& instances = {});

}  // namespace ropecheck::core
