#include "ropecheck/claims/builtin_checks.hpp"

namespace ropecheck::claims {

void register_builtin_checks(core::CheckRegistry& registry) { (void)registry; }

}  // namespace ropecheck::claims
