#pragma once
// The YaRN paper's Definition 2 ("NTK-by-parts"), as the paper writes it, kept apart from the
// implementation's ramp (rope/scaling.cpp, linear in the pair index): for a pair of frequency
// theta_d, wavelength lambda_d = 2 pi / theta_d and r = L / lambda_d,
//   gamma(r) = 0 if r < alpha, 1 if r > beta, (r - alpha) / (beta - alpha) otherwise,
// and h(theta_d) = (1 - gamma) theta_d / s + gamma theta_d, so gamma is the share of the pair's
// original frequency kept (1: extrapolated, 0: interpolated). Private to src/claims.
#include <cstdint>

#include "ropecheck/numeric/types.hpp"

namespace ropecheck::claims::support {

struct Definition2Ramp {
    enum class Piece { interpolated, ramp, extrapolated, undecided };
    Piece piece = Piece::undecided;  // r < alpha (gamma = 0), in [alpha, beta], r > beta (gamma = 1)
    numeric::interval r;             // L / lambda
    numeric::interval gamma;         // exactly 0 or 1 on the clamped pieces
};

// gamma(r(theta)) for the frequency `theta` (an enclosure), context L and the ramp's ends; a
// piece the enclosure of r cannot decide is `undecided`.
Definition2Ramp definition_2_ramp(const numeric::interval& theta, std::int64_t context, const numeric::interval& alpha,
                                  const numeric::interval& beta);

}  // namespace ropecheck::claims::support
