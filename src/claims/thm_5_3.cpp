// TEMPORARY PLACEHOLDER (replaced by the real check in this session): thm-5.3.
#include <stdexcept>

#include "checks.hpp"

namespace ropecheck::claims {

std::unique_ptr<core::Check> make_thm_5_3_check() { throw std::logic_error("check thm-5.3: not yet implemented"); }

}  // namespace ropecheck::claims
