#include <boost/test/unit_test.hpp>

#include <chrono>
#include <iostream>

#include "ropecheck/numeric/decimal.hpp"
#include "ropecheck/numeric/precision_guard.hpp"
#include "ropecheck/probes/base_bound.hpp"

using namespace ropecheck;

BOOST_AUTO_TEST_SUITE(base_bound)

BOOST_AUTO_TEST_CASE(timing_d128, *boost::unit_test::disabled()) {
    numeric::PrecisionGuard guard(128);
    for (const std::int64_t context : {4096, 8192, 32768, 131072}) {
        const auto start = std::chrono::steady_clock::now();
        const auto answer = probes::base_bound(context, 128, "100");
        const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        std::cout << "D = 128, L = " << context << ": least_theta = " << answer.least_theta_decimal
                  << ", theta_lower = " << numeric::decimal_down(answer.theta_lower, 15)
                  << ", binding_distance = " << answer.binding_distance << ", intervals = " << answer.intervals_excluded
                  << ", certified = " << answer.certified << ", " << seconds << " s" << std::endl;
    }
}

BOOST_AUTO_TEST_SUITE_END()
