#pragma once
// Mapping data to pixels along one axis, linear or logarithmic, and choosing
// its ticks: decades on a log axis, 1-2-5 steps on a linear one.
#include <string>
#include <vector>

namespace ropecheck::report {

struct Tick {
    double value;
    std::string label;      // "1000", or the exponent for a log axis (shown as 10^label)
    bool power_of_ten = false;
};

class AxisScale {
public:
    // [lo, hi] is the data range (lo <= hi, both > 0 when log); it is widened to
    // whole ticks. pixel_lo/pixel_hi are where lo/hi land (pixel_hi < pixel_lo for y).
    AxisScale(double lo, double hi, bool log, double pixel_lo, double pixel_hi);
    double pixel(double value) const;
    const std::vector<Tick>& ticks() const { return ticks_; }
    bool log() const { return log_; }

private:
    double transform(double v) const;
    bool log_;
    double lo_, hi_, pixel_lo_, pixel_hi_;
    std::vector<Tick> ticks_;
};

// A tick label's text: integers in full up to 10^6, else %g.
std::string tick_text(double value);

}  // namespace ropecheck::report
