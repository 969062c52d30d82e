// TEMPORARY PLACEHOLDER (replaced by the real check in this session): fig-2.
#include <stdexcept>

#include "checks.hpp"

namespace ropecheck::claims {

std::unique_ptr<core::Check> make_fig_2_check() { throw std::logic_error("check fig-2: not yet implemented"); }

}  // namespace ropecheck::claims
