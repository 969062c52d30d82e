#include "ropecheck/report/plot_axis.hpp"

#include <cmath>
#include <cstdio>

namespace ropecheck::report {

namespace {

// 1, 2 or 5 times a power of ten, about a fifth of the span: five or so ticks.
double linear_step(double span) {
    const double raw = span / 5;
    const double decade = std::pow(10.0, std::floor(std::log10(raw)));
    for (double m : {1.0, 2.0, 5.0})
        if (m * decade >= raw) return m * decade;
    return 10 * decade;
}

}  // namespace

std::string tick_text(double value) {
    if (value == 0) return "0";  // also -0
    char buffer[32];
    if (std::fabs(value) < 1e6 && std::nearbyint(value) == value)
        std::snprintf(buffer, sizeof buffer, "%.0f", value);
    else
        std::snprintf(buffer, sizeof buffer, "%g", value);
    return buffer;
}

AxisScale::AxisScale(double lo, double hi, bool log, double pixel_lo, double pixel_hi)
    : log_(log), pixel_lo_(pixel_lo), pixel_hi_(pixel_hi) {
    if (log) {
        // Whole decades, at least one wide.
        int first = static_cast<int>(std::floor(std::log10(lo)));
        int last = static_cast<int>(std::ceil(std::log10(hi)));
        if (last <= first) last = first + 1;
        lo_ = first;
        hi_ = last;
        // Every decade labelled when few, else every second or third one.
        const int every = (last - first) <= 8 ? 1 : (last - first) <= 16 ? 2 : 3;
        for (int e = first; e <= last; ++e)
            if ((e - first) % every == 0) ticks_.push_back({std::pow(10.0, e), std::to_string(e), true});
        return;
    }
    if (hi <= lo) {  // one value: a unit-wide window around it
        lo -= 0.5 * (std::fabs(lo) > 0 ? std::fabs(lo) : 1);
        hi += 0.5 * (std::fabs(hi) > 0 ? std::fabs(hi) : 1);
    }
    const double step = linear_step(hi - lo);
    lo_ = std::floor(lo / step) * step;
    hi_ = std::ceil(hi / step) * step;
    const long n = std::lround((hi_ - lo_) / step);
    for (long i = 0; i <= n; ++i) {
        const double v = lo_ + static_cast<double>(i) * step;
        ticks_.push_back({v, tick_text(std::fabs(v) < step * 1e-9 ? 0.0 : v), false});
    }
}

double AxisScale::transform(double v) const { return log_ ? std::log10(v) : v; }

double AxisScale::pixel(double value) const {
    const double t = (transform(value) - lo_) / (hi_ - lo_);
    return pixel_lo_ + t * (pixel_hi_ - pixel_lo_);
}

}  // namespace ropecheck::report
