#include "unit_frequency_collision.hpp"

#include <cmath>
#include <string>

#include "ropecheck/numeric/certainty.hpp"
#include "ropecheck/numeric/invalid_input.hpp"
#include "ropecheck/numeric/number_concept.hpp"
#include "ropecheck/probes/continued_fraction.hpp"

namespace ropecheck::claims::support {

using numeric::interval;

interval unit_collision_threshold(numeric::IeeeFormat dtype) {
    const interval half_float32_spacing(std::ldexp(1.0, -25));
    if (dtype == numeric::IeeeFormat::binary32) return half_float32_spacing;
    const int p = numeric::parameters_of(dtype).precision;
    return interval(std::ldexp(1.0, -(p + 1))) + half_float32_spacing;
}

DerivedCollision derive_unit_frequency_collision(numeric::IeeeFormat dtype, std::int64_t limit) {
    if (limit < 1 || limit >= (std::int64_t{1} << 24))
        throw InvalidInput("the unit-frequency collision derivation covers distances 1 .. 2^24 - 1, not " +
                           std::to_string(limit));
    const interval eps = unit_collision_threshold(dtype);
    const interval two_pi = interval(2) * numeric::number_traits<interval>::pi();
    const probes::ContinuedFraction cf = probes::expand_continued_fraction(interval(1) / two_pi, limit);
    DerivedCollision out;
    for (const probes::Convergent& c : cf.convergents) {
        if (c.q > limit) break;
        out.denominators.push_back(c.q);
        const interval gap = interval(1) - cos(interval(static_cast<long long>(c.q)));
        const interval excess = gap - eps;  // <= 0: collision
        if (numeric::certainly_positive(excess)) continue;
        if (!numeric::certainly_negative(excess)) {
            out.decided = false;
            return out;
        }
        out.distance = c.q;
        out.one_minus_cos = gap;
        return out;
    }
    // Every convergent denominator up to the limit was tried only when the
    // expansion stopped because the next one lies beyond the limit.
    if (cf.end != probes::ExpansionEnd::beyond_limit) out.decided = false;
    return out;
}

}  // namespace ropecheck::claims::support
