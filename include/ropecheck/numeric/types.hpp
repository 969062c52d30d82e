#pragma once
// The number types of ropecheck. MPFR values carry a run-time precision; MPFI
// values are rigorous enclosures [lower, upper] over MPFR endpoints.
#include <boost/multiprecision/mpfi.hpp>
#include <boost/multiprecision/mpfr.hpp>

namespace ropecheck::numeric {

// Expression templates are off: they make `auto` capture unevaluated
// expressions and complicate generic kernel code for no measurable gain here.
using real = boost::multiprecision::number<boost::multiprecision::mpfr_float_backend<0>,
                                           boost::multiprecision::et_off>;
using interval = boost::multiprecision::number<boost::multiprecision::mpfi_float_backend<0>,
                                               boost::multiprecision::et_off>;

// The least precision a spec or the command line may ask for: below binary64
// the suite could not even represent the double inputs it is given.
inline constexpr unsigned min_precision_bits = 53;
inline constexpr unsigned max_precision_bits = 1u << 16;

}  // namespace ropecheck::numeric
