// TEMPORARY PLACEHOLDER (replaced by the real probe in this session).
#include <stdexcept>

#include "ropecheck/probes/semantic_break.hpp"

namespace ropecheck::probes {
BreakAnswer semantic_break(const std::vector<numeric::interval>&, std::int64_t) { throw std::logic_error("semantic-break: not yet implemented"); }
}  // namespace ropecheck::probes
