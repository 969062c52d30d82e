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

// Runs a plan with `jobs` threads. Calls `progress` (serialised) as each claim
// completes. Exceptions inside a check become the verdict `error` of that
// instance; nothing escapes the parallel region.
RunResult run_plan(const std::vector<PlannedClaim>& plan, const RunParameters& parameters, int jobs,
                   const ProgressCallback& progress = {});

}  // namespace ropecheck::core
