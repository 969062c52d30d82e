// first_below: the fast path (double filter, MPFI for what it cannot decide
// and to confirm a crossing) where every distance fits the filter, the plain
// MPFI scan otherwise (crossing_scan.hpp has the algorithm).
#include "crossing_scan.hpp"

namespace ropecheck::sweep {

CrossingResult first_below(const CosineSeries& series, const numeric::interval& threshold, std::int64_t first,
                           std::int64_t last, const SweepOptions& options) {
    return detail::with_filter<detail::CosineBlockEvaluator>(series, first, last, options, [&](const auto* filter) {
        return detail::first_below_scan(series, filter, threshold, first, last, options);
    });
}

}  // namespace ropecheck::sweep
