#pragma once
// theta^(-num/den) by MPFR's own pow at `bits` bits, rounded once: a reference
// for the schedule's frequencies independent of the exp(-x log theta) and the
// product forms it checks (num/den is dyadic in every use, so the exponent is exact).
#include <mpfr.h>

#include "ropecheck/numeric/precision_guard.hpp"
#include "ropecheck/numeric/types.hpp"

namespace ropecheck::test_support {

inline numeric::real reference_power(const char* theta, long num, long den, unsigned bits) {
    numeric::PrecisionGuard guard(bits);
    const numeric::real base(theta);
    const numeric::real exponent = numeric::real(-num) / numeric::real(den);
    numeric::real out;
    mpfr_pow(out.backend().data(), base.backend().data(), exponent.backend().data(), MPFR_RNDN);
    return out;
}

}  // namespace ropecheck::test_support
