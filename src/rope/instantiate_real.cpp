// The rope layer's templates for MPFR reals (kernel_numbers.hpp says why here).
#include "kernel_definitions.hpp"

namespace ropecheck::rope {
ROPECHECK_ROPE_INSTANTIATE(numeric::real)
}  // namespace ropecheck::rope
