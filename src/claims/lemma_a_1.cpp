// TEMPORARY PLACEHOLDER (replaced by the real check in this session): lemma-a.1.
#include <stdexcept>

#include "checks.hpp"

namespace ropecheck::claims {

std::unique_ptr<core::Check> make_lemma_a_1_check() { throw std::logic_error("check lemma-a.1: not yet implemented"); }

}  // namespace ropecheck::claims
