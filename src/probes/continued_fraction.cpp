// The continued fraction of an enclosure, and the three distance formula for
// the largest gap (see continued_fraction.hpp for the notation and the theorem).
#include "ropecheck/probes/continued_fraction.hpp"

#include <limits>
#include <stdexcept>

#include "expansion.hpp"

namespace ropecheck::probes {
namespace density_detail {
namespace {

using wide = __int128;  // products q * a of two numbers below 2^62 never overflow

constexpr std::int64_t max_limit = std::int64_t{1} << 62;

// theta_k = (-1)^k (q_k frac - p_k): the sign is known (convergents alternate
// around frac), so no absolute value widens the enclosure.
WorkInterval theta_of(const WorkInterval& frac, std::int64_t p, std::int64_t q, std::size_t k) {
    const WorkInterval signed_error = frac * q - p;
    return k % 2 == 0 ? signed_error : WorkInterval(0L, signed_error.bits()) - signed_error;
}

// floor(zeta) for zeta = theta_prev / theta_cur over the enclosure. theta_prev
// is certainly positive (its own quotient was decided); theta_cur may touch 0
// (alpha may be the rational p_k / q_k), and then zeta has no upper bound.
FloorRange quotient_range(const WorkInterval& theta_prev, const WorkInterval& theta_cur, std::int64_t cap) {
    if (theta_cur.certainly_positive()) return floor_range(theta_prev / theta_cur, cap);
    FloorRange r{cap, cap};
    if (theta_cur.upper() > 0)
        r.low = floor_range(theta_prev.lower_point() / theta_cur.upper_point(), cap).low;
    return r;  // theta_cur = 0 exactly: the expansion has ended, no further denominator exists
}

}  // namespace

ContinuedFraction expand_turns(const WorkInterval& alpha, std::int64_t limit) {
    if (limit < 1 || limit > max_limit) throw std::invalid_argument("continued fraction: denominator limit out of range");
    ContinuedFraction cf;
    const std::int64_t cap = limit + 1;
    const FloorRange a0 = floor_range(alpha, max_limit);
    if (!a0.decided() || a0.low == max_limit || a0.low == -max_limit) return cf;  // integer_part_undecided
    cf.integer_part = a0.low;
    const WorkInterval frac = alpha - a0.low;

    WorkInterval theta_prev(1L, alpha.bits());  // theta_{-1} = 1
    WorkInterval theta_cur = frac;              // theta_0
    std::int64_t p_prev = 1, q_prev = 0, p_cur = 0, q_cur = 1;
    cf.convergents.push_back({p_cur, q_cur, theta_cur.to_interval()});
    for (std::size_t k = 0;; ++k) {
        const FloorRange a = quotient_range(theta_prev, theta_cur, cap);
        cf.next_quotient_low = a.low;
        cf.next_quotient_high = a.high;
        // a_{k+1} q_k + q_{k-1} > limit  <=>  a_{k+1} > floor((limit - q_{k-1}) / q_k).
        if (a.low > (limit - q_prev) / q_cur) {
            cf.end = ExpansionEnd::beyond_limit;
            return cf;
        }
        // theta_{k-1} > theta_k makes every quotient >= 1; a range reaching below 1
        // means the enclosure is too wide to say anything.
        if (!a.decided() || a.low < 1) {
            cf.end = ExpansionEnd::undecided;
            return cf;
        }
        const std::int64_t p_next = a.low * p_cur + p_prev;  // <= q_next: frac < 1
        const std::int64_t q_next = a.low * q_cur + q_prev;  // <= limit by the test above
        WorkInterval theta_next = theta_of(frac, p_next, q_next, k + 1);
        cf.quotients.push_back(a.low);
        cf.convergents.push_back({p_next, q_next, theta_next.to_interval()});
        p_prev = p_cur;
        q_prev = q_cur;
        p_cur = p_next;
        q_cur = q_next;
        theta_prev = theta_cur;
        theta_cur = theta_next;
    }
}

}  // namespace density_detail

Convergent ContinuedFraction::at(int k) const {
    if (k < 0) return {1, 0, numeric::interval(1)};
    return convergents.at(static_cast<std::size_t>(k));
}

ContinuedFraction expand_continued_fraction(const numeric::interval& alpha, std::int64_t denominator_limit) {
    return density_detail::expand_turns(density_detail::WorkInterval(alpha, density_detail::work_bits()), denominator_limit);
}

std::optional<numeric::interval> largest_gap_in_turns(const ContinuedFraction& cf, std::int64_t max_r) {
    if (max_r < 0) throw std::invalid_argument("largest gap: negative distance");
    if (cf.convergents.empty()) return std::nullopt;
    const density_detail::wide n = static_cast<density_detail::wide>(max_r) + 1;  // points r = 0..max_r
    const int last = static_cast<int>(cf.convergents.size()) - 1;
    for (int k = 0; k <= last; ++k) {
        const Convergent cur = cf.at(k), prev = cf.at(k - 1);
        // Block k ends before q_{k+1} + q_k; at the last convergent only a lower
        // bound of a_{k+1} is known, which bounds the block's end from below.
        const density_detail::wide next_q =
            k < last ? static_cast<density_detail::wide>(cf.convergents[static_cast<std::size_t>(k) + 1].q)
                     : static_cast<density_detail::wide>(cf.next_quotient_low) * cur.q + prev.q;
        if (n >= next_q + cur.q) continue;
        const auto m = static_cast<std::int64_t>((n - prev.q) / cur.q);
        return prev.theta - numeric::interval(static_cast<long long>(m - 1)) * cur.theta;
    }
    return std::nullopt;  // n lies beyond what the expansion decided
}

}  // namespace ropecheck::probes
