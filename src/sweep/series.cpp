#include "ropecheck/sweep/series.hpp"

namespace ropecheck::sweep {

using numeric::interval;

CosineSeries CosineSeries::from_coefficients(const rope::ChunkCoefficients<interval>& c,
                                             std::vector<interval> frequencies) {
    return CosineSeries{std::move(frequencies), c.aligned, c.cross};
}

CosineSeries CosineSeries::aligned_unit(std::vector<interval> frequencies) {
    const std::size_t n = frequencies.size();
    return CosineSeries{std::move(frequencies), std::vector<interval>(n, interval(1)),
                        std::vector<interval>(n, interval(0))};
}

interval CosineSeries::exact_at(std::int64_t r) const {
    const rope::ChunkCoefficients<interval> c{aligned, cross};
    return rope::activation_from_coefficients<interval>(c, frequencies, r);
}

ReturnMarginSeries ReturnMarginSeries::unit(std::vector<interval> frequencies) {
    const std::size_t n = frequencies.size();
    return ReturnMarginSeries{std::move(frequencies), std::vector<interval>(n, interval(1))};
}

interval ReturnMarginSeries::exact_at(std::int64_t r) const {
    interval total(0);
    for (const interval& w : weights) total += w;
    const rope::ChunkCoefficients<interval> c{weights, std::vector<interval>(weights.size(), interval(0))};
    return total - rope::activation_from_coefficients<interval>(c, frequencies, r);
}

}  // namespace ropecheck::sweep
