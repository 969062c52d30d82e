#pragma once
#include "ropecheck/core/check_registry.hpp"

namespace ropecheck::claims {

// Registers every check in src/claims/: the list is generated at build time from each claim
// file's ROPECHECK_REGISTER_CHECK marker (cmake/claim_registry.cmake), and called explicitly,
// so static linking cannot drop a check whose object file nothing else references.
void register_builtin_checks(core::CheckRegistry& registry);

}  // namespace ropecheck::claims
