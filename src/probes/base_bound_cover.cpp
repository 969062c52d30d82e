// Certified exclusion of a whole interval of bases Theta = [lower, upper] by one
// distance r: an MPFI enclosure of { S_theta(r) : theta in Theta } whose upper
// bound is negative proves that every base in Theta fails at r.
//
// Two enclosures (either one suffices):
//  plain       sum_k cos(r g_k(Theta)): each term over its exact range of angles
//              (MPFI's cos is tight on an interval), so the width is about
//              sum_k |r e_k g_k sin(r g_k)| |Theta| / theta: no cancellation.
//  mean value  S(lower) + S'(Theta) [0, upper - lower], with
//              S'(theta) = (1/theta) sum_k r e_k g_k sin(r g_k)  (g_k = theta^(-e_k)),
//              valid because for theta in Theta, S(theta) = S(lower) + S'(xi)(theta - lower)
//              for some xi in [lower, theta]. The signed sum lets the terms cancel,
//              and near a zero of S it reaches almost all the way to it (a Newton
//              step), where the plain form only creeps up linearly.
//
// Frequencies: g_k = q^(k-1) with q = exp(-(2/D) log Theta) in (0, 1]. For a
// positive interval the product [a, b] [c, d] = [ac, bd] is the exact range, so
// the repeated products enclose theta^(-2(k-1)/D) over Theta as tightly as one
// exp per term would, at the price of a multiplication (an MPFI exp costs ~200).
#include <mpfi.h>
#include <omp.h>

#include "base_bound_parts.hpp"
#include "ropecheck/numeric/certainty.hpp"
#include "ropecheck/numeric/enclosure.hpp"

namespace ropecheck::probes::base_bound_detail {
namespace {

using numeric::interval;
using numeric::real;

// The terms of a sum, evaluated in parallel when the head is wide enough to pay
// for a team (and the caller is not already parallel), then added in order: the
// enclosure is the same whatever the number of threads.
constexpr int parallel_pairs = 32;

template <class Term>
interval ordered_sum(int count, const Term& term) {
    std::vector<interval> terms(static_cast<std::size_t>(count));
    const bool parallel = count >= parallel_pairs && omp_get_level() == 0;
#pragma omp parallel for schedule(static) if (parallel)
    for (int k = 0; k < count; ++k) terms[static_cast<std::size_t>(k)] = term(k);
    interval sum(0);
    for (const interval& t : terms) sum += t;
    return sum;
}

using numeric::between;

}  // namespace

BaseCover::BaseCover(int head_dim) : pairs_(head_dim / 2), head_dim_(head_dim) {}

std::vector<interval> BaseCover::frequencies(const interval& theta) const {
    const interval ratio = exp(-(interval(2) / interval(head_dim_)) * log(theta));
    std::vector<interval> g;
    g.reserve(static_cast<std::size_t>(pairs_));
    interval power(1);
    for (int k = 0; k < pairs_; ++k) {
        g.push_back(power);
        power *= ratio;
    }
    return g;
}

interval BaseCover::value(std::int64_t r, const interval& theta) const {
    const interval distance(static_cast<long long>(r));
    const std::vector<interval> g = frequencies(theta);
    return ordered_sum(pairs_, [&](int k) { return interval(cos(distance * g[static_cast<std::size_t>(k)])); });
}

interval BaseCover::slope(std::int64_t r, const interval& theta) const {
    const interval distance(static_cast<long long>(r));
    const std::vector<interval> g = frequencies(theta);
    const interval sum = ordered_sum(pairs_, [&](int k) {
        const interval angle = distance * g[static_cast<std::size_t>(k)];
        // e_k = 2k / D for the 0-based k.
        return interval(angle * (interval(2 * k) / interval(head_dim_)) * sin(angle));
    });
    return sum / theta;
}

BaseCover::PointValue BaseCover::at(std::int64_t r, const real& theta) const {
    return {value(r, interval(theta)), slope(r, interval(theta))};
}

interval BaseCover::enclose(CoverForm form, std::int64_t r, const real& lower, const real& upper) const {
    const interval theta = between(lower, upper);
    if (form == CoverForm::plain) return value(r, theta);
    const interval run = between(real(0), numeric::upper_bound(interval(upper) - interval(lower)));
    return value(r, interval(lower)) + slope(r, theta) * run;
}

bool BaseCover::fails(CoverForm form, std::int64_t r, const real& lower, const real& upper) const {
    return numeric::certainly_negative(enclose(form, r, lower, upper));
}

bool BaseCover::fails_throughout(std::int64_t r, const real& lower, const real& upper) const {
    return fails(CoverForm::plain, r, lower, upper) || fails(CoverForm::mean_value, r, lower, upper);
}

}  // namespace ropecheck::probes::base_bound_detail
