#pragma once
// Decimal output of high-precision values. Certified bounds are printed with
// directed rounding (a lower bound rounds down, an upper bound up), so the
// printed string is itself a valid bound; never through a double.
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

}  // namespace ropecheck::numeric
