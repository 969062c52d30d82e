#pragma once
// Factories of the built-in checks, one per file in src/claims/.
#include <memory>

#include "ropecheck/core/check.hpp"

namespace ropecheck::claims {

std::unique_ptr<core::Check> make_prop_3_1_check();
std::unique_ptr<core::Check> make_prop_3_2_check();
std::unique_ptr<core::Check> make_prope_identities_check();

}  // namespace ropecheck::claims
