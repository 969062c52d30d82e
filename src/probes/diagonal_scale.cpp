// TEMPORARY PLACEHOLDER (replaced by the real probe in this session).
#include <stdexcept>

#include "ropecheck/probes/diagonal_scale.hpp"

namespace ropecheck::probes {
ScaleAnswer diagonal_scale(const numeric::interval&, std::int64_t, const std::string&, Pattern) { throw std::logic_error("diagonal-scale: not yet implemented"); }
numeric::Certainty pattern_holds(const numeric::interval&, std::int64_t, const std::string&, const numeric::interval&, Pattern) { throw std::logic_error("diagonal-scale: not yet implemented"); }
}  // namespace ropecheck::probes
