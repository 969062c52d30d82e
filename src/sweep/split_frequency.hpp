#pragma once
#include "fast_trig.hpp"
#include "ropecheck/numeric/types.hpp"

namespace ropecheck::sweep::detail {

// Splits g / (2 pi) into f1 + f2 + f3 (see SplitFrequency), computed at 256
// bits with MPFI so that `delta` bounds the distance to every point of the
// enclosure of g, rounded upward.
SplitFrequency split_frequency(const numeric::interval& g);

// A double standing for an enclosure: its rounded midpoint and an upper bound
// on the distance to every point of the enclosure.
struct DoubleWithError {
    double value = 0;
    double error = 0;
};
DoubleWithError to_double_with_error(const numeric::interval& x);

}  // namespace ropecheck::sweep::detail
