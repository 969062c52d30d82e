#pragma once
// The double-precision filter of a sweep: evaluates a series for a block of
// consecutive distances and returns, per distance, a lower and an upper bound
// that provably enclose the exact value (error analysis in fast_trig.hpp and
// error_bound.cpp). Blocks are at most `block_size` distances.
// `evaluate` is `values` enclosed by `bound`; the two halves are public so that
// tests can weigh each term of the bound against the actual error.
#include <cstdint>
#include <vector>

#include "error_bound.hpp"
#include "split_frequency.hpp"
#include "ropecheck/sweep/series.hpp"

namespace ropecheck::sweep::detail {

inline constexpr int block_size = 1024;

class MarginBlockEvaluator {
public:
    explicit MarginBlockEvaluator(const ReturnMarginSeries& series);
    // For r = first .. first + count - 1 (|r| <= max_fast_distance).
    void evaluate(std::int64_t first, int count, double* lower, double* upper) const;
    void values(std::int64_t first, int count, double* value) const;
    BlockBound bound(std::int64_t first, int count) const;

private:
    std::vector<SplitFrequency> split_;
    std::vector<double> twice_weight_;  // 2 w_k, rounded midpoints (doubling is exact)
    std::vector<double> weight_error_;  // sup |w_k - w~_k|
    bool finite_values_ = true;         // no value can overflow (values_stay_finite)
};

class CosineBlockEvaluator {
public:
    explicit CosineBlockEvaluator(const CosineSeries& series);
    void evaluate(std::int64_t first, int count, double* lower, double* upper) const;
    void values(std::int64_t first, int count, double* value) const;
    BlockBound bound(std::int64_t first, int count) const;

private:
    std::vector<SplitFrequency> split_;
    std::vector<double> aligned_, aligned_error_;
    std::vector<double> cross_, cross_error_;
    bool finite_values_ = true;
};

}  // namespace ropecheck::sweep::detail
