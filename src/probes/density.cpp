// TEMPORARY PLACEHOLDER (replaced by the real probe in this session).
#include <stdexcept>

#include "ropecheck/probes/density.hpp"

namespace ropecheck::probes {
DensityAnswer density(const numeric::interval&, const numeric::interval&, std::int64_t, Method) { throw std::logic_error("density: not yet implemented"); }
ReturnAnswer closest_return(const numeric::interval&, std::int64_t, Method) { throw std::logic_error("closest-return: not yet implemented"); }
}  // namespace ropecheck::probes
