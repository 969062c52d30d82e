// Closest returns and density from the continued fraction of alpha = g / (2 pi)
// (notation in continued_fraction.hpp; ||x|| is the distance to the nearest integer).
//
// Closest return. Lagrange's theorem on best approximations: for k >= 0 and
// 0 < r < q_{k+1}, |r alpha - p| >= theta_k for every integer p, with equality
// only for (r, p) = (q_k, p_k) when alpha is irrational. So with n the largest
// index such that q_n <= N (then N < q_{n+1}), min over 1 <= r <= N of
// ||r alpha|| is attained at r = q_n and equals theta_n, because theta_n =
// ||q_n alpha||: for n >= 1, theta_n < 1 / q_{n+1} <= 1/2; for n = 0 the
// expansion stopped with a_1 = q_1 > N >= 1, so a_1 >= 2, frac(alpha) < 1/2 and
// theta_0 = frac(alpha) = ||alpha||. (When a_1 = 1, q_0 = q_1 = 1 and n >= 1
// picks theta_1 = 1 - frac(alpha), the nearer integer.) The best
// approximations of the second kind are exactly the convergents, so there is no
// intermediate fraction to worry about.
// Ties: for irrational alpha the argmin is unique. The enclosure may contain a
// rational alpha = p_{n+1} / q_{n+1} (only with denominator q_{n+1} > N, since
// every earlier quotient was decided, which keeps theta_0..theta_{n-1} away
// from 0). For it ||r alpha|| = |r p_{n+1} mod q_{n+1}| / q_{n+1}, the minimum
// 1 / q_{n+1} is hit by the two residues r with r p_{n+1} = +-1 mod q_{n+1}:
// q_n and q_{n+1} - q_n; the expansion's last quotient a_{n+1} is >= 2 (floor
// of an integer complete quotient > 1), so q_n < q_{n+1} / 2 is the smaller.
// Either way "the smallest argmin" is q_n for every alpha of the enclosure.
// Distance to 2 pi Z: dist(r g, 2 pi Z) = 2 pi ||r alpha||.
//
// Density. With n points r = 0..n-1 the largest gap is
//   L(n) = theta_{k-1} - (m - 1) theta_k,  q_k + q_{k-1} <= n < q_{k+1} + q_k,
//   m = floor((n - q_{k-1}) / q_k) in 1..a_{k+1},
// non-increasing in n (continued_fraction.hpp). Within block k, L < delta'
// (delta' = delta / (2 pi)) iff m - 1 > t_k = (theta_{k-1} - delta') / theta_k,
// i.e. m >= m_k = floor(t_k) + 2; the block holds such an m iff
// m_k <= a_{k+1}, equivalently theta_k + theta_{k+1} < delta' (the block's
// smallest gap value, at m = a_{k+1}). So for the least k with m_k <= a_{k+1}:
//   least number of points  n* = m_k q_k + q_{k-1},   N(delta) = n* - 1,
//   L at N(delta)     = theta_{k-1} - (m_k - 1) theta_k  < delta',
//   L at N(delta) - 1 = theta_{k-1} - (m_k - 2) theta_k  >= delta'   (m_k >= 2), or
//                     = theta_{k-1} + theta_k            >= delta'   (m_k = 1: the end of block k-1).
// t_k >= -1 always (for k >= 1 block k-1 failed: theta_{k-1} + theta_k >= delta';
// for k = 0, theta_{-1} = 1 > delta'), so m_k >= 1; and for k = 0, t_0 > 0,
// so m_0 >= 2 and N(delta) >= 1. Each floor is used only when it is the same
// integer over the whole enclosure; otherwise the answer is not certified.
#include "density_methods.hpp"
#include "expansion.hpp"
#include "ropecheck/numeric/enclosure.hpp"
#include "ropecheck/probes/continued_fraction.hpp"
#include "work_interval.hpp"

namespace ropecheck::probes::density_detail {
namespace {

using numeric::interval;
using wide = __int128;

interval radians(const interval& turns) {
    const mpfr_prec_t bits = work_bits();
    return (WorkInterval(turns, bits) * WorkInterval::two_pi(bits)).to_interval();
}

// [max(lower, 0), upper]: a length is never negative, and cutting off the
// impossible part keeps printed lower bounds meaningful.
interval zero_to_upper_of(const interval& x) {
    return numeric::between(numeric::real(0), numeric::upper_bound(x));
}

interval clamp_at_zero(const interval& x) { return numeric::lower_bound(x) >= 0 ? x : zero_to_upper_of(x); }

ContinuedFraction expand_frequency(const interval& frequency, std::int64_t limit) {
    return expand_turns(turns_of(frequency, work_bits()), limit);
}

std::string stop_reason(const ContinuedFraction& cf) {
    if (cf.end == ExpansionEnd::integer_part_undecided)
        return "g / (2 pi) is too close to an integer for its enclosure to decide floor(g / (2 pi))";
    return "partial quotient a_" + std::to_string(cf.quotients.size() + 1) + " of g / (2 pi) is not decided (it lies in [" +
           std::to_string(cf.next_quotient_low) + ", " + std::to_string(cf.next_quotient_high) +
           "] over the enclosure); raise the precision";
}

}  // namespace

ReturnAnswer closest_return_by_continued_fraction(const interval& frequency, std::int64_t max_distance) {
    const ContinuedFraction cf = expand_frequency(frequency, max_distance);
    ReturnAnswer out;
    if (cf.convergents.empty()) {
        // Nothing decided: r = 1 as a placeholder, and the only safe enclosure of
        // a distance to 2 pi Z, [0, pi].
        out.closest_return = 1;
        out.distance = zero_to_upper_of(radians(interval(1) / interval(2)));
        out.undecided_reason = stop_reason(cf);
        return out;
    }
    const Convergent& best = cf.convergents.back();
    out.closest_return = best.q;
    out.distance = clamp_at_zero(radians(best.theta));
    out.certified = cf.end == ExpansionEnd::beyond_limit;
    if (!out.certified) out.undecided_reason = stop_reason(cf);
    return out;
}

DensityAnswer density_by_continued_fraction(const interval& frequency, const interval& gap, std::int64_t max_length) {
    const std::int64_t limit = max_length + 1;  // number of points r = 0..max_length
    const ContinuedFraction cf = expand_frequency(frequency, limit);
    const mpfr_prec_t bits = work_bits();
    const interval delta = (WorkInterval(gap, bits) / WorkInterval::two_pi(bits)).to_interval();
    DensityAnswer out;
    auto none = [&out]() {
        out.least_length.reset();
        out.certified = true;
        return out;
    };
    auto undecided = [&out](std::string reason) {
        out.undecided_reason = std::move(reason);
        return out;
    };
    if (cf.convergents.empty()) return undecided(stop_reason(cf));

    const int last = static_cast<int>(cf.convergents.size()) - 1;
    for (int k = 0;; ++k) {
        if (k > last) {
            // q_k >= q_{last+1} > limit: no block from here on starts within the limit.
            if (cf.end == ExpansionEnd::beyond_limit) return none();
            return undecided(stop_reason(cf));
        }
        const Convergent cur = cf.at(k), prev = cf.at(k - 1);
        if (static_cast<wide>(cur.q) + prev.q > limit) return none();
        if (!numeric::certainly_positive(cur.theta)) return undecided(stop_reason(cf));
        const interval t = (prev.theta - delta) / cur.theta;
        const FloorRange t_floor = floor_range(WorkInterval(t, bits), limit + 1);
        if (!t_floor.decided())
            return undecided("a largest gap in block k = " + std::to_string(k) +
                             " of the three distance theorem cannot be told from delta at this precision");
        const std::int64_t m = std::max<std::int64_t>(1, t_floor.low + 2);  // t >= -1 (see above)

        // Does block k reach m, i.e. m <= a_{k+1}?
        bool in_block = false;
        if (k < last) {
            in_block = m <= cf.quotients[static_cast<std::size_t>(k)];
        } else if (m <= cf.next_quotient_low) {
            in_block = true;
        } else if (cf.end == ExpansionEnd::beyond_limit) {
            // a_{k+1} q_k + q_{k-1} > limit already at the least a_{k+1}: m q_k + q_{k-1}
            // exceeds the limit too, and so does every later block.
            return none();
        } else {
            return undecided(stop_reason(cf));
        }
        if (!in_block) continue;

        const wide points = static_cast<wide>(m) * cur.q + prev.q;
        if (points > limit) return none();
        out.least_length = static_cast<std::int64_t>(points) - 1;
        out.certified = true;
        out.largest_gap_at_answer = radians(prev.theta - interval(static_cast<long long>(m - 1)) * cur.theta);
        out.largest_gap_before_answer = radians(m >= 2 ? prev.theta - interval(static_cast<long long>(m - 2)) * cur.theta
                                                       : prev.theta + cur.theta);
        return out;
    }
}

std::vector<std::optional<interval>> largest_gaps_by_continued_fraction(const interval& frequency, std::int64_t max_r) {
    const ContinuedFraction cf = expand_frequency(frequency, max_r + 1);
    std::vector<std::optional<interval>> out;
    out.reserve(static_cast<std::size_t>(max_r) + 1);
    for (std::int64_t n = 0; n <= max_r; ++n) {
        const auto turns = largest_gap_in_turns(cf, n);
        out.push_back(turns ? std::optional<interval>(radians(*turns)) : std::nullopt);
    }
    return out;
}

}  // namespace ropecheck::probes::density_detail
