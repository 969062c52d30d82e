#pragma once
// 1 - cos(x) for a float x, enclosed in double with a proven error bound: the
// sweep filter's phase reduction and Taylor sine (src/sweep/fast_trig.hpp),
// 1 - cos x = 2 sin^2(pi tau) with tau = x / (2 pi) mod 1. For the float32
// angles of inference pipelines, where a screen must not trust a libm cosine.
//
// Why a float: reduced_phase multiplies its argument by 22-bit parts of
// 1 / (2 pi) and needs the products exact, which a 24-bit significand gives
// (53 bits would not). Bound (error_bound.cpp's terms, for one frequency g = 1
// and R = |x|): |s~ - sin(pi tau)| <= rho_s |s~| + a_x, rho_s = 64 u + 1.61 * 3.4 u,
// a_x = pi * phase_error_absolute(|x|) (below 10^-20 for |x| <= 2^40); so
//   2 s~^2 (1 - 2 rho_s) - 4.002 a_x  <=  1 - cos x  <=  2 s~^2 (1 + rho_s)^2 + 4.003 a_x,
// and the two ends are computed with a few u to spare for their own roundings.
// tests/sweep/one_minus_cos_test.cpp measures them against MPFR.
namespace ropecheck::sweep {

struct DoubleEnclosure {
    double lower = 0;
    double upper = 0;
};

// For |x| <= 2^50; beyond that (and for inf or NaN) [0, 2], which says nothing.
DoubleEnclosure one_minus_cos(float x);

}  // namespace ropecheck::sweep
