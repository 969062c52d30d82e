#pragma once
// Double-precision phase reduction and sin/cos of pi*t with proven error
// bounds, for the sweep filter. Every bound below is an upper bound on the
// distance between the computed double and the exact real it stands for;
// tests/sweep/fast_trig_test.cpp measures the actual errors against MPFR and
// requires them to stay below the bounds.
//
// Requirements: round-to-nearest-even (the default), no fast-math, no
// contraction of a*b+c into fma (ISO C++ mode does not contract).
#include <array>
#include <cstddef>
#include <cstdint>

namespace ropecheck::sweep::detail {

inline constexpr double unit_roundoff = 0x1p-53;  // u

// Nearest integer of |x| < 2^51, ties to even: adding 1.5*2^52 leaves no
// fractional bits, subtracting it back is exact.
inline double round_to_integer(double x) {
    constexpr double shifter = 0x1.8p52;
    return (x + shifter) - shifter;
}

// f = g / (2 pi) split as f1 + f2 + f3 (+ a remainder of at most `delta`):
// f1 and f2 carry at most 22 significant bits, so r * f1 and r * f2 are exact
// doubles for |r| < 2^31, and for any float r (24 bits; one_minus_cos.hpp).
// round_to_integer then needs |r f1| < 2^51, i.e. |g| < 2^21 pi for |r| < 2^31
// (RoPE frequencies are at most 1; nothing checks larger ones).
struct SplitFrequency {
    double f1 = 0, f2 = 0, f3 = 0;
    double delta = 0;  // >= sup |g/(2 pi) - (f1 + f2 + f3)| over the enclosure of g
};
inline constexpr std::int64_t max_fast_distance = (std::int64_t{1} << 31) - 1;

// t with |t| <= 1/2 and t = r f (mod 1) up to
//   |t - tau| <= 2 u |t| + u (u + 2.01 |r| |f3|) + |r| delta
// (the last addition, whose result is at most 1/2 + tiny, contributes u |t|; the
// factor 2 is a deliberate reserve: tests measure up to 0.98 u |t| for that term).
// Each d_i = r f_i - round(r f_i) is exact; d1 + d2 is summed without error
// (TwoSum), so the only roundings are in r f3 and the last two additions.
inline double reduced_phase(double r, const SplitFrequency& s) {
    const double p1 = r * s.f1;
    const double d1 = p1 - round_to_integer(p1);
    const double p2 = r * s.f2;
    const double d2 = p2 - round_to_integer(p2);
    const double sum = d1 + d2;
    const double b = sum - d1;
    const double err = (d1 - (sum - b)) + (d2 - b);
    // Re-centre before the last rounding (exactly: Sterbenz), so that it is
    // relative to |t| <= 1/2 + tiny rather than to |sum| which may be near 1.
    const double centred = sum - round_to_integer(sum);
    const double t = centred + (err + r * s.f3);
    return t - round_to_integer(t);  // exact; moves t only when it sits at +-1/2
}

inline constexpr double phase_relative_error = 2 * unit_roundoff;
// The absolute part of the phase bound for |r| <= max_r.
inline double phase_error_absolute(double max_r, const SplitFrequency& s) {
    const double u = unit_roundoff;
    const double f3 = s.f3 < 0 ? -s.f3 : s.f3;
    return (u * (u + 2.01 * max_r * f3) + max_r * s.delta) * (1 + 8 * u);
}

// pi rounded to double; |pi - kPi| < 1.23e-16.
inline constexpr double kPi = 0x1.921fb54442d18p+1;

// sin(x) = x P(x^2), Taylor to x^23/23!; cos(x) = Q(x^2), Taylor to x^24/24!.
// Coefficients are the correctly rounded doubles of +-1/n!.
// For |x| <= 1.6 (|t| <= 1/2 plus rounding):
//   |sin_poly(x) - sin x| <= 64 u |sin_poly(x)|   (Horner gamma_22 * sinh(x)/x / (sin(x)/x),
//                                                  coefficient, x^2 and final-product roundings,
//                                                  truncation < 1e-20 relative)
//   |cos_poly(x) - cos x| <= 80 u                 (gamma_24 cosh(1.6) and the same terms)
inline constexpr double sin_relative_error = 64 * unit_roundoff;
inline constexpr double cos_absolute_error = 80 * unit_roundoff;
// pi t rounded: relative error of x = kPi * t against pi * t is below 1.4 u.
inline constexpr double pi_product_relative_error = 1.4 * unit_roundoff;

// Horner's rule from the highest coefficient: ((c[0] y + c[1]) y + ...) y + c[N-1].
// Unrolled to the straight-line sequence at every optimisation level (at -O2 GCC
// would keep the loop, and a loop inside the evaluators' distance loops would
// stop their vectorisation).
template <std::size_t N>
inline double horner(const std::array<double, N>& c, double y) {
    double p = c[0];
#pragma GCC unroll 16
    for (std::size_t i = 1; i < N; ++i) p = p * y + c[i];
    return p;
}

// (-1)^k / (2k+1)! for k = 11 down to 0.
inline constexpr std::array<double, 12> sin_coefficients{
    -0x1.761b41316381ap-75, 0x1.71b8ef6dcf572p-66,  -0x1.2f49b46814157p-57, 0x1.952c77030ad4ap-49,
    -0x1.ae7f3e733b81fp-41, 0x1.6124613a86d09p-33,  -0x1.ae64567f544e4p-26, 0x1.71de3a556c734p-19,
    -0x1.a01a01a01a01ap-13, 0x1.1111111111111p-7,   -0x1.5555555555555p-3,  0x1.0000000000000p+0,
};
// (-1)^k / (2k)! for k = 12 down to 0.
inline constexpr std::array<double, 13> cos_coefficients{
    0x1.f2cf01972f578p-80,  -0x1.0ce396db7f853p-70, 0x1.e542ba4020225p-62,  -0x1.6827863b97d97p-53,
    0x1.ae7f3e733b81fp-45,  -0x1.93974a8c07c9dp-37, 0x1.1eed8eff8d898p-29,  -0x1.27e4fb7789f5cp-22,
    0x1.a01a01a01a01ap-16,  -0x1.6c16c16c16c17p-10, 0x1.5555555555555p-5,   -0x1.0000000000000p-1,
    0x1.0000000000000p+0,
};

inline double sin_poly(double x) { return x * horner(sin_coefficients, x * x); }
inline double cos_poly(double x) { return horner(cos_coefficients, x * x); }

}  // namespace ropecheck::sweep::detail
