// TEMPORARY PLACEHOLDER (replaced by the real check in this session): prop-5.2.
#include <stdexcept>

#include "checks.hpp"

namespace ropecheck::claims {

std::unique_ptr<core::Check> make_prop_5_2_check() { throw std::logic_error("check prop-5.2: not yet implemented"); }

}  // namespace ropecheck::claims
