#include "yarn_definition_2.hpp"

#include "ropecheck/numeric/certainty.hpp"
#include "ropecheck/numeric/enclosure.hpp"
#include "ropecheck/numeric/mutant.hpp"

namespace ropecheck::claims::support {

using numeric::interval;

Definition2Ramp definition_2_ramp(const interval& theta, std::int64_t context, const interval& alpha,
                                  const interval& beta) {
    Definition2Ramp out;
    const interval wavelength = numeric::two_pi() / theta;
    const interval length(static_cast<long long>(context));
    // Mutant "yarn-definition-2-wavelength-ratio": r = lambda / L, the ratio upside down.
    out.r = ROPECHECK_MUTANT("yarn-definition-2-wavelength-ratio") ? wavelength / length : length / wavelength;
    if (numeric::certainly_negative(out.r - alpha)) {
        out.piece = Definition2Ramp::Piece::interpolated;
        out.gamma = interval(0);
    } else if (numeric::certainly_positive(out.r - beta)) {
        out.piece = Definition2Ramp::Piece::extrapolated;
        out.gamma = interval(1);
    } else if (numeric::lower_bound(out.r) >= numeric::upper_bound(alpha) &&
               numeric::upper_bound(out.r) <= numeric::lower_bound(beta)) {
        out.piece = Definition2Ramp::Piece::ramp;
        out.gamma = (out.r - alpha) / (beta - alpha);
    }
    return out;
}

}  // namespace ropecheck::claims::support
