// The filter's inner loops (vectorised across distances; the sum over
// frequencies keeps its order, which the error analysis in error_bound.cpp
// assumes).
#include "block_evaluator.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace ropecheck::sweep::detail {
namespace {

double block_max_distance(std::int64_t first, int count) {
    const std::int64_t last = first + count - 1;
    return static_cast<double>(std::max(first < 0 ? -first : first, last < 0 ? -last : last));
}

}  // namespace

MarginBlockEvaluator::MarginBlockEvaluator(const ReturnMarginSeries& series) {
    for (std::size_t k = 0; k < series.frequencies.size(); ++k) {
        split_.push_back(split_frequency(series.frequencies[k]));
        const auto w = to_double_with_error(series.weights[k]);
        // The relative bound of the sum needs non-negative terms.
        if (w.value - w.error < 0) throw std::invalid_argument("return margin weights must be >= 0");
        twice_weight_.push_back(2 * w.value);
        weight_error_.push_back(w.error);
    }
    // Each term 2 w~ s~^2 is at most 2 w~ (1 + 2^-40): s~ exceeds 1 by far less.
    std::vector<double> term_bounds;
    for (double tw : twice_weight_) term_bounds.push_back(2 * tw);
    finite_values_ = values_stay_finite(term_bounds);
}

void MarginBlockEvaluator::values(std::int64_t first, int count, double* acc) const {
    for (int j = 0; j < count; ++j) acc[j] = 0;
    const double base = static_cast<double>(first);
    for (std::size_t k = 0; k < split_.size(); ++k) {
        const SplitFrequency s = split_[k];
        const double tw = twice_weight_[k];
        for (int j = 0; j < count; ++j) {
            const double t = reduced_phase(base + static_cast<double>(j), s);
            const double sv = sin_poly(kPi * t);
            acc[j] += tw * (sv * sv);
        }
    }
}

BlockBound MarginBlockEvaluator::bound(std::int64_t first, int count) const {
    return margin_bound(split_, twice_weight_, weight_error_, block_max_distance(first, count));
}

void MarginBlockEvaluator::evaluate(std::int64_t first, int count, double* lower, double* upper) const {
    double acc[block_size];
    values(first, count, acc);
    enclose(acc, count, bound(first, count), finite_values_, lower, upper);
}

CosineBlockEvaluator::CosineBlockEvaluator(const CosineSeries& series) {
    for (std::size_t k = 0; k < series.frequencies.size(); ++k) {
        split_.push_back(split_frequency(series.frequencies[k]));
        const auto a = to_double_with_error(series.aligned[k]);
        const auto b = to_double_with_error(series.cross[k]);
        aligned_.push_back(a.value);
        aligned_error_.push_back(a.error);
        cross_.push_back(b.value);
        cross_error_.push_back(b.error);
    }
    // Each term is at most 1.02 (|a~| + |b~|) (error_bound.cpp).
    std::vector<double> term_bounds;
    for (std::size_t k = 0; k < aligned_.size(); ++k) term_bounds.push_back(2 * (std::fabs(aligned_[k]) + std::fabs(cross_[k])));
    finite_values_ = values_stay_finite(term_bounds);
}

void CosineBlockEvaluator::values(std::int64_t first, int count, double* acc) const {
    for (int j = 0; j < count; ++j) acc[j] = 0;
    const double base = static_cast<double>(first);
    for (std::size_t k = 0; k < split_.size(); ++k) {
        const SplitFrequency s = split_[k];
        const double a = aligned_[k], b = cross_[k];
        if (b == 0 && cross_error_[k] == 0) {
            for (int j = 0; j < count; ++j) {
                const double sv = sin_poly(kPi * reduced_phase(base + static_cast<double>(j), s));
                acc[j] += a * (1 - 2 * (sv * sv));
            }
        } else {
            for (int j = 0; j < count; ++j) {
                const double x = kPi * reduced_phase(base + static_cast<double>(j), s);
                const double sv = sin_poly(x);
                const double cv = cos_poly(x);
                acc[j] += a * (1 - 2 * (sv * sv)) + b * (2 * (sv * cv));
            }
        }
    }
}

BlockBound CosineBlockEvaluator::bound(std::int64_t first, int count) const {
    return cosine_bound(split_, aligned_, aligned_error_, cross_, cross_error_, block_max_distance(first, count));
}

void CosineBlockEvaluator::evaluate(std::int64_t first, int count, double* lower, double* upper) const {
    double acc[block_size];
    values(first, count, acc);
    enclose(acc, count, bound(first, count), finite_values_, lower, upper);
}

}  // namespace ropecheck::sweep::detail
