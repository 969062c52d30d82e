#include "ropecheck/claims/builtin_checks.hpp"

#include "checks.hpp"

namespace ropecheck::claims {

void register_builtin_checks(core::CheckRegistry& registry) {
    registry.add(make_prop_3_1_check());
    registry.add(make_prop_3_2_check());
    registry.add(make_prope_identities_check());
}

}  // namespace ropecheck::claims
