// TEMPORARY PLACEHOLDER (replaced by the real probe in this session).
#include <stdexcept>

#include "ropecheck/probes/positional_margin.hpp"

namespace ropecheck::probes {
MarginAnswer positional_margin(const std::vector<numeric::interval>&, std::int64_t) { throw std::logic_error("positional-margin: not yet implemented"); }
}  // namespace ropecheck::probes
