// The rope layer's templates for MPFI intervals (kernel_numbers.hpp says why here).
#include "kernel_definitions.hpp"

namespace ropecheck::rope {
ROPECHECK_ROPE_INSTANTIATE(numeric::interval)
}  // namespace ropecheck::rope
