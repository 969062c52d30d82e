// first_below: the fast path (double filter, MPFI for what it cannot decide
// and to confirm a crossing) where every distance fits the filter, the plain
// MPFI scan otherwise (crossing_scan.hpp has the algorithm).
#include "crossing_scan.hpp"

namespace ropecheck::sweep {

CrossingResult first_below(const CosineSeries& series, const numeric::interval& threshold, std::int64_t first,
                           std::int64_t last, const SweepOptions& options) {
    if (options.exact_only || !detail::fast_path_applies(first, last))
        return detail::first_below_scan<CosineSeries, detail::CosineBlockEvaluator>(series, nullptr, threshold,
                                                                                     first, last, options);
    const detail::CosineBlockEvaluator fast(series);
    return detail::first_below_scan(series, &fast, threshold, first, last, options);
}

}  // namespace ropecheck::sweep
