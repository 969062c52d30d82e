// TEMPORARY PLACEHOLDER (replaced by the real check in this session): su-decay-bound.
#include <stdexcept>

#include "checks.hpp"

namespace ropecheck::claims {

std::unique_ptr<core::Check> make_su_decay_bound_check() { throw std::logic_error("check su-decay-bound: not yet implemented"); }

}  // namespace ropecheck::claims
