#pragma once
// RoPE's frequencies g_k = theta^(-2(k-1)/d), k = 1..d/2, by a second route that
// shares no code with rope::FrequencySchedule (which takes exp(-(2(k-1)/d) log theta)
// per chunk): the ratio rho = theta^(-1/n), n = d/2, is 1 / (n-th root of theta) with
// MPFR's correctly rounded root taken downward and upward, and g_k = rho^(k-1) by
// repeated MPFI multiplication. Claims compare the schedule (and the kernel built on
// it) with values derived from these, so a bug in the schedule's exponent or a
// dropped frequency shows up as a certain disagreement. Derivation and the values
// this route gives for the paper's settings (cross-checked with mpmath):
// docs/claims-group-a.md. Private to src/claims.
#include <string>
#include <vector>

#include "ropecheck/numeric/types.hpp"

namespace ropecheck::claims::support {

// Enclosures of g_1..g_{d/2} at the current MPFR precision. theta is an exact
// decimal > 1 and d even >= 2 (the caller validated them).
std::vector<numeric::interval> reference_rope_frequencies(const std::string& theta, int head_dim);

// The all-ones curve f(r) = (2/d) sum_k cos(r g_k) from the reference frequencies,
// in MPFI: the normalised activation of q = k = 1, a(r) / a(0), by a route that
// uses neither the schedule nor the kernel.
numeric::interval reference_all_ones_curve(const std::vector<numeric::interval>& frequencies, std::int64_t r);

}  // namespace ropecheck::claims::support
