#pragma once
// The one printing module. High-precision values: certified bounds are printed
// with directed rounding (a lower bound rounds down, an upper bound up), so the
// printed string is itself a valid bound; never through a double. Binary
// floating-point values (inputs, dtype results; not bounds): one digits rule,
// the shortest decimal that reads back as the same double, so the text is exact
// in the sense that it identifies the value; or the exact hexadecimal.
#include <string>

#include "ropecheck/numeric/types.hpp"

namespace ropecheck::numeric {

inline constexpr int default_significant_digits = 20;

std::string decimal_nearest(const real& x, int significant_digits = default_significant_digits);
std::string decimal_down(const real& x, int significant_digits = default_significant_digits);
std::string decimal_up(const real& x, int significant_digits = default_significant_digits);
// "[lower, upper]" with outward rounding.
std::string decimal_enclosure(const interval& x, int significant_digits = default_significant_digits);
std::string decimal_lower(const interval& x, int significant_digits = default_significant_digits);
std::string decimal_upper(const interval& x, int significant_digits = default_significant_digits);
// The midpoint of an enclosure, rounded to nearest (a value, not a bound).
std::string decimal_midpoint(const interval& x, int significant_digits = default_significant_digits);

// The shortest decimal that reads back as x, with an exponent where that is
// shorter ("1e+05", "0.25"); "inf", "-inf", "nan" for the non-finite.
std::string shortest_decimal(double x);
// The same digits without an exponent ("0.00001", "1000000").
std::string shortest_fixed_decimal(double x);
// A float32 by the digits of its (exact) double value, without an exponent:
// reading the text back as a double and rounding to float32 gives x again.
std::string float32_decimal(float x);
// x exactly, in C's %a hexadecimal ("0x1.8p+1").
std::string exact_hex(double x);

}  // namespace ropecheck::numeric
