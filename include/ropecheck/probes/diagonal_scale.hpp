#pragma once
// diagonal-scale: Theorem 5.3's single-frequency construction q_i = k_j = psi
// gives a_{i,j} = s cos((j - i) g) with s = ||psi||^2. The head is diagonal up
// to N when alpha_{i,i} > 1 - eps for every i <= N; the worst position is i = N,
// where alpha_{N,N} = 1 / (1 + sum_{r=1}^{N-1} exp(-s (1 - cos(r g)))).
// The answer is the least such s: the infimum of the s with
//   F(s) = sum_{r=1}^{N-1} exp(-s (1 - cos(r g))) < eps / (1 - eps),
// F strictly decreasing, so the infimum s* solves F(s*) = eps / (1 - eps) and
// the pattern holds for every s > s* and fails at s*. Certified: the pattern
// holds at `scale_upper` and fails at `scale_lower` (interval arithmetic), with
// scale_upper - scale_lower small relative to s*.
// Off-diagonal (previous-token) variant: q_i = psi, k_j = rho(g) psi, so the
// target is at distance 1 and the competitors of position N are the distances
// 0, 2, 3, .., N-1 shifted by one: a_{N,j} = s cos((N - j - 1) g).
#include <cstdint>
#include <string>

#include "ropecheck/numeric/certainty.hpp"
#include "ropecheck/numeric/types.hpp"

namespace ropecheck::probes {

enum class Pattern { diagonal, previous_token };

struct ScaleAnswer {
    numeric::interval scale;          // encloses s* = [scale_lower, scale_upper]
    bool certified = false;           // pattern certainly holds at upper and fails at lower
    std::int64_t context = 0;
    std::int64_t binding_distance = 0; // the distance with the smallest 1 - cos(r g) (the hardest competitor)
};

// epsilon: a decimal in (0, 1/2]; context N >= 2. Throws InvalidInput otherwise.
ScaleAnswer diagonal_scale(const numeric::interval& frequency, std::int64_t context, const std::string& epsilon,
                           Pattern pattern = Pattern::diagonal);

// Whether the pattern certainly holds (certainly), certainly fails, or cannot
// be decided at scale s, at the current precision.
numeric::Certainty pattern_holds(const numeric::interval& frequency, std::int64_t context, const std::string& epsilon,
                                 const numeric::interval& scale, Pattern pattern = Pattern::diagonal);

}  // namespace ropecheck::probes
