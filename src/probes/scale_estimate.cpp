#include "scale_estimate.hpp"

#include <array>
#include <cmath>
#include <limits>
#include <utility>
#include <vector>

#include "block_scan.hpp"

namespace ropecheck::probes::detail {
namespace {

int bit_length(u128 x) {
    const auto high = static_cast<unsigned long long>(x >> 64);
    if (high != 0) return 128 - __builtin_clzll(high);
    const auto low = static_cast<unsigned long long>(x);
    return low != 0 ? 64 - __builtin_clzll(low) : 0;
}

// How many competitors have approximate ||r beta|| of each bit length (units
// in [2^(b-1), 2^b)), and the least of them.
struct HistogramPart {
    std::array<std::int64_t, 129> count{};
    u128 least = ~u128{0};
};

struct Term {
    double margin;        // m(r), approximately
    double multiplicity;
};

double approximate_sum(const std::vector<Term>& terms, double s) {
    double sum = 0;
    for (const Term& t : terms) sum += t.multiplicity * std::exp(-s * t.margin);
    return sum;
}

}  // namespace

ScaleEstimate estimate_scale(const TurnFilter& filter, const CompetitorSet& set, double threshold) {
    const double one_multiplicity = static_cast<double>((set.last >= 1 ? 1 : 0) + set.extra_at_one);
    const double log_ratio = std::log(static_cast<double>(set.size()) / threshold);

    const auto parts = scan_blocks<HistogramPart>(2, set.last, [&](std::int64_t from, std::int64_t to, HistogramPart& part) {
        for (std::int64_t r = from; r <= to; ++r) {
            const u128 units = filter.approximate_units(r);
            ++part.count[static_cast<std::size_t>(bit_length(units))];
            if (units < part.least) part.least = units;
        }
    });
    HistogramPart all;
    const u128 at_one = filter.approximate_units(1);
    all.count[static_cast<std::size_t>(bit_length(at_one))] += static_cast<std::int64_t>(one_multiplicity);
    all.least = at_one;
    for (const HistogramPart& part : parts) {
        for (std::size_t b = 0; b < all.count.size(); ++b) all.count[b] += part.count[b];
        if (part.least < all.least) all.least = part.least;
    }

    ScaleEstimate estimate;
    const double smallest_margin = approximate_margin(all.least);
    if (!(smallest_margin > 0)) return estimate;

    // F(s) <= |D| exp(-s m_min) < T beyond ln(|D| / T) / m_min.
    double upper = log_ratio / smallest_margin * (1 + 1e-9);
    // The C competitors with units below 2^b all have m(r) < m(2^b), so
    // F(s) >= C exp(-s m(2^b)) >= T up to ln(C / T) / m(2^b).
    double lower = 0;
    std::int64_t below = 0;
    for (int b = 0; b <= 128; ++b) {
        below += all.count[static_cast<std::size_t>(b)];
        if (below == 0 || static_cast<double>(below) <= threshold) continue;
        const u128 edge = b >= 127 ? u128{1} << 127 : u128{1} << b;
        lower = std::max(lower, std::log(static_cast<double>(below) / threshold) / approximate_margin(edge));
    }
    lower = std::min(lower, upper);

    // The terms that can matter for s >= lower: e^(-s m) >= T 2^-50 / |D|.
    const double budget = log_ratio + 50 * std::log(2.0);
    const double cutoff = lower > 0 ? budget / lower : std::numeric_limits<double>::infinity();
    const u128 near = near_threshold_units(cutoff);
    std::vector<Term> terms{{approximate_margin(at_one), one_multiplicity}};
    const auto lists = scan_blocks<std::vector<Term>>(2, set.last, [&](std::int64_t from, std::int64_t to, std::vector<Term>& part) {
        for (std::int64_t r = from; r <= to; ++r) {
            const u128 units = filter.approximate_units(r);
            if (units >= near) continue;
            const double m = approximate_margin(units);
            if (m <= cutoff) part.push_back({m, 1.0});
        }
    });
    for (const auto& list : lists) terms.insert(terms.end(), list.begin(), list.end());

    // Bisection, geometric while the bracket spans more than a factor 2.
    for (int step = 0; step < 1000 && upper - lower > 0x1p-46 * upper; ++step) {
        const double mid = upper > 2 * lower ? std::sqrt(lower * upper) : lower + (upper - lower) / 2;
        if (!(mid > lower && mid < upper)) break;
        if (approximate_sum(terms, mid) < threshold) {
            upper = mid;
        } else {
            lower = mid;
            std::erase_if(terms, [&](const Term& t) { return t.margin * lower > budget; });
        }
    }
    estimate.found = true;
    estimate.lower = lower;
    estimate.upper = upper;
    return estimate;
}

}  // namespace ropecheck::probes::detail
