#pragma once
// The regular continued fraction of an enclosed real alpha, expanded only as
// far as the enclosure decides it, and the three distance theorem built on it.
//
// Notation (frac(alpha) = alpha - a_0, a_0 = floor(alpha)):
//   frac(alpha) = [0; a_1, a_2, ...], convergents p_k / q_k with
//   p_{-1} = 1, q_{-1} = 0, p_0 = 0, q_0 = 1, p_{k+1} = a_{k+1} p_k + p_{k-1}, q likewise;
//   theta_k = |q_k frac(alpha) - p_k| (so theta_{-1} = 1, theta_0 = frac(alpha)), which
//   satisfies theta_{k-1} = a_{k+1} theta_k + theta_{k+1} and decreases strictly for k >= 0.
//   a_{k+1} = floor(zeta_{k+1}) with the complete quotient zeta_{k+1} = theta_{k-1} / theta_k.
//
// A partial quotient is used only when it is the same integer for every alpha
// of the enclosure; the first one that is not ends the expansion as
// `undecided`, so nothing downstream is ever a guess. Inside, the expansion
// runs in MPFI at the current precision plus a margin (probes::detail), and
// the enclosures it returns are rounded outward to the current precision.
#include <cstdint>
#include <optional>
#include <vector>

#include "ropecheck/numeric/types.hpp"

namespace ropecheck::probes {

struct Convergent {
    std::int64_t p = 0;
    std::int64_t q = 1;
    numeric::interval theta;  // encloses |q frac(alpha) - p|, in turns
};

enum class ExpansionEnd {
    beyond_limit,            // q_{n+1} > denominator_limit for every alpha of the enclosure
    undecided,               // a_{n+1} is not the same integer across the enclosure
    integer_part_undecided,  // alpha is too close to an integer to say which: no convergents
};

struct ContinuedFraction {
    std::int64_t integer_part = 0;        // a_0
    std::vector<std::int64_t> quotients;  // a_1 .. a_n, each decided
    std::vector<Convergent> convergents;  // k = 0 .. n (k = -1 is implicit: p = 1, q = 0, theta = 1)
    ExpansionEnd end = ExpansionEnd::integer_part_undecided;
    // floor of the next complete quotient zeta_{n+1} over the enclosure,
    // each clamped to denominator_limit + 1 (a larger quotient already puts
    // q_{n+1} beyond the limit, so its exact value is never needed).
    std::int64_t next_quotient_low = 0;
    std::int64_t next_quotient_high = 0;

    // theta_{-1} = 1, p_{-1} = 1, q_{-1} = 0 for k = -1; convergents[k] otherwise.
    Convergent at(int k) const;
};

// Expands until the next denominator exceeds `denominator_limit` (>= 1) or a
// partial quotient is not decided.
ContinuedFraction expand_continued_fraction(const numeric::interval& alpha, std::int64_t denominator_limit);

// The three distance theorem (Sos, Suranyi, Swierczkowski; the form of
// Alessandri and Berthe). For n >= 1 points {r alpha mod 1 : 0 <= r < n} write
//   n = m q_k + q_{k-1} + s   with   1 <= m <= a_{k+1},  0 <= s < q_k,
// which picks the unique k >= 0 with q_k + q_{k-1} <= n < q_{k+1} + q_k (the
// ranges for k = 0, 1, .. tile n >= 1), and m = floor((n - q_{k-1}) / q_k).
// The circle is then cut into
//   n - q_k   gaps of length theta_k,
//   s         gaps of length theta_{k-1} - m theta_k,
//   q_k - s   gaps of length theta_{k-1} - (m - 1) theta_k
// (the lengths add up to q_k theta_{k-1} + q_{k-1} theta_k = 1). The last
// kind always occurs (q_k - s >= 1) and is the longest, since
// theta_{k-1} - (m - 1) theta_k >= theta_k + theta_{k+1} when m <= a_{k+1}. So
//   largest_gap(n) = theta_{k-1} - (floor((n - q_{k-1}) / q_k) - 1) theta_k,
// constant while s runs over 0..q_k-1, and strictly decreasing at each
// n = m q_k + q_{k-1}, including across blocks (theta_k + theta_{k+1} > theta_k).
//
// The largest gap in turns for the points r = 0..max_r (n = max_r + 1);
// nullopt when the expansion stops before deciding the block of n.
std::optional<numeric::interval> largest_gap_in_turns(const ContinuedFraction& cf, std::int64_t max_r);

}  // namespace ropecheck::probes
