#include "arb_ball.hpp"

#include <arf.h>
#include <flint/fmpz.h>

#include <stdexcept>

namespace ropecheck::arbcheck {

Ball Ball::decimal(const std::string& text) {
    Ball b;
    // arb_set_str rounds the decimal into a ball at the given precision; 4 * prec
    // keeps the parsing error far below anything compared here.
    if (arb_set_str(b.x_, text.c_str(), 4 * prec) != 0) throw std::invalid_argument("Arb cannot parse \"" + text + "\"");
    return b;
}

std::string Ball::str(slong digits) const {
    char* s = arb_get_str(x_, digits, 0);
    std::string out(s);
    flint_free(s);
    return out;
}

#define ROPECHECK_ARB_BINARY(name, fn)            \
    Ball name(const Ball& a, const Ball& b) {     \
        Ball r;                                   \
        fn(r.get(), a.get(), b.get(), prec);      \
        return r;                                 \
    }
ROPECHECK_ARB_BINARY(add, arb_add)
ROPECHECK_ARB_BINARY(sub, arb_sub)
ROPECHECK_ARB_BINARY(mul, arb_mul)
ROPECHECK_ARB_BINARY(div, arb_div)
ROPECHECK_ARB_BINARY(pow, arb_pow)
#undef ROPECHECK_ARB_BINARY

#define ROPECHECK_ARB_UNARY(name, fn)   \
    Ball name(const Ball& a) {          \
        Ball r;                         \
        fn(r.get(), a.get(), prec);     \
        return r;                       \
    }
ROPECHECK_ARB_UNARY(cos, arb_cos)
ROPECHECK_ARB_UNARY(sin, arb_sin)
ROPECHECK_ARB_UNARY(exp, arb_exp)
ROPECHECK_ARB_UNARY(log, arb_log)
ROPECHECK_ARB_UNARY(sqrt, arb_sqrt)
#undef ROPECHECK_ARB_UNARY

Ball mul_si(const Ball& a, std::int64_t n) {
    Ball r;
    arb_mul_si(r.get(), a.get(), static_cast<slong>(n), prec);
    return r;
}

Ball neg(const Ball& a) {
    Ball r;
    arb_neg(r.get(), a.get());
    return r;
}

Ball abs(const Ball& a) {
    Ball r;
    arb_abs(r.get(), a.get());
    return r;
}

Ball ratio(std::int64_t p, std::int64_t q) {
    Ball r = Ball::integer(p);
    arb_div_si(r.get(), r.get(), static_cast<slong>(q), prec);
    return r;
}

Ball hull(const Ball& a, const Ball& b) {
    Ball r;
    arb_union(r.get(), a.get(), b.get(), prec);
    return r;
}

bool unique_floor(const Ball& a, std::int64_t& out) {
    Ball f;
    arb_floor(f.get(), a.get(), prec);
    fmpz_t z;
    fmpz_init(z);
    const bool unique = arb_get_unique_fmpz(z, f.get()) != 0 && fmpz_fits_si(z);
    if (unique) out = fmpz_get_si(z);
    fmpz_clear(z);
    return unique;
}

Ball from_interval(const numeric::interval& x) {
    Ball b;
    const numeric::real lo = numeric::lower_bound(x);
    const numeric::real hi = numeric::upper_bound(x);
    // The endpoints are MPFR numbers of at most a few hundred bits; at 4 * prec
    // the hull is exact or rounded outward by a negligible amount.
    arb_set_interval_mpfr(b.get(), lo.backend().data(), hi.backend().data(), 4 * prec);
    return b;
}

std::pair<std::string, std::string> enclosure_ends(const std::string& text) {
    const auto open = text.find('[');
    const auto comma = text.find(',');
    const auto close = text.find(']');
    if (open == std::string::npos || comma == std::string::npos || close == std::string::npos || comma < open ||
        close < comma)
        throw std::invalid_argument("not an enclosure \"[lower, upper]\": \"" + text + "\"");
    std::string upper = text.substr(comma + 1, close - comma - 1);
    upper.erase(0, upper.find_first_not_of(' '));
    return {text.substr(open + 1, comma - open - 1), upper};
}

Ball from_enclosure_text(const std::string& text) {
    const auto [lower, upper] = enclosure_ends(text);
    return hull(Ball::decimal(lower), Ball::decimal(upper));
}

bool narrow(const Ball& a, double tolerance) {
    // Compared in Arb's own mag arithmetic: rad <= tolerance * max(1, |mid|).
    mag_t bound, rad_bound;
    mag_init(bound);
    mag_init(rad_bound);
    arf_get_mag(bound, arb_midref(a.get()));
    if (mag_cmp_2exp_si(bound, 0) < 0) mag_one(bound);
    mag_set_d(rad_bound, tolerance);
    mag_mul(bound, bound, rad_bound);
    const bool ok = mag_cmp(arb_radref(a.get()), bound) <= 0;
    mag_clear(bound);
    mag_clear(rad_bound);
    return ok;
}

std::map<std::pair<std::string, std::string>, int>& tally() {
    static std::map<std::pair<std::string, std::string>, int> counts;
    return counts;
}

}  // namespace ropecheck::arbcheck
