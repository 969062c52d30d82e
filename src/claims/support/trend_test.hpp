#pragma once
// The no-trend test shared by prop-3.2 and fig-2: the t statistic of the
// least-squares slope of y against x, and its two-sided Student-t threshold.
// Unit-tested against a hand-computed value and against injected trends
// (tests/claims/trend_test_test.cpp), so a statistic that always returned 0
// could not pass. Private to src/claims.
#include <cstdint>
#include <vector>

namespace ropecheck::claims::support {

// slope / standard error of the slope, with n - 2 degrees of freedom. Requires
// x.size() == y.size() >= 3 and x not all equal (std::invalid_argument otherwise).
// A perfect fit (residuals 0) gives +-infinity for a non-zero slope, 0 for a flat one.
double slope_t_statistic(const std::vector<double>& x, const std::vector<double>& y);

// The |t| at or above which a two-sided test at level `alpha` rejects "slope 0",
// with `points` - 2 degrees of freedom.
double slope_t_threshold(std::size_t points, double alpha);

}  // namespace ropecheck::claims::support
