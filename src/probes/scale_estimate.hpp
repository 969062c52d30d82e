#pragma once
// A double-precision estimate of s*, the root of F(s) = T (competitor_sum.hpp):
// no certificate, only the starting bracket of the MPFI bisection in
// diagonal_scale.cpp, which checks both ends itself and widens them if the
// estimate was off. Private to src/probes.
#include "competitor_sum.hpp"
#include "turn_filter.hpp"

namespace ropecheck::probes::detail {

struct ScaleEstimate {
    bool found = false;          // false: some m(r) looks like 0, F never drops below T
    double lower = 0;            // F(lower) >= T, approximately
    double upper = 0;            // F(upper) < T, approximately
};

// threshold: T = eps / (1 - eps) in double, with set.size() > T (else s* = 0,
// which the caller handles).
ScaleEstimate estimate_scale(const TurnFilter& filter, const CompetitorSet& set, double threshold);

}  // namespace ropecheck::probes::detail
