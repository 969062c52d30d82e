// The rope layer's templates for the hardware types double and float
// (kernel_numbers.hpp says why here). The pipeline's float32 accumulation models
// IEEE products and sums, never fma (CMakeLists.txt compiles this file, like
// inference_pipeline.cpp, with -ffp-contract=off).
#include "kernel_definitions.hpp"

namespace ropecheck::rope {
ROPECHECK_ROPE_INSTANTIATE(double)
ROPECHECK_ROPE_INSTANTIATE(float)
}  // namespace ropecheck::rope
