#pragma once
// The precision a printed number claims: "0.0006" claims its last digit, so it
// stands for any value within half a unit of that digit (5e-5). Used to derive
// a tolerance from the digits a paper printed. Private to src/claims.
//
// Rules: digits after a decimal point are significant ("2.04": 0.005, "119.60":
// 0.005); an exponent shifts the place ("2.05e-4": 5e-7); trailing zeros of a
// whole number without a point are not ("58470": 5, "10000": 5000, "128": 0.5).
#include <string_view>

#include "ropecheck/numeric/types.hpp"

namespace ropecheck::claims::support {

// Half a unit in the last significant printed place, as an exact enclosure.
// Throws std::invalid_argument for anything but [-]digits[.digits][e[+-]digits].
numeric::interval half_unit(std::string_view printed);

}  // namespace ropecheck::claims::support
