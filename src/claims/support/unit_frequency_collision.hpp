#pragma once
// The first collision distance of a pair whose frequency is exactly 1 (pair 1
// of every plain RoPE schedule, g_1 = theta^0), derived without running the
// inference pipeline (docs/pipeline-and-formats.md, "Collision distances"):
//
//   - the pipeline's float32 inv_freq of pair 1 is 1 and its angle at r is r
//     itself (exact below 2^24), so its cos is the float32 rounding of cos(r);
//   - that rounds, then the dtype rounding rounds, to exactly 1 iff
//     1 - cos(r) <= eps, with eps = 2^-25 in float32 and 2^-(p+1) + 2^-25 for a
//     dtype of p significand bits (half the dtype's spacing 2^-p below 1, plus
//     half float32's, ties going to the even 1);
//   - 1 - cos(r) = 2 sin^2(pi ||r / 2 pi||) grows with the distance ||r / 2 pi||
//     of r / 2 pi to the nearest integer, and the least r >= 1 bringing that
//     distance below any bound is a convergent denominator of 1 / (2 pi)
//     (best approximations of the second kind are convergents).
// So the answer is the first convergent denominator q of 1/(2 pi) with
// 1 - cos(q) <= eps, each comparison decided with MPFI.
// Used by the float-collision and pipeline-thm-5.3 claims. Private to src/claims.
#include <cstdint>
#include <optional>
#include <vector>

#include "ropecheck/numeric/ieee.hpp"
#include "ropecheck/numeric/types.hpp"

namespace ropecheck::claims::support {

// eps of the dtype (exact): cos(r) rounds to 1 in the pipeline iff 1 - cos(r) <= eps.
numeric::interval unit_collision_threshold(numeric::IeeeFormat dtype);

struct DerivedCollision {
    std::optional<std::int64_t> distance;     // none up to the limit
    bool decided = true;                      // false: an enclosure could not decide a step
    std::vector<std::int64_t> denominators;   // the convergent denominators tried, in order
    numeric::interval one_minus_cos;          // 1 - cos(distance) when found
};

// Up to `limit` (1 <= limit < 2^24, where float32(r) = r). Throws InvalidInput otherwise.
DerivedCollision derive_unit_frequency_collision(numeric::IeeeFormat dtype, std::int64_t limit);

}  // namespace ropecheck::claims::support
