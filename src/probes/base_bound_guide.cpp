// The double-precision guide of base-bound. It decides nothing: it only picks
// the distance r to try as a witness and the width of bases to ask MPFI about,
// so its rounding errors can cost time (a rejected width) but never soundness.
//
// Scores. d/dtheta cos(r theta^(-e)) = r e theta^(-e-1) sin(r theta^(-e)), so
// N(r) = sum_k |r e_k g_k sin(r g_k)| / theta bounds how fast S_theta(r) moves
// to first order, and -S / N is about the width of bases above theta that the
// plain enclosure can exclude with r. Distances with small r move slowly, so a
// moderately negative S at a small r usually beats a very negative S far out.
#include <algorithm>
#include <cmath>

#include "base_bound_parts.hpp"
#include "ropecheck/sweep/scan_engine.hpp"

namespace ropecheck::probes::base_bound_detail {
namespace {

constexpr double two_pi = 6.283185307179586;
// Full scans run in blocks of this many distances: each block restarts its
// rotation recurrence from std::cos/std::sin, so rounding drift stays ~1e-12.
constexpr std::int64_t scan_block = 4096;

// max of cos over the angles [a, b]: 1 if the range holds a multiple of 2 pi.
double cos_max(double a, double b) {
    if (std::ceil(a / two_pi) * two_pi <= b) return 1.0;
    return std::max(std::cos(a), std::cos(b));
}

// max of sin over the angles [a, b]: 1 if the range holds pi/2 + 2 pi n.
double sin_peak(double a, double b) {
    const double quarter = two_pi / 4;
    if (std::ceil((a - quarter) / two_pi) * two_pi + quarter <= b) return 1.0;
    return std::max(std::sin(a), std::sin(b));
}

Guess better(const Guess& a, const Guess& b) { return b.width > a.width ? b : a; }

}  // namespace

// The frequencies and exponents are the RoPE schedule's, in double (the same
// definition as the cover's MPFI enclosures; any base > 1 names the schedule).
DoubleGuide::DoubleGuide(int head_dim, std::int64_t context)
    : pairs_(head_dim / 2),
      context_(context),
      schedule_(rope::FrequencySchedule::rope("2", head_dim)),
      exponent_(schedule_.frequency_exponents<double>()),
      frequency_(exponent_.size(), 1.0) {}

void DoubleGuide::set_base(double theta) {
    theta_ = theta;
    frequency_ = schedule_.frequencies_at(theta);
    frequency_sum_ = 0;
    for (const double g : frequency_) frequency_sum_ += g;
}

Guess DoubleGuide::best_in(std::int64_t first, std::int64_t last) const {
    // (c, s) = (cos, sin)(r g_k), advanced by the rotation (cos g_k, sin g_k).
    // The pairs are padded to a multiple of `lanes` with inert entries (c = s = 0,
    // a rotation by 0, weight 0) and summed in `lanes` partial sums, so that the
    // compiler can vectorise the loop; the guide's sums only choose, so their
    // order of summation does not matter for soundness.
    constexpr std::size_t lanes = 4;
    const std::size_t n = frequency_.size();
    const std::size_t padded = (n + lanes - 1) / lanes * lanes;
    std::vector<double> c(padded, 0.0), s(padded, 0.0), step_c(padded, 1.0), step_s(padded, 0.0),
        speed_weight(padded, 0.0);
    for (std::size_t k = 0; k < n; ++k) {
        const double angle = static_cast<double>(first) * frequency_[k];
        c[k] = std::cos(angle);
        s[k] = std::sin(angle);
        step_c[k] = std::cos(frequency_[k]);
        step_s[k] = std::sin(frequency_[k]);
        speed_weight[k] = exponent_[k] * frequency_[k] / theta_;
    }
    double* __restrict cp = c.data();
    double* __restrict sp = s.data();
    const double* __restrict cstep = step_c.data();
    const double* __restrict sstep = step_s.data();
    const double* __restrict weight = speed_weight.data();
    Guess best;
    for (std::int64_t r = first; r <= last; ++r) {
        double sums[lanes] = {}, speeds[lanes] = {};
        for (std::size_t k = 0; k < padded; k += lanes) {
            for (std::size_t l = 0; l < lanes; ++l) {
                const std::size_t i = k + l;
                const double ci = cp[i], si = sp[i];
                sums[l] += ci;
                speeds[l] += std::fabs(weight[i] * si);
                cp[i] = ci * cstep[i] - si * sstep[i];
                sp[i] = si * cstep[i] + ci * sstep[i];
            }
        }
        const double sum = (sums[0] + sums[1]) + (sums[2] + sums[3]);
        if (sum >= 0) continue;
        double speed = (speeds[0] + speeds[1]) + (speeds[2] + speeds[3]);
        speed *= static_cast<double>(r);
        const double width = speed > 0 ? std::min(-sum / speed, theta_) : theta_;
        if (width > best.width) best = {r, width};
    }
    return best;
}

Guess DoubleGuide::best_near(std::int64_t center, std::int64_t radius) const {
    const std::int64_t first = std::max<std::int64_t>(1, center - radius);
    const std::int64_t last = std::min(context_, center + radius);
    return first <= last ? best_in(first, last) : Guess{};
}

Guess DoubleGuide::best_anywhere() const {
    // Merged in block order, ties to the smaller r: independent of the thread
    // count (scan_engine.hpp).
    Guess best;
    sweep::scan_blocks<Guess>(
        sweep::BlockPlan(1, context_, scan_block), sweep::scan_threads(), 16,
        [&](std::int64_t first, std::int64_t last, Guess& part) { part = best_in(first, last); },
        [&](const Guess& part) {
            best = better(best, part);
            return false;
        });
    return best;
}

// Each g_k decreases with the base, so over [theta, theta + width] the angle
// r g_k sweeps [r g_k(theta + width), r g_k(theta)].
double DoubleGuide::plain_upper(std::int64_t r, double width) const {
    const double x = static_cast<double>(r);
    const std::vector<double> at_top = schedule_.frequencies_at(theta_ + width);
    double sum = 0;
    for (std::size_t k = 0; k < exponent_.size(); ++k) sum += cos_max(x * at_top[k], x * frequency_[k]);
    return sum;
}

// S(theta) + width * max(0, upper bound of S' over the bases), the terms of S'
// bounded the way MPFI's interval products bound them.
double DoubleGuide::mean_value_upper(std::int64_t r, double width) const {
    const double x = static_cast<double>(r);
    const double top = theta_ + width;
    const std::vector<double> at_top = schedule_.frequencies_at(top);
    double at_theta = 0, slope = 0;
    for (std::size_t k = 0; k < exponent_.size(); ++k) {
        const double high = x * frequency_[k];
        const double low = x * at_top[k];
        at_theta += std::cos(high);
        // sin over [low, high] peaks at 1 where it holds pi/2 + 2 pi n.
        const double sin_max = sin_peak(low, high);
        const double product = exponent_[k] * (sin_max >= 0 ? high * sin_max : low * sin_max);
        slope += product >= 0 ? product / theta_ : product / top;
    }
    return at_theta + width * std::max(0.0, slope);
}

template <class Upper>
double DoubleGuide::widest(std::int64_t r, const Upper& upper, double guess) const {
    // Keep room below 0 for the emulation's own rounding (angles r g_k carry
    // errors of a few ulps of r g_k), so that MPFI, which is exact, agrees.
    const double room =
        -0x1p-48 * (static_cast<double>(exponent_.size()) + static_cast<double>(r) * frequency_sum_);
    double w = std::min(guess, theta_);
    if (!(w > 0)) return 0;
    if (upper(w) < room) {
        for (int i = 0; i < 64 && 2 * w <= theta_ && upper(2 * w) < room; ++i) w *= 2;
    } else {
        for (int i = 0;; ++i) {
            if (i == 80) return 0;
            w /= 2;
            if (upper(w) < room) break;
        }
    }
    // w works and 2 w does not (or is capped): four bisections in the exponent.
    double factor = std::sqrt(2.0);
    for (int i = 0; i < 4; ++i, factor = std::sqrt(factor))
        if (upper(w * factor) < room) w *= factor;
    return w;
}

double DoubleGuide::plain_width(std::int64_t r, double guess) const {
    return widest(r, [&](double w) { return plain_upper(r, w); }, guess);
}

double DoubleGuide::mean_value_width(std::int64_t r, double guess) const {
    return widest(r, [&](double w) { return mean_value_upper(r, w); }, guess);
}

}  // namespace ropecheck::probes::base_bound_detail
