#pragma once
// Second methods for the semantic-break claims (thm-6.1, table-1, thm-5.3's
// pins), sharing no code path with rope::FrequencySchedule or the sweep engine.
// Private to src/claims. Derivations: docs/claims-group-b.md.
#include <cstdint>
#include <optional>
#include <string>

#include "ropecheck/numeric/types.hpp"

namespace ropecheck::claims::support {

// g_k = theta^(-(k-1) / (d/2)) straight from the paper's definition, as an MPFI
// enclosure at the current precision: element k - 1 of
// reference_rope_frequencies (reference_frequencies.hpp: MPFR's outward-rounded
// (d/2)-th root of theta and MPFI powers of its reciprocal). The schedule forms
// exp(-(2(k-1)/d) log theta), so a bug in the schedule's exponent, its exp/log
// or its choice of chunk cannot reach both sides of a comparison.
// theta: a decimal > 1; head_dim even >= 2; 1 <= k <= head_dim / 2 (unchecked:
// callers validate through the schedule first).
numeric::interval reference_rope_frequency(const std::string& theta, int head_dim, int k);

// floor(pi / (2 g)) + 1, the least r >= 1 with cos(r g) < 0 for 0 < g < pi,
// when the enclosure of g decides the floor; nullopt otherwise (or g not
// certainly in (0, pi)). No sweep: r g first passes pi / 2 there, and stays
// below 3 pi / 2 since g < pi.
std::optional<std::int64_t> quarter_turn_break(const numeric::interval& g);

}  // namespace ropecheck::claims::support
