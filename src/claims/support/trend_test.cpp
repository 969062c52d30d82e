#include "trend_test.hpp"

#include <boost/math/distributions/students_t.hpp>
#include <cmath>
#include <limits>
#include <stdexcept>

namespace ropecheck::claims::support {

double slope_t_statistic(const std::vector<double>& x, const std::vector<double>& y) {
    if (x.size() != y.size() || x.size() < 3) throw std::invalid_argument("slope_t_statistic: needs >= 3 points");
    const double n = static_cast<double>(x.size());
    double mx = 0, my = 0;
    for (std::size_t i = 0; i < x.size(); ++i) {
        mx += x[i];
        my += y[i];
    }
    mx /= n;
    my /= n;
    double sxx = 0, sxy = 0;
    for (std::size_t i = 0; i < x.size(); ++i) {
        sxx += (x[i] - mx) * (x[i] - mx);
        sxy += (x[i] - mx) * (y[i] - my);
    }
    if (!(sxx > 0)) throw std::invalid_argument("slope_t_statistic: every x is the same");
    const double slope = sxy / sxx;
    double rss = 0;
    for (std::size_t i = 0; i < x.size(); ++i) {
        const double e = y[i] - my - slope * (x[i] - mx);
        rss += e * e;
    }
    const double standard_error = std::sqrt(rss / (n - 2) / sxx);
    if (standard_error == 0) return slope == 0 ? 0.0 : std::copysign(std::numeric_limits<double>::infinity(), slope);
    return slope / standard_error;
}

double slope_t_threshold(std::size_t points, double alpha) {
    if (points < 3) throw std::invalid_argument("slope_t_threshold: needs >= 3 points");
    const boost::math::students_t t(static_cast<double>(points - 2));
    return boost::math::quantile(boost::math::complement(t, alpha / 2));
}

}  // namespace ropecheck::claims::support
