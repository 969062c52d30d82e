// TEMPORARY PLACEHOLDER (replaced by the real check in this session): thm-6.1.
#include <stdexcept>

#include "checks.hpp"

namespace ropecheck::claims {

std::unique_ptr<core::Check> make_thm_6_1_check() { throw std::logic_error("check thm-6.1: not yet implemented"); }

}  // namespace ropecheck::claims
