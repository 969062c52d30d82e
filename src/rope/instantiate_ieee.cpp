// The rope layer's templates for the emulated IEEE formats (kernel_numbers.hpp says
// why here). One file for the four: they are one class template over one MPFR type.
#include "kernel_definitions.hpp"

namespace ropecheck::rope {
ROPECHECK_ROPE_INSTANTIATE(numeric::float16)
ROPECHECK_ROPE_INSTANTIATE(numeric::bfloat16)
ROPECHECK_ROPE_INSTANTIATE(numeric::float32)
ROPECHECK_ROPE_INSTANTIATE(numeric::float64)
}  // namespace ropecheck::rope
