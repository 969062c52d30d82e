#pragma once
// The roundings of the inference pipeline's steps on native doubles, fast
// enough to scan every position of a long context. Private to src/rope.
//
// Every value involved has at most 24 significant bits inside float32's
// exponent range, so a double holds it exactly, and the exact product of two
// of them (at most 48 bits) too: rounding that product once to a format is the
// format's multiplication. tests/rope/pipeline_variant_test.cpp checks these
// roundings against numeric::round_to_format and raw MPFR.
#include "ropecheck/numeric/ieee.hpp"

namespace ropecheck::rope::detail {

// TF32's inputs: float32's exponent range, 11 significant bits.
inline constexpr numeric::IeeeParameters tf32_parameters{11, -126, 127, "tf32"};

// x rounded to nearest, ties to even, in the format (subnormals, and +-inf on
// overflow). x must be finite; the result is exact as a double. Like ieee.hpp,
// both functions truncate under the mutant "ieee-round-toward-zero"
// (numeric/dtype_rounding.hpp).
double round_to(double x, const numeric::IeeeParameters& format);

// cos(x) and sin(x) of an exact double, each correctly rounded to the format
// (MPFR at the format's precision; a result in the subnormal range goes
// through numeric's IEEE emulation, which subnormalises).
struct CosSin {
    double cos, sin;
};
CosSin cos_sin_in(double x, numeric::IeeeFormat format);

}  // namespace ropecheck::rope::detail
