#include "quarter_turn.hpp"

#include <mpfr.h>

#include "ropecheck/numeric/certainty.hpp"

namespace ropecheck::claims::support {
namespace {

// An MPFR variable that frees itself.
struct Mpfr {
    explicit Mpfr(mpfr_prec_t bits) { mpfr_init2(v, bits); }
    ~Mpfr() { mpfr_clear(v); }
    Mpfr(const Mpfr&) = delete;
    Mpfr& operator=(const Mpfr&) = delete;
    mpfr_t v;
};

}  // namespace

numeric::interval reference_rope_frequency(const std::string& theta, int head_dim, int k) {
    const numeric::interval t = numeric::enclose_decimal(theta);
    // 32 guard bits: the three outward roundings below lose at most 3 ulps of them.
    const mpfr_prec_t bits = mpfi_get_prec(t.backend().data()) + 32;
    Mpfr lo(bits), hi(bits);
    mpfi_get_left(lo.v, t.backend().data());
    mpfi_get_right(hi.v, t.backend().data());
    // theta > 1, so theta^(k-1) and its root increase with theta: bound each end outward.
    const auto power = static_cast<unsigned long>(k - 1);
    const auto root = static_cast<unsigned long>(head_dim / 2);
    mpfr_pow_ui(lo.v, lo.v, power, MPFR_RNDD);
    mpfr_pow_ui(hi.v, hi.v, power, MPFR_RNDU);
    mpfr_rootn_ui(lo.v, lo.v, root, MPFR_RNDD);
    mpfr_rootn_ui(hi.v, hi.v, root, MPFR_RNDU);
    // g = 1 / root decreases: its lower end comes from the root's upper end.
    Mpfr g_lo(bits), g_hi(bits);
    mpfr_ui_div(g_lo.v, 1, hi.v, MPFR_RNDD);
    mpfr_ui_div(g_hi.v, 1, lo.v, MPFR_RNDU);
    numeric::interval g;
    mpfi_interv_fr(g.backend().data(), g_lo.v, g_hi.v);  // rounds outward to the working precision
    return g;
}

std::optional<std::int64_t> quarter_turn_break(const numeric::interval& g) {
    numeric::interval pi;
    mpfi_const_pi(pi.backend().data());
    if (!numeric::certainly_positive(g) || !numeric::certainly_positive(pi - g)) return std::nullopt;
    const numeric::interval quarter = pi / (numeric::interval(2) * g);
    const numeric::real lo = floor(numeric::lower_bound(quarter));
    const numeric::real hi = floor(numeric::upper_bound(quarter));
    if (lo != hi) return std::nullopt;
    return lo.convert_to<std::int64_t>() + 1;
}

}  // namespace ropecheck::claims::support
