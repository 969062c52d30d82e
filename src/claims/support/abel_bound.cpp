#include "abel_bound.hpp"

#include <cmath>

#include "ropecheck/numeric/certainty.hpp"
#include "ropecheck/numeric/enclosure.hpp"

namespace ropecheck::claims::support {

using numeric::interval;
using numeric::real;

namespace {

interval square(const interval& x) {
    interval out;
    mpfi_sqr(out.backend().data(), x.backend().data());
    return out;
}

// [max of lowers, max of uppers] encloses max(x, y) for any points of x and y.
interval enclosure_of_max(const interval& x, const interval& y) {
    const real lo = std::max(numeric::lower_bound(x), numeric::lower_bound(y));
    const real hi = std::max(numeric::upper_bound(x), numeric::upper_bound(y));
    return numeric::between(lo, hi);
}

ComplexInterval difference(const ComplexInterval& a, const ComplexInterval& b) {
    return {a.re - b.re, a.im - b.im};
}

}  // namespace

interval modulus(const ComplexInterval& z) { return sqrt(square(z.re) + square(z.im)); }

AbelWeights abel_weights(const rope::ChunkCoefficients<interval>& c) {
    AbelWeights w;
    const std::size_t n = c.aligned.size();
    for (std::size_t k = 0; k < n; ++k) w.h.push_back({c.aligned[k], -c.cross[k]});
    const ComplexInterval zero{interval(0), interval(0)};
    w.largest_step = interval(0);
    for (std::size_t k = 0; k < n; ++k) {
        const ComplexInterval& next = k + 1 < n ? w.h[k + 1] : zero;  // h_{n+1} = 0
        w.steps.push_back(modulus(difference(next, w.h[k])));
        w.largest_step = enclosure_of_max(w.largest_step, w.steps.back());
    }
    return w;
}

AbelTerms abel_terms(const AbelWeights& w, const std::vector<interval>& freqs, std::int64_t r) {
    const std::size_t n = w.h.size();
    const interval distance(static_cast<long long>(r));
    const ComplexInterval zero{interval(0), interval(0)};
    ComplexInterval partial = zero;  // S_1 = 0
    ComplexInterval total = zero;    // sum_k h_k e^{i r g_k}
    interval abel_sum(0), moduli_2_to_n1(0), moduli_1_to_n(0);
    // Iteration k handles chunk j = k + 1 (1-based); on entry `partial` is S_j.
    for (std::size_t k = 0; k < n; ++k) {
        const interval angle = distance * freqs[k];
        const ComplexInterval e{cos(angle), sin(angle)};
        const ComplexInterval& h = w.h[k];
        total.re = total.re + (h.re * e.re - h.im * e.im);
        total.im = total.im + (h.re * e.im + h.im * e.re);
        partial.re = partial.re + e.re;  // now S_{j+1}, j + 1 in 2..n+1
        partial.im = partial.im + e.im;
        const interval s_norm = modulus(partial);
        moduli_2_to_n1 = moduli_2_to_n1 + s_norm;
        // The literal range j = 1..n: S_1 = 0 adds nothing, S_{n+1} is left out.
        if (k + 1 < n) moduli_1_to_n = moduli_1_to_n + s_norm;
        // The Abel term of index j + 1: |h_{j+1} - h_j| |S_{j+1}|, h_{n+1} = 0.
        abel_sum = abel_sum + w.steps[k] * s_norm;
    }
    return {modulus(total), total.re, abel_sum, w.largest_step * moduli_2_to_n1, w.largest_step * moduli_1_to_n};
}

}  // namespace ropecheck::claims::support
