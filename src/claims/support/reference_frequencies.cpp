#include "reference_frequencies.hpp"

#include <mpfr.h>

#include "ropecheck/numeric/certainty.hpp"
#include "ropecheck/numeric/enclosure.hpp"

namespace ropecheck::claims::support {

using numeric::interval;
using numeric::real;

std::vector<interval> reference_rope_frequencies(const std::string& theta, int head_dim) {
    const unsigned long n = static_cast<unsigned long>(head_dim / 2);
    const interval base = numeric::enclose_decimal(theta);
    // theta^(1/n) is increasing in theta: root of the lower end rounded down, of
    // the upper end rounded up, encloses it.
    real low = numeric::lower_bound(base), high = numeric::upper_bound(base);
    mpfr_rootn_ui(low.backend().data(), low.backend().data(), n, MPFR_RNDD);
    mpfr_rootn_ui(high.backend().data(), high.backend().data(), n, MPFR_RNDU);
    const interval root = numeric::between(low, high);
    const interval ratio = interval(1) / root;  // theta^(-1/n) = theta^(-2/d)
    std::vector<interval> g;
    g.reserve(n);
    g.push_back(interval(1));  // g_1 = theta^0, exactly
    for (unsigned long k = 1; k < n; ++k) g.push_back(g.back() * ratio);
    return g;
}

interval reference_all_ones_curve(const std::vector<interval>& frequencies, std::int64_t r) {
    const interval distance(static_cast<long long>(r));
    interval sum(0);
    for (const interval& g : frequencies) sum = sum + cos(distance * g);
    return sum / interval(static_cast<long long>(frequencies.size()));
}

}  // namespace ropecheck::claims::support
