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
// In terms of F: the competitors of the target j = N - 1 sit at |N - j - 1| in
// {1 (j = N itself)} and {1, .., N - 2} (j = N - 2 .. 1), so
//   F(s) = exp(-s (1 - cos g)) + sum_{r=1}^{N-2} exp(-s (1 - cos(r g))),
// and position 1, which has no previous token, is not constrained.
// (src/probes/diagonal_scale.cpp derives both and why i = N is the worst.)
#include <cstdint>
#include <string>

#include "ropecheck/numeric/certainty.hpp"
#include "ropecheck/numeric/types.hpp"

namespace ropecheck::probes {

enum class Pattern { diagonal, previous_token };

// "diagonal" / "previous-token"; parse throws InvalidInput for anything else.
std::string to_string(Pattern pattern);
Pattern parse_pattern(const std::string& name);

// Context lengths accepted: every evaluation scans all N distances once.
inline constexpr std::int64_t max_scale_context = 1'000'000'000;

struct ScaleAnswer {
    numeric::interval scale;          // encloses s* = [scale_lower, scale_upper]
    bool certified = false;           // pattern certainly holds at upper and fails at lower
    std::int64_t context = 0;
    std::int64_t binding_distance = 0; // the distance with the smallest 1 - cos(r g) (the hardest competitor)
    numeric::interval binding_margin;  // encloses 1 - cos(binding_distance g)
    bool binding_certified = false;    // no other competitor distance can have as small a margin
    // s* = 0 (only N = 2 with eps = 1/2): the pattern holds for every s > 0
    // and fails at 0, so scale_lower = 0 and scale_upper is some small s > 0.
    bool zero_infimum = false;
    std::size_t exact_terms = 0;      // competitor distances evaluated exactly at scale_lower
    std::int64_t bounded_terms = 0;   // the rest, bounded together (see competitor_sum.hpp)
};

// epsilon: a decimal in (0, 1/2]; context N >= 2. Throws InvalidInput otherwise.
ScaleAnswer diagonal_scale(const numeric::interval& frequency, std::int64_t context, const std::string& epsilon,
                           Pattern pattern = Pattern::diagonal);

// Whether the pattern certainly holds (certainly), certainly fails, or cannot
// be decided at scale s, at the current precision. For an interval scale,
// "certainly" means for every s in it (and so for every larger s).
numeric::Certainty pattern_holds(const numeric::interval& frequency, std::int64_t context, const std::string& epsilon,
                                 const numeric::interval& scale, Pattern pattern = Pattern::diagonal);

// Encloses the target's weight at the worst position, alpha_{N,N} (diagonal)
// or alpha_{N,N-1} (previous-token), = 1 / (1 + F(s)), for every s in `scale`.
// The scale must be certainly positive; throws InvalidInput otherwise.
numeric::interval target_weight(const numeric::interval& frequency, std::int64_t context,
                                const numeric::interval& scale, Pattern pattern = Pattern::diagonal);

}  // namespace ropecheck::probes
