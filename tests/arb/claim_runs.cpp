#include "claim_runs.hpp"

#include <filesystem>
#include <stdexcept>

#include "ropecheck/claims/builtin_checks.hpp"
#include "ropecheck/core/check_registry.hpp"
#include "ropecheck/core/runner.hpp"
#include "ropecheck/numeric/precision_guard.hpp"
#include "ropecheck/spec/spec_loader.hpp"

namespace ropecheck::arbcheck {

namespace {

const core::CheckRegistry& registry() {
    static const core::CheckRegistry r = [] {
        core::CheckRegistry out;
        claims::register_builtin_checks(out);
        return out;
    }();
    return r;
}

const std::vector<core::ClaimSpec>& specs() {
    static const std::vector<core::ClaimSpec> s =
        spec::load_claim_specs(std::filesystem::path(ROPECHECK_SOURCE_DIR) / "theorems");
    return s;
}

const core::ClaimSpec& spec_of(const std::string& id) {
    for (const auto& s : specs())
        if (s.id == id) return s;
    throw std::logic_error("no shipped claim " + id);
}

}  // namespace

std::vector<core::Instance> ci_instances(const std::string& claim_id, const std::string& variant,
                                         const std::function<bool(const core::Parameters&)>& keep) {
    core::RunParameters parameters;
    parameters.profile = "ci";
    parameters.claim_globs = {claim_id};
    parameters.seed = 1;  // `ropecheck run`'s default
    std::vector<core::Instance> out;
    for (const auto& planned : core::plan_run(specs(), registry(), parameters)) {
        // "claim", "negative" (every negative control) or "negative/<name>" (one).
        const std::string named = planned.variant + "/" + planned.negative;
        if (planned.variant != variant && named != variant) continue;
        for (const auto& instance : planned.instances)
            if (keep(instance.params)) out.push_back(instance);
    }
    if (out.empty()) throw std::logic_error("no ci instance of " + claim_id + " (" + variant + ") selected");
    return out;
}

core::InstanceResult run_instance(const core::Instance& instance) {
    const core::Check* check = registry().find(spec_of(instance.claim_id).check);
    if (check == nullptr) throw std::logic_error("no check for " + instance.claim_id);
    numeric::PrecisionGuard guard(instance.precision_bits);
    return check->run(instance);
}

std::vector<double> gaussian_draws(core::CounterRng& rng, int count) {
    std::vector<double> v(static_cast<std::size_t>(count));
    for (double& x : v) x = rng.normal();
    return v;
}

}  // namespace ropecheck::arbcheck
