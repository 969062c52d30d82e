#include "competitor_sum.hpp"

#include <mpfi.h>

#include <stdexcept>

#include "block_scan.hpp"
#include "ropecheck/numeric/certainty.hpp"
#include "ropecheck/numeric/enclosure.hpp"
#include "ropecheck/sweep/series.hpp"

namespace ropecheck::probes::detail {
namespace {

using numeric::interval;

struct ScanPart {
    std::vector<std::int64_t> near;
    std::int64_t tail = 0;
    u128 tail_least_units = ~u128{0};
};

}  // namespace

CompetitorSum::CompetitorSum(const interval& frequency, const TurnFilter& filter, const CompetitorSet& set,
                             double cutoff) {
    if (set.max_distance() > filter.max_distance())
        throw std::logic_error("CompetitorSum: the filter does not cover every competitor distance");

    // Distance 1 always gets an exact term (it carries the extra copies of the
    // previous-token pattern, and one MPFI term costs nothing).
    distances_.push_back(1);
    multiplicity_.push_back((set.last >= 1 ? 1 : 0) + set.extra_at_one);

    const u128 threshold = near_threshold_units(cutoff);
    const auto parts = scan_blocks<ScanPart>(2, set.last, [&](std::int64_t from, std::int64_t to, ScanPart& part) {
        for (std::int64_t r = from; r <= to; ++r) {
            const u128 units = filter.lower_units(r);
            if (units < threshold) {
                part.near.push_back(r);
            } else {
                ++part.tail;
                if (units < part.tail_least_units) part.tail_least_units = units;
            }
        }
    });
    u128 least = ~u128{0};
    for (const ScanPart& part : parts) {
        for (std::int64_t r : part.near) {
            distances_.push_back(r);
            multiplicity_.push_back(1);
        }
        tail_count_ += part.tail;
        if (part.tail_least_units < least) least = part.tail_least_units;
    }

    const sweep::ReturnMarginSeries series = sweep::ReturnMarginSeries::unit({frequency});
    margins_.reserve(distances_.size());
    for (std::int64_t r : distances_) margins_.push_back(series.exact_at(r));

    // mu = 8 u^2 <= 8 ||r beta||^2 <= m(r) on the tail; only its lower bound is kept.
    tail_margin_ = interval(0);
    if (tail_count_ > 0) {
        const interval u(units_to_real_down(least));
        tail_margin_ = interval(numeric::lower_bound(interval(8) * u * u));
    }
}

interval CompetitorSum::at(const interval& scale) const {
    if (numeric::lower_bound(scale) < 0) throw std::logic_error("CompetitorSum::at: the scale must be >= 0");
    interval sum(0);
    for (std::size_t i = 0; i < distances_.size(); ++i)
        sum += interval(static_cast<long long>(multiplicity_[i])) * exp(-(scale * margins_[i]));
    if (tail_count_ > 0) {
        const interval bound = interval(static_cast<long long>(tail_count_)) * exp(-(scale * tail_margin_));
        sum += numeric::between(numeric::real(0), numeric::upper_bound(bound));
    }
    return sum;
}

bool CompetitorSum::margins_certainly_positive() const {
    for (const interval& m : margins_)
        if (!numeric::certainly_positive(m)) return false;
    return tail_count_ == 0 || numeric::certainly_positive(tail_margin_);
}

}  // namespace ropecheck::probes::detail
