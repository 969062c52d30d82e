// TEMPORARY PLACEHOLDER (replaced by the real check in this session): paper-numbers.
#include <stdexcept>

#include "checks.hpp"

namespace ropecheck::claims {

std::unique_ptr<core::Check> make_paper_numbers_check() { throw std::logic_error("check paper-numbers: not yet implemented"); }

}  // namespace ropecheck::claims
