// TEMPORARY PLACEHOLDER (replaced by the real check in this session): table-1.
#include <stdexcept>

#include "checks.hpp"

namespace ropecheck::claims {

std::unique_ptr<core::Check> make_table_1_check() { throw std::logic_error("check table-1: not yet implemented"); }

}  // namespace ropecheck::claims
