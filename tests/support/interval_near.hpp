#pragma once
// An enclosure lies strictly within `tolerance` of a hand-computed double.
#include "ropecheck/numeric/certainty.hpp"
#include "ropecheck/numeric/types.hpp"

namespace ropecheck::test {

inline bool near(const numeric::interval& x, double expected, double tolerance) {
    return numeric::lower_bound(x) > expected - tolerance && numeric::upper_bound(x) < expected + tolerance;
}

}  // namespace ropecheck::test
