// Closest returns and density by brute force, independent of the continued
// fraction:
//  - closest return: the certified sweep engine minimises M(r) = 1 - cos(r g)
//    over 1 <= r <= N. M = 2 sin^2(dist / 2) with dist = dist(r g, 2 pi Z) in
//    [0, pi] is increasing in dist, so both have the same minimisers and
//    dist = 2 asin(sqrt(M / 2)) turns the certified minimum into the distance.
//  - density: every point r alpha mod 1, r = 0, 1, 2, .., goes into a sorted
//    set in fixed point (circle_gaps.hpp for the error argument), and the first
//    N whose largest gap is certainly below delta' = delta / (2 pi) is the
//    answer, provided every earlier N was certainly not below.
#include <boost/multiprecision/mpfi.hpp>

#include "circle_gaps.hpp"
#include "density_methods.hpp"
#include "ropecheck/numeric/enclosure.hpp"
#include "ropecheck/sweep/series.hpp"
#include "ropecheck/sweep/sweep.hpp"
#include "work_interval.hpp"

namespace ropecheck::probes::density_detail {
namespace {

using numeric::interval;

// The largest gap of the first N + 1 true points, in units: within 2 N d of the
// fixed-point value (saturating: the fixed-point circle cannot hold 2^128).
struct UnitBounds {
    turn_units lower = 0;
    turn_units upper = 0;
};

// 2 N d < 2^1 2^24 2^100 never overflows 128 bits (fixed_rotation caps d below 2^100).
static_assert(max_exhaustive_length < (std::int64_t{1} << 24));

UnitBounds bounds_at(turn_units fixed_gap, std::int64_t n, turn_units step_error) {
    const turn_units drift = 2 * static_cast<turn_units>(n) * step_error;
    UnitBounds b;
    b.lower = fixed_gap > drift ? fixed_gap - drift : 0;
    b.upper = fixed_gap > whole_circle_stand_in - drift ? whole_circle_stand_in : fixed_gap + drift;
    return b;
}

// A single point (N = 0) leaves the whole circle, exactly.
interval whole_circle() { return WorkInterval::two_pi(work_bits()).to_interval(); }

interval clamp_to(const interval& x, long low, long high) {
    numeric::real lo = numeric::lower_bound(x), hi = numeric::upper_bound(x);
    if (lo < low) lo = low;
    if (hi > high) hi = high;
    return numeric::between(lo, hi);
}

}  // namespace

ReturnAnswer closest_return_by_sweep(const interval& frequency, std::int64_t max_distance) {
    const auto series = sweep::ReturnMarginSeries::unit({frequency});
    const sweep::MinimumResult m = sweep::minimum_of(series, 1, max_distance);
    ReturnAnswer out;
    out.closest_return = m.argmin;
    // M in [0, 2] for every r, so cutting the enclosure there loses nothing.
    const interval margin = clamp_to(m.minimum, 0, 2);
    out.distance = interval(2) * boost::multiprecision::asin(boost::multiprecision::sqrt(margin / interval(2)));
    out.certified = m.argmin_certified;
    if (!out.certified) {
        out.undecided_reason = "distances";
        // Appended piecewise: GCC 12 warns falsely (-Wrestrict) on " " + std::string.
        for (std::int64_t r : m.rivals) out.undecided_reason.append(" ").append(std::to_string(r));
        out.undecided_reason += " may come as close to a whole turn as r = " + std::to_string(m.argmin);
    }
    return out;
}

DensityAnswer density_by_insertion(const interval& frequency, const interval& gap, std::int64_t max_length) {
    DensityAnswer out;
    const FixedRotation rotation = fixed_rotation(frequency);
    if (!rotation.usable) {
        out.undecided_reason = "the frequency enclosure is too wide for the fixed-point circle";
        return out;
    }
    const mpfr_prec_t bits = work_bits();
    const UnitThresholds delta = thresholds_in_units((WorkInterval(gap, bits) / WorkInterval::two_pi(bits)).to_interval());
    CircleGaps circle(rotation.step);
    interval before = whole_circle();
    for (std::int64_t n = 1; n <= max_length; ++n) {
        circle.add_next();
        const UnitBounds b = bounds_at(circle.largest_gap(), n, rotation.step_error);
        // upper < ceil(delta'_lo 2^128) <=> upper 2^-128 < delta'_lo (upper an integer).
        const bool certainly_below = b.upper < delta.lower;
        // lower >= ceil(delta'_hi 2^128) <=> lower 2^-128 >= delta'_hi.
        const bool certainly_not_below = b.lower >= delta.upper;
        if (certainly_not_below) {
            before = units_to_radians(b.lower, b.upper);
            continue;
        }
        out.least_length = n;
        out.largest_gap_at_answer = units_to_radians(b.lower, b.upper);
        out.largest_gap_before_answer = before;
        out.certified = certainly_below;
        if (!certainly_below)
            out.undecided_reason = "the largest gap at N = " + std::to_string(n) + " cannot be told from delta";
        return out;
    }
    out.certified = true;  // every N up to max_length certainly leaves a gap >= delta
    return out;
}

std::vector<std::optional<interval>> largest_gaps_by_insertion(const interval& frequency, std::int64_t max_r) {
    std::vector<std::optional<interval>> out;
    const FixedRotation rotation = fixed_rotation(frequency);
    if (!rotation.usable) return std::vector<std::optional<interval>>(static_cast<std::size_t>(max_r) + 1);
    out.reserve(static_cast<std::size_t>(max_r) + 1);
    out.emplace_back(whole_circle());
    CircleGaps circle(rotation.step);
    for (std::int64_t n = 1; n <= max_r; ++n) {
        circle.add_next();
        const UnitBounds b = bounds_at(circle.largest_gap(), n, rotation.step_error);
        out.emplace_back(units_to_radians(b.lower, b.upper));
    }
    return out;
}

}  // namespace ropecheck::probes::density_detail
