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
// Frequencies and terms are the kernel's (rope/frequency_schedule.hpp,
// rope/kernel.hpp): g_k over the interval of bases is the RoPE schedule's
// frequencies_at (product form: one exp per interval, as tight as one exp per
// term), each cosine is the kernel's chunk term with a_k = 1, b_k = 0, and e_k
// the schedule's exponents. A change to the schedule or the kernel (or one of
// their mutants) reaches base-bound as it reaches every other probe.
#include "base_bound_parts.hpp"
#include "ropecheck/numeric/certainty.hpp"
#include "ropecheck/numeric/enclosure.hpp"
#include "ropecheck/rope/frequency_schedule.hpp"
#include "ropecheck/rope/kernel.hpp"
#include "ropecheck/sweep/scan_engine.hpp"

namespace ropecheck::probes::base_bound_detail {
namespace {

using numeric::interval;
using numeric::real;

// The terms of a sum, evaluated in parallel when the head is wide enough to pay
// for a team (with the scans' thread policy, sweep/scan_engine.hpp), then added in
// order: the enclosure is the same whatever the number of threads.
constexpr int parallel_pairs = 32;

template <class Term>
interval ordered_sum(int count, const Term& term) {
    std::vector<interval> terms(static_cast<std::size_t>(count));
    const int threads = count >= parallel_pairs ? sweep::scan_threads() : 1;
#pragma omp parallel for schedule(static) num_threads(threads) if (threads > 1)
    for (int k = 0; k < count; ++k) terms[static_cast<std::size_t>(k)] = term(k);
    interval sum(0);
    for (const interval& t : terms) sum += t;
    return sum;
}

using numeric::between;

}  // namespace

// Any base > 1 will do: the schedule is asked only for frequencies at other bases.
BaseCover::BaseCover(int head_dim) : schedule_(rope::FrequencySchedule::rope("2", head_dim)) {}

interval BaseCover::value(std::int64_t r, const interval& theta) const {
    const interval distance(static_cast<long long>(r));
    const std::vector<interval> g = schedule_.frequencies_at(theta);
    const interval one(1), zero(0);
    return ordered_sum(static_cast<int>(g.size()),
                       [&](int k) { return rope::chunk_term(one, zero, g[static_cast<std::size_t>(k)], distance); });
}

interval BaseCover::slope(std::int64_t r, const interval& theta) const {
    const interval distance(static_cast<long long>(r));
    const std::vector<interval> g = schedule_.frequencies_at(theta);
    const std::vector<interval> e = schedule_.frequency_exponents<interval>();
    // d/dtheta cos(r theta^(-e)) = (r g e / theta) sin(r g).
    const interval sum = ordered_sum(static_cast<int>(g.size()), [&](int k) {
        const interval angle = distance * g[static_cast<std::size_t>(k)];
        return interval(angle * e[static_cast<std::size_t>(k)] * sin(angle));
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
