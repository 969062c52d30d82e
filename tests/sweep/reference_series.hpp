#pragma once
// An independent reference for the sweep filter's tests: the two series
// evaluated from their definitions in MPFI at 384 bits, at one point of the
// inputs' enclosures (their lower ends, midpoints or upper ends), without the
// kernel, the filter or anything else of src/sweep:
//   margin  M(r) = sum_k w_k (1 - cos(r g_k))
//   cosine  S(r) = sum_k a_k cos(r g_k) + b_k sin(r g_k)
// A filter enclosure must contain the value at every point of the inputs'
// enclosures; the tests check it at these sample points.
#include <mpfi.h>
#include <mpfr.h>

#include <cstdint>
#include <vector>

#include "ropecheck/numeric/types.hpp"

namespace ropecheck::test {

inline constexpr mpfr_prec_t reference_bits = 384;

enum class Sample { lower_end, midpoint, upper_end };

// An MPFI value at reference precision that frees itself.
class RefInterval {
public:
    RefInterval() { mpfi_init2(x_, reference_bits); }
    ~RefInterval() { mpfi_clear(x_); }
    RefInterval(const RefInterval&) = delete;
    RefInterval& operator=(const RefInterval&) = delete;
    mpfi_ptr get() { return x_; }
    mpfi_srcptr get() const { return x_; }

private:
    mpfi_t x_;
};

// The chosen point of an enclosure, as a point interval at reference precision
// (the ends are exact there: the enclosure has fewer bits).
inline void sample_point(mpfi_ptr out, const numeric::interval& x, Sample which) {
    mpfr_t p;
    mpfr_init2(p, reference_bits);
    if (which == Sample::lower_end) mpfi_get_left(p, x.backend().data());
    if (which == Sample::upper_end) mpfi_get_right(p, x.backend().data());
    if (which == Sample::midpoint) mpfi_mid(p, x.backend().data());
    mpfi_set_fr(out, p);
    mpfr_clear(p);
}

// sum_k (c_k cos(r g_k) + s_k sin(r g_k)) into `out`; margin = true evaluates
// sum_k c_k (1 - cos(r g_k)) instead (s unused). Frequencies are sampled at
// `at_g`, coefficients at `at_c`.
inline void reference_value(mpfi_ptr out, bool margin, const std::vector<numeric::interval>& g,
                            const std::vector<numeric::interval>& c, const std::vector<numeric::interval>& s,
                            std::int64_t r, Sample at_g, Sample at_c) {
    RefInterval angle, term, coefficient, trig;
    mpfi_set_ui(out, 0);
    for (std::size_t k = 0; k < g.size(); ++k) {
        sample_point(angle.get(), g[k], at_g);
        mpfi_mul_si(angle.get(), angle.get(), static_cast<long>(r));  // exact: r has < 64 bits
        sample_point(coefficient.get(), c[k], at_c);
        mpfi_cos(trig.get(), angle.get());
        if (margin) {
            mpfi_ui_sub(trig.get(), 1, trig.get());
            mpfi_mul(term.get(), coefficient.get(), trig.get());
        } else {
            mpfi_mul(term.get(), coefficient.get(), trig.get());
            sample_point(coefficient.get(), s[k], at_c);
            mpfi_sin(trig.get(), angle.get());
            mpfi_mul(trig.get(), coefficient.get(), trig.get());
            mpfi_add(term.get(), term.get(), trig.get());
        }
        mpfi_add(out, out, term.get());
    }
}

}  // namespace ropecheck::test
