#pragma once
// The rounding direction of the IEEE formats (ieee.hpp), for code that rounds
// to a format without going through round_to_format (rope's fast step
// roundings): to nearest, ties to even; truncation only under the mutant
// "ieee-round-toward-zero", which such code must follow like ieee.hpp does.
namespace ropecheck::numeric {

bool dtype_rounds_to_nearest();

}  // namespace ropecheck::numeric
