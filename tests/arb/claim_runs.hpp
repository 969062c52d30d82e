#pragma once
// The MPFI side of the cross-checks, through ropecheck's public API: the ci
// grid of a shipped claim (theorems/<id>.toml) planned exactly as `ropecheck
// run --profile ci --seed 1` plans it (same parameters, same per-instance seeds),
// and one instance decided by its registered check, as the runner would.
// The Arb tests then re-derive what the instance reports.
#include <functional>
#include <string>
#include <vector>

#include "ropecheck/core/check.hpp"
#include "ropecheck/core/counter_rng.hpp"

namespace ropecheck::arbcheck {

// The claim's ci instances (variant "claim", "negative" for every negative
// control, or "negative/<name>" for one) whose parameters
// satisfy `keep`, in grid order. Throws when the spec selects none.
std::vector<core::Instance> ci_instances(const std::string& claim_id, const std::string& variant,
                                         const std::function<bool(const core::Parameters&)>& keep);

// Whether a pipeline claim's instance runs the intended pipeline (no pipeline_variant, or
// "default"): the exact side these checks re-derive does not depend on the slip, so the
// slips' instances would only repeat it.
inline bool intended_pipeline(const core::Parameters& p) {
    return !p.has("pipeline_variant") || p.text("pipeline_variant") == "default";
}

// Decides one instance with its claim's check at the instance's precision.
core::InstanceResult run_instance(const core::Instance& instance);

// The instance's Gaussian draws as the claims make them: CounterRng(seed) and
// `count` successive normal() values (the seed of an instance derives from (run seed, claim, instance)).
std::vector<double> gaussian_draws(core::CounterRng& rng, int count);

// "prop-3.1#4 {...parameters...}": names an instance in a failure message.
inline std::string describe(const core::Instance& instance) {
    return instance.claim_id + "#" + std::to_string(instance.index) + " " + instance.params.values().dump();
}

// A string field of a check's evidence (enclosures are reported as text).
inline std::string text(const core::json& j) { return j.get<std::string>(); }

}  // namespace ropecheck::arbcheck
