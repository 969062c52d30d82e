#pragma once
// How far a RoPE activation's value at r* stands above every other distance in
// a window, certified in MPFI by the sweep engine: the exact side of
// Proposition 3.1 and of every claim that compares a pipeline with it.
// Private to src/claims.
#include <cstdint>
#include <vector>

#include "ropecheck/numeric/types.hpp"
#include "ropecheck/rope/kernel.hpp"

namespace ropecheck::claims::support {

struct ExactPeak {
    numeric::interval at_target;  // a(r*)
    numeric::interval gap;        // a(r*) - max_{r != r*, |r| <= window} a(r)
    std::int64_t closest = 0;     // where that maximum is attained (smallest such r)
    std::uint64_t escalated = 0;  // distances the sweep evaluated in MPFI
};

// Requires window >= 1 and |target| <= window.
ExactPeak exact_peak(const rope::ChunkCoefficients<numeric::interval>& coefficients,
                     const std::vector<numeric::interval>& frequencies, std::int64_t target, std::int64_t window);

}  // namespace ropecheck::claims::support
