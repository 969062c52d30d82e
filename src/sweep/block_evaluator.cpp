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

MarginTerms::MarginTerms(const ReturnMarginSeries& series) {
    for (std::size_t k = 0; k < series.frequencies.size(); ++k) {
        split.push_back(split_frequency(series.frequencies[k]));
        const auto w = to_double_with_error(series.weights[k]);
        // The relative bound of the sum needs non-negative terms.
        if (w.value - w.error < 0) throw std::invalid_argument("return margin weights must be >= 0");
        twice_weight.push_back(2 * w.value);
        weight_error.push_back(w.error);
    }
}

void MarginTerms::add(std::size_t k, double base, int count, double* acc) const {
    const SplitFrequency s = split[k];
    const double tw = twice_weight[k];
    for (int j = 0; j < count; ++j) {
        const double t = reduced_phase(base + static_cast<double>(j), s);
        const double sv = sin_poly(kPi * t);
        acc[j] += tw * (sv * sv);
    }
}

std::vector<double> MarginTerms::term_bounds() const {
    // Each term 2 w~ s~^2 is at most 2 w~ (1 + 2^-40): s~ exceeds 1 by far less.
    std::vector<double> out;
    for (double tw : twice_weight) out.push_back(2 * tw);
    return out;
}

BlockBound MarginTerms::bound(double max_r) const { return margin_bound(split, twice_weight, weight_error, max_r); }

CosineTerms::CosineTerms(const CosineSeries& series) {
    for (std::size_t k = 0; k < series.frequencies.size(); ++k) {
        split.push_back(split_frequency(series.frequencies[k]));
        const auto a = to_double_with_error(series.aligned[k]);
        const auto b = to_double_with_error(series.cross[k]);
        aligned.push_back(a.value);
        aligned_error.push_back(a.error);
        cross.push_back(b.value);
        cross_error.push_back(b.error);
    }
}

void CosineTerms::add(std::size_t k, double base, int count, double* acc) const {
    const SplitFrequency s = split[k];
    const double a = aligned[k], b = cross[k];
    if (b == 0 && cross_error[k] == 0) {
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

std::vector<double> CosineTerms::term_bounds() const {
    // Each term is at most 1.02 (|a~| + |b~|) (error_bound.cpp).
    std::vector<double> out;
    for (std::size_t k = 0; k < aligned.size(); ++k) out.push_back(2 * (std::fabs(aligned[k]) + std::fabs(cross[k])));
    return out;
}

BlockBound CosineTerms::bound(double max_r) const {
    return cosine_bound(split, aligned, aligned_error, cross, cross_error, max_r);
}

template <class Terms>
BlockEvaluator<Terms>::BlockEvaluator(const typename Terms::Series& series)
    : terms_(series), finite_values_(values_stay_finite(terms_.term_bounds())) {}

template <class Terms>
void BlockEvaluator<Terms>::values(std::int64_t first, int count, double* acc) const {
    for (int j = 0; j < count; ++j) acc[j] = 0;
    const double base = static_cast<double>(first);
    for (std::size_t k = 0; k < terms_.split.size(); ++k) terms_.add(k, base, count, acc);
}

template <class Terms>
BlockBound BlockEvaluator<Terms>::bound(std::int64_t first, int count) const {
    return terms_.bound(block_max_distance(first, count));
}

template <class Terms>
void BlockEvaluator<Terms>::evaluate(std::int64_t first, int count, double* lower, double* upper) const {
    double acc[block_size];
    values(first, count, acc);
    enclose(acc, count, bound(first, count), finite_values_, lower, upper);
}

template class BlockEvaluator<MarginTerms>;
template class BlockEvaluator<CosineTerms>;

}  // namespace ropecheck::sweep::detail
