// minimum_of: the fast path (double filter + MPFI for the survivors) where
// every distance fits the filter, the plain MPFI sweep otherwise
// (minimum_scan.hpp has the algorithm).
#include "minimum_scan.hpp"

namespace ropecheck::sweep {

MinimumResult minimum_of(const ReturnMarginSeries& series, std::int64_t first, std::int64_t last,
                         const SweepOptions& options) {
    if (options.exact_only || !detail::fast_path_applies(first, last))
        return detail::minimum_scan<ReturnMarginSeries, detail::MarginBlockEvaluator>(series, nullptr, first, last,
                                                                                       options);
    const detail::MarginBlockEvaluator fast(series);
    return detail::minimum_scan(series, &fast, first, last, options);
}

MinimumResult minimum_of(const CosineSeries& series, std::int64_t first, std::int64_t last,
                         const SweepOptions& options) {
    if (options.exact_only || !detail::fast_path_applies(first, last))
        return detail::minimum_scan<CosineSeries, detail::CosineBlockEvaluator>(series, nullptr, first, last,
                                                                                 options);
    const detail::CosineBlockEvaluator fast(series);
    return detail::minimum_scan(series, &fast, first, last, options);
}

}  // namespace ropecheck::sweep
