// Three-valued predicates and comparisons (ties, overlaps, NaN) on hand-made
// intervals, and enclose_decimal.
// Intervals are never compared with <, >, == here (Boost aborts on overlap).
#include <boost/test/unit_test.hpp>

#include <limits>
#include <stdexcept>

#include "ropecheck/numeric/certainty.hpp"
#include "ropecheck/numeric/precision_guard.hpp"
#include "../support/print_certainty.hpp"

namespace numeric = ropecheck::numeric;
using numeric::Certainty;
using numeric::interval;
using numeric::real;

namespace {
// [lo, hi] with both endpoints exact doubles.
interval exact_interval(double lo, double hi) {
    interval x;
    mpfi_interv_d(x.backend().data(), lo, hi);
    return x;
}
}  // namespace

BOOST_AUTO_TEST_SUITE(certainty)

BOOST_AUTO_TEST_CASE(sign_predicates) {
    numeric::PrecisionGuard guard(128);
    BOOST_TEST(numeric::is_positive(exact_interval(1, 2)) == Certainty::certainly);
    BOOST_TEST(numeric::is_negative(exact_interval(1, 2)) == Certainty::certainly_not);
    BOOST_TEST(numeric::certainly_positive(exact_interval(1, 2)));
    BOOST_TEST(!numeric::certainly_negative(exact_interval(1, 2)));

    BOOST_TEST(numeric::is_positive(exact_interval(-2, -1)) == Certainty::certainly_not);
    BOOST_TEST(numeric::is_negative(exact_interval(-2, -1)) == Certainty::certainly);
    BOOST_TEST(numeric::certainly_negative(exact_interval(-2, -1)));

    // Straddling zero: the enclosure cannot tell.
    BOOST_TEST(numeric::is_positive(exact_interval(-1, 1)) == Certainty::unknown);
    BOOST_TEST(numeric::is_negative(exact_interval(-1, 1)) == Certainty::unknown);
    BOOST_TEST(!numeric::certainly_positive(exact_interval(-1, 1)));
    BOOST_TEST(!numeric::certainly_negative(exact_interval(-1, 1)));

    // Touching zero: [0, 1] may be 0, so not certainly positive; it is
    // certainly not negative. The point 0 is neither.
    BOOST_TEST(numeric::is_positive(exact_interval(0, 1)) == Certainty::unknown);
    BOOST_TEST(numeric::is_negative(exact_interval(0, 1)) == Certainty::certainly_not);
    BOOST_TEST(numeric::is_positive(exact_interval(-1, 0)) == Certainty::certainly_not);
    BOOST_TEST(numeric::is_negative(exact_interval(-1, 0)) == Certainty::unknown);
    BOOST_TEST(numeric::is_positive(exact_interval(0, 0)) == Certainty::certainly_not);
    BOOST_TEST(numeric::is_negative(exact_interval(0, 0)) == Certainty::certainly_not);

    // A NaN enclosure proves nothing.
    interval nan;
    mpfi_set_d(nan.backend().data(), std::numeric_limits<double>::quiet_NaN());
    BOOST_TEST(numeric::is_positive(nan) == Certainty::unknown);
    BOOST_TEST(numeric::is_negative(nan) == Certainty::unknown);
    BOOST_TEST(numeric::is_equal(nan, nan) == Certainty::unknown);
}

BOOST_AUTO_TEST_CASE(equality_and_overlap) {
    numeric::PrecisionGuard guard(128);
    BOOST_TEST(numeric::is_equal(exact_interval(1, 2), exact_interval(3, 4)) == Certainty::certainly_not);
    BOOST_TEST(numeric::is_equal(exact_interval(3, 4), exact_interval(1, 2)) == Certainty::certainly_not);
    BOOST_TEST(numeric::is_equal(exact_interval(0.5, 0.5), exact_interval(0.5, 0.5)) == Certainty::certainly);
    // The same non-point enclosure twice may still hold two different numbers.
    BOOST_TEST(numeric::is_equal(exact_interval(1, 2), exact_interval(1, 2)) == Certainty::unknown);
    BOOST_TEST(numeric::is_equal(exact_interval(1, 2), exact_interval(2, 3)) == Certainty::unknown);
    BOOST_TEST(numeric::is_equal(exact_interval(1.5, 1.5), exact_interval(1, 2)) == Certainty::unknown);
    BOOST_TEST(numeric::is_equal(exact_interval(1.5, 1.5), exact_interval(2.5, 2.5)) == Certainty::certainly_not);

    BOOST_TEST(numeric::overlaps(exact_interval(1, 2), exact_interval(2, 3)));  // a shared endpoint
    BOOST_TEST(numeric::overlaps(exact_interval(1, 4), exact_interval(2, 3)));
    BOOST_TEST(!numeric::overlaps(exact_interval(1, 2), exact_interval(2.5, 3)));
    BOOST_TEST(!numeric::overlaps(exact_interval(2.5, 3), exact_interval(1, 2)));

    BOOST_TEST(numeric::contains(exact_interval(1, 2), real(1)));
    BOOST_TEST(numeric::contains(exact_interval(1, 2), real(2)));
    BOOST_TEST(numeric::contains(exact_interval(1, 2), real(1.5)));
    BOOST_TEST(!numeric::contains(exact_interval(1, 2), real(2.5)));
    BOOST_TEST(!numeric::contains(exact_interval(1, 2), real(0.5)));

    BOOST_TEST(numeric::lower_bound(exact_interval(-1, 3)) == real(-1));
    BOOST_TEST(numeric::upper_bound(exact_interval(-1, 3)) == real(3));
    BOOST_TEST(numeric::width_of(exact_interval(-1, 3)) == real(4));

    BOOST_TEST(numeric::to_string(Certainty::certainly) == "certainly");
    BOOST_TEST(numeric::to_string(Certainty::certainly_not) == "certainly not");
    BOOST_TEST(numeric::to_string(Certainty::unknown) == "unknown");
}

BOOST_AUTO_TEST_CASE(enclose_decimal_encloses) {
    real tenth_1000;  // 0.1 to within 2^-1003, far inside any 128-bit enclosure
    {
        numeric::PrecisionGuard fine(1000);
        tenth_1000 = real("0.1");
    }
    numeric::PrecisionGuard guard(128);
    const interval tenth = numeric::enclose_decimal("0.1");
    BOOST_TEST(numeric::contains(tenth, tenth_1000));
    BOOST_TEST(numeric::width_of(tenth) > 0);  // 0.1 is not dyadic
    BOOST_TEST(numeric::width_of(tenth) < real(1e-38));
    // The nearest double to 0.1 is not 0.1, and a tight 128-bit enclosure knows it.
    BOOST_TEST(!numeric::contains(tenth, real(0.1)));

    const interval ten_thousand = numeric::enclose_decimal("10000");
    BOOST_TEST(numeric::width_of(ten_thousand) == 0);
    BOOST_TEST(numeric::contains(ten_thousand, real(10000)));
    BOOST_TEST(numeric::is_equal(numeric::enclose_decimal("1e4"), ten_thousand) == Certainty::certainly);
    BOOST_TEST(numeric::is_equal(numeric::enclose_decimal("0.5"), exact_interval(0.5, 0.5)) == Certainty::certainly);
}

BOOST_AUTO_TEST_CASE(enclose_decimal_rejects_non_decimals) {
    numeric::PrecisionGuard guard(128);
    for (const char* bad : {"", "abc", "0.1abc", "10000 ", "0x10", "nan", "inf", "-inf", "[1,2]"}) {
        BOOST_TEST_CONTEXT("text \"" << bad << '"') {
            BOOST_CHECK_THROW(numeric::enclose_decimal(bad), std::invalid_argument);
        }
    }
}

BOOST_AUTO_TEST_CASE(comparisons_at_ties_and_overlaps) {
    numeric::PrecisionGuard guard(64);
    const interval one = exact_interval(1, 1);
    BOOST_TEST(numeric::to_string(numeric::is_less(one, one)) == "certainly not");
    BOOST_TEST(numeric::to_string(numeric::is_at_most(one, one)) == "certainly");
    // Touching at one endpoint: a <= b certainly, a < b not decided.
    BOOST_TEST(numeric::is_at_most(exact_interval(0, 1), exact_interval(1, 2)) == Certainty::certainly);
    BOOST_TEST(numeric::is_less(exact_interval(0, 1), exact_interval(1, 2)) == Certainty::unknown);
    BOOST_TEST(numeric::is_less(exact_interval(1, 2), exact_interval(0, 1)) == Certainty::certainly_not);
    BOOST_TEST(numeric::is_at_most(exact_interval(1, 2), exact_interval(0, 1)) == Certainty::unknown);
    BOOST_TEST(numeric::is_less(exact_interval(0, 1), exact_interval(1.5, 2)) == Certainty::certainly);
    BOOST_TEST(numeric::is_at_most(exact_interval(2, 3), exact_interval(0, 1)) == Certainty::certainly_not);
    BOOST_TEST(numeric::is_less(exact_interval(0, 2), exact_interval(1, 3)) == Certainty::unknown);
    BOOST_TEST(numeric::is_at_most(exact_interval(0, 2), exact_interval(1, 3)) == Certainty::unknown);
    interval nan;
    mpfi_set_d(nan.backend().data(), std::numeric_limits<double>::quiet_NaN());
    BOOST_TEST(numeric::is_less(nan, one) == Certainty::unknown);
    BOOST_TEST(numeric::is_at_most(one, nan) == Certainty::unknown);
}

BOOST_AUTO_TEST_SUITE_END()
