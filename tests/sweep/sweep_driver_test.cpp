// The sweep drivers' decisions when the filter misbehaves, through their
// template seam (src/sweep/minimum_scan.hpp, crossing_scan.hpp): a filter
// wrapping the real one that returns NaN, or lies, at chosen distances.
//   * minimum: a NaN lower bound says nothing, so its distance must go to MPFI
//     and may turn out to be the minimum;
//   * first crossing: "certainly below" from the filter is reported only when
//     MPFI confirms it; otherwise the answer is not certified.
// And the same through ordinary inputs where they can reach these paths.
#include <boost/test/unit_test.hpp>

#include <cmath>
#include <limits>
#include <set>

#include "../../src/sweep/crossing_scan.hpp"
#include "../../src/sweep/minimum_scan.hpp"
#include "ropecheck/numeric/certainty.hpp"
#include "ropecheck/numeric/precision_guard.hpp"

using namespace ropecheck;
using numeric::interval;
namespace sd = sweep::detail;

namespace {

constexpr double nan = std::numeric_limits<double>::quiet_NaN();

// The real evaluator, with NaN lower (and upper) bounds at the chosen distances.
struct NanFilter {
    const sd::MarginBlockEvaluator& real;
    std::set<std::int64_t> nan_at;
    bool nan_upper = true;
    void evaluate(std::int64_t first, int count, double* lower, double* upper) const {
        real.evaluate(first, count, lower, upper);
        for (int j = 0; j < count; ++j) {
            if (!nan_at.count(first + j)) continue;
            lower[j] = nan;
            if (nan_upper) upper[j] = nan;
        }
    }
};

// The real evaluator, but "certainly below" (upper = -1e300) at the chosen distances.
struct LyingFilter {
    const sd::CosineBlockEvaluator& real;
    std::set<std::int64_t> below_at;
    void evaluate(std::int64_t first, int count, double* lower, double* upper) const {
        real.evaluate(first, count, lower, upper);
        for (int j = 0; j < count; ++j) {
            if (!below_at.count(first + j)) continue;
            lower[j] = -1e300;
            upper[j] = -1e300;
        }
    }
};

}  // namespace

BOOST_AUTO_TEST_SUITE(sweep_driver)

// M(r) = 1 - cos r on 1..1000 is least at r = 710 (710 - 226 pi = 6.0e-5).
BOOST_AUTO_TEST_CASE(a_nan_lower_bound_is_escalated_never_dropped) {
    numeric::PrecisionGuard guard(128);
    const auto series = sweep::ReturnMarginSeries::unit({interval(1)});
    const sd::MarginBlockEvaluator real(series);
    sweep::SweepOptions options;
    for (int threads : {1, 2}) {
        options.threads = threads;
        for (bool nan_upper : {true, false}) {
            BOOST_TEST_CONTEXT(threads << " thread(s), NaN upper bound too: " << nan_upper) {
                // 710 (the minimum) and 333 (the runner-up) NaN; 1000 is the block's last distance.
                const NanFilter filter{real, {333, 710, 1000}, nan_upper};
                const auto m = sd::minimum_scan(series, &filter, 1, 1000, options);
                BOOST_TEST(m.argmin == 710);
                BOOST_TEST(m.argmin_certified);
                BOOST_TEST(m.stats.escalated >= 3u);  // at least the three NaN distances
                const auto reference = sweep::minimum_of(series, 1, 1000);
                BOOST_TEST(numeric::overlaps(m.minimum, reference.minimum));
            }
        }
    }
    // Every lower bound NaN: every distance goes to MPFI.
    std::set<std::int64_t> all;
    for (std::int64_t r = 1; r <= 1000; ++r) all.insert(r);
    options.threads = 2;
    const NanFilter everywhere{real, all, true};
    const auto m = sd::minimum_scan(series, &everywhere, 1, 1000, options);
    BOOST_TEST(m.argmin == 710);
    BOOST_TEST(m.stats.escalated == 1000u);
}

// A weight beyond double range: 2 w~ = inf and at r = 0, inf * sin^2 = inf * 0 = NaN. The
// filter now says [-inf, inf] there (no information) and MPFI decides; before, every
// lower bound was NaN and dropped, and the sweep threw "no candidate survived".
BOOST_AUTO_TEST_CASE(a_weight_beyond_double_range_is_decided_in_mpfi) {
    numeric::PrecisionGuard guard(128);
    const sweep::ReturnMarginSeries series{{interval(1)}, {numeric::enclose_decimal("1e400")}};
    const auto m = sweep::minimum_of(series, -3, 3);
    BOOST_TEST(m.argmin == 0);
    BOOST_TEST(m.argmin_certified);
    BOOST_TEST(numeric::contains(m.minimum, numeric::real(0)));
    BOOST_TEST(m.stats.escalated == 7u);
    double lower[7], upper[7];
    sd::MarginBlockEvaluator(series).evaluate(-3, 7, lower, upper);
    for (int j = 0; j < 7; ++j) {
        BOOST_TEST(lower[j] == -std::numeric_limits<double>::infinity());
        BOOST_TEST(upper[j] == std::numeric_limits<double>::infinity());
    }
}

// cos r on 1..10 first drops below 0 at r = 2. A filter claiming r = 1 certainly below
// (cos 1 = 0.54) is contradicted by MPFI: the sweep must not certify 1 (before, it did).
BOOST_AUTO_TEST_CASE(a_crossing_is_reported_only_on_mpfi_confirmation) {
    numeric::PrecisionGuard guard(128);
    const auto series = sweep::CosineSeries::aligned_unit({interval(1)});
    const sd::CosineBlockEvaluator real(series);
    const sweep::SweepOptions options;
    const LyingFilter liar{real, {1}};
    const auto lied = sd::first_below_scan(series, &liar, interval(0), 1, 10, options);
    BOOST_TEST(!lied.certified);
    BOOST_TEST(!lied.first.has_value());
    BOOST_TEST(lied.undecided_at.value_or(-1) == 1);

    // The truthful filter: found at 2, certified, and the confirmation counts as an escalation.
    const auto honest = sd::first_below_scan(series, &real, interval(0), 1, 10, options);
    BOOST_TEST(honest.certified);
    BOOST_TEST(honest.first.value_or(-1) == 2);
    BOOST_TEST(numeric::certainly_negative(honest.value_at_first));
    BOOST_TEST(honest.stats.escalated == 1u);

    // MPFI unable to decide where the filter says below: S(r) = cos r - cos 5 is exactly 0
    // at r = 5, its MPFI enclosure straddles 0; a filter claiming "below" there must leave
    // the answer not certified at 5 (before, 5 was certified).
    const sweep::CosineSeries shifted{{interval(1), interval(0)},
                                      {interval(1), -cos(interval(5))},
                                      {interval(0), interval(0)}};
    const sd::CosineBlockEvaluator shifted_real(shifted);
    const LyingFilter straddle{shifted_real, {5}};
    const auto undecided = sd::first_below_scan(shifted, &straddle, interval(0), 5, 6, options);
    BOOST_TEST(!undecided.certified);
    BOOST_TEST(undecided.undecided_at.value_or(-1) == 5);
}

BOOST_AUTO_TEST_SUITE_END()
