#include "ropecheck/spec/spec_loader.hpp"

#include "ropecheck/core/runner.hpp"

namespace ropecheck::spec {

void validate_claim_specs(const std::vector<core::ClaimSpec>& specs, const core::CheckRegistry& registry) {
    // plan_run expands one profile at a time; the full profile is planned too so
    // that a spec cannot pass CI and then fail to start a full run.
    for (const core::ClaimSpec& spec : specs)
        for (const char* profile : {"ci", "full"})
            core::plan_run(specs, registry, core::RunParameters{profile, {spec.id}, 0, std::nullopt});
}

}  // namespace ropecheck::spec
