#include "exact_peak.hpp"

#include <optional>
#include <utility>

#include "ropecheck/numeric/certainty.hpp"
#include "ropecheck/sweep/sweep.hpp"

namespace ropecheck::claims::support {

namespace {

std::vector<numeric::interval> negate(const std::vector<numeric::interval>& v) {
    std::vector<numeric::interval> out;
    out.reserve(v.size());
    for (const auto& x : v) out.push_back(-x);
    return out;
}

}  // namespace

ExactPeak exact_peak(const rope::ChunkCoefficients<numeric::interval>& coefficients,
                     const std::vector<numeric::interval>& frequencies, std::int64_t target, std::int64_t window) {
    ExactPeak peak;
    peak.at_target = rope::activation_from_coefficients<numeric::interval>(coefficients, frequencies, target);
    // max over the window of a(r), r != r*: the minimum of -a(r) on each side of r*.
    const auto negated = sweep::CosineSeries{frequencies, negate(coefficients.aligned), negate(coefficients.cross)};
    std::optional<sweep::MinimumResult> best;
    for (const auto& [from, to] : {std::pair{-window, target - 1}, std::pair{target + 1, window}}) {
        if (from > to) continue;
        auto side = sweep::minimum_of(negated, from, to);
        peak.escalated += side.stats.escalated;
        if (!best || numeric::lower_bound(side.minimum) < numeric::lower_bound(best->minimum)) best = std::move(side);
    }
    const numeric::interval largest_other = -best->minimum;
    peak.closest = best->argmin;
    peak.gap = peak.at_target - largest_other;
    return peak;
}

}  // namespace ropecheck::claims::support
