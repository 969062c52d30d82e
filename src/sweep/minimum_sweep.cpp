// minimum_of: the fast path (double filter + MPFI for the survivors) where
// every distance fits the filter, the plain MPFI sweep otherwise
// (minimum_scan.hpp has the algorithm).
#include "minimum_scan.hpp"

namespace ropecheck::sweep {

MinimumResult minimum_of(const ReturnMarginSeries& series, std::int64_t first, std::int64_t last,
                         const SweepOptions& options) {
    return detail::with_filter<detail::MarginBlockEvaluator>(series, first, last, options, [&](const auto* filter) {
        return detail::minimum_scan(series, filter, first, last, options);
    });
}

MinimumResult minimum_of(const CosineSeries& series, std::int64_t first, std::int64_t last,
                         const SweepOptions& options) {
    return detail::with_filter<detail::CosineBlockEvaluator>(series, first, last, options, [&](const auto* filter) {
        return detail::minimum_scan(series, filter, first, last, options);
    });
}

}  // namespace ropecheck::sweep
