#pragma once
// Numerators p_n of the convergents of 2 pi up to `limit`, from its continued
// fraction in 300-bit MPFR (ample: the partial quotients used need well under
// 100 bits): the distances r at which r comes closest to a multiple of 2 pi
// (best approximations of the second kind). An independent route for tests of
// closest returns and positional margins of g = 1.
#include <cstdint>
#include <vector>

#include "ropecheck/numeric/precision_guard.hpp"
#include "ropecheck/numeric/types.hpp"

namespace ropecheck::test {

inline std::vector<std::int64_t> two_pi_convergent_numerators(std::int64_t limit) {
    numeric::PrecisionGuard guard(300);
    numeric::real x;
    mpfr_const_pi(x.backend().data(), MPFR_RNDN);
    x *= 2;
    std::int64_t p_prev = 1, p = 0;  // p_{-1} = 1, p_{-2} = 0
    std::vector<std::int64_t> out;
    for (;;) {
        const numeric::real a = floor(x);
        const std::int64_t next = a.convert_to<std::int64_t>() * p_prev + p;
        if (next > limit) break;
        out.push_back(next);
        p = p_prev;
        p_prev = next;
        x = 1 / (x - a);
    }
    return out;
}

}  // namespace ropecheck::test
