#pragma once
// F(s) = sum over the competitors r of exp(-s m(r)), m(r) = 1 - cos(r g): the
// total weight, relative to the target's, of the keys that compete with the
// target at the worst query position (diagonal_scale.hpp and diagonal_scale.cpp
// derive which distances compete, with what multiplicity).
//
// Near s* almost every term is astronomically small: F is governed by the few
// r at which r g comes close to a whole turn. So the distances are split once,
// by the certified TurnFilter, into
//   near  the r whose certified lower bound on m(r) is below a cutoff: one
//         exact MPFI term each, m(r) from the RoPE kernel
//         (sweep::ReturnMarginSeries::exact_at);
//   tail  the rest, bounded as a whole: every tail distance has
//         m(r) >= mu = 8 u^2, u the least certified lower bound on ||r beta||
//         over the tail (TurnFilter), so for every s >= 0
//         0 <= tail(s) <= count exp(-s mu).
// Any split gives a valid enclosure for every s >= 0; cutting at
// cutoff = budget / s0 makes the tail at most count exp(-budget) for s >= s0.
// For small N (or small s) the cutoff exceeds 2 and every distance is near:
// then F is the plain MPFI sum.
#include <cstdint>
#include <vector>

#include "ropecheck/numeric/types.hpp"
#include "turn_filter.hpp"

namespace ropecheck::probes::detail {

// Competitor distances with multiplicity: 1..last once each, plus
// extra_at_one more copies of distance 1.
struct CompetitorSet {
    std::int64_t last = 0;
    std::int64_t extra_at_one = 0;

    std::int64_t size() const { return last + extra_at_one; }
    std::int64_t max_distance() const { return last > 1 ? last : 1; }
};

class CompetitorSum {
public:
    // `filter` must cover set.max_distance(). The distance scan runs in fixed
    // blocks with OpenMP and merges them in block order (deterministic); the
    // MPFI terms are computed serially at the current precision.
    CompetitorSum(const numeric::interval& frequency, const TurnFilter& filter, const CompetitorSet& set,
                  double cutoff);

    // Encloses F(s) for every s in `scale`. Requires lower(scale) >= 0 (the
    // tail bound uses exp(-s m) <= exp(-s mu), true only for s >= 0).
    numeric::interval at(const numeric::interval& scale) const;

    std::size_t exact_terms() const { return distances_.size(); }
    std::int64_t tail_count() const { return tail_count_; }
    // Every competitor certainly has m(r) > 0, so F is strictly decreasing.
    bool margins_certainly_positive() const;

private:
    std::vector<std::int64_t> distances_;
    std::vector<std::int64_t> multiplicity_;
    std::vector<numeric::interval> margins_;  // encloses m(r)
    std::int64_t tail_count_ = 0;
    numeric::interval tail_margin_;  // the point mu <= m(r) for every tail r
};

}  // namespace ropecheck::probes::detail
