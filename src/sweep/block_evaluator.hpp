#pragma once
// The double-precision filter of a sweep: evaluates a series for a block of
// consecutive distances and returns, per distance, a lower and an upper bound
// that provably enclose the exact value (error analysis in fast_trig.hpp and
// error_bound.cpp). Blocks are at most `block_size` distances.
// `evaluate` is `values` enclosed by `bound`; the two halves are public so that
// tests can weigh each term of the bound against the actual error.
// One evaluator, BlockEvaluator<Terms>, serves both series; Terms holds a
// series' coefficients in doubles and adds its per-frequency term.
#include <cstdint>
#include <vector>

#include "error_bound.hpp"
#include "split_frequency.hpp"
#include "ropecheck/sweep/series.hpp"

namespace ropecheck::sweep::detail {

inline constexpr int block_size = 1024;

// M(r) = sum_k 2 w_k sin^2(r g_k / 2): the term of frequency k is 2 w~_k s~^2.
struct MarginTerms {
    using Series = ReturnMarginSeries;
    explicit MarginTerms(const ReturnMarginSeries& series);

    std::vector<SplitFrequency> split;
    std::vector<double> twice_weight;  // 2 w_k, rounded midpoints (doubling is exact)
    std::vector<double> weight_error;  // sup |w_k - w~_k|

    // acc[j] += the term of frequency k at distance base + j, for j < count.
    void add(std::size_t k, double base, int count, double* acc) const;
    std::vector<double> term_bounds() const;  // per frequency, a bound on |term| (values_stay_finite)
    BlockBound bound(double max_r) const;
};

// C(r) = sum_k a_k cos(r g_k) + b_k sin(r g_k).
struct CosineTerms {
    using Series = CosineSeries;
    explicit CosineTerms(const CosineSeries& series);

    std::vector<SplitFrequency> split;
    std::vector<double> aligned, aligned_error;
    std::vector<double> cross, cross_error;

    void add(std::size_t k, double base, int count, double* acc) const;
    std::vector<double> term_bounds() const;
    BlockBound bound(double max_r) const;
};

template <class Terms>
class BlockEvaluator {
public:
    explicit BlockEvaluator(const typename Terms::Series& series);
    // For r = first .. first + count - 1 (|r| <= max_fast_distance).
    void evaluate(std::int64_t first, int count, double* lower, double* upper) const;
    void values(std::int64_t first, int count, double* value) const;
    BlockBound bound(std::int64_t first, int count) const;

private:
    Terms terms_;
    bool finite_values_ = true;  // no value can overflow (values_stay_finite)
};

extern template class BlockEvaluator<MarginTerms>;
extern template class BlockEvaluator<CosineTerms>;
using MarginBlockEvaluator = BlockEvaluator<MarginTerms>;
using CosineBlockEvaluator = BlockEvaluator<CosineTerms>;

}  // namespace ropecheck::sweep::detail
