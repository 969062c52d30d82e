// Printed bounds must themselves be bounds. Each printed string is read back
// with directed rounding (enclose_decimal, or at far higher precision) and
// compared with the exact value, the way Arb tests its enclosures.
#include <boost/test/unit_test.hpp>

#include <string>

#include "ropecheck/numeric/certainty.hpp"
#include "ropecheck/numeric/decimal.hpp"
#include "ropecheck/numeric/precision_guard.hpp"

namespace numeric = ropecheck::numeric;
using numeric::interval;
using numeric::real;

namespace {

// The exact value of a printed decimal, as an enclosure at the current precision.
interval read_back(const std::string& text) { return numeric::enclose_decimal(text); }

// "[lo, hi]" -> {lo, hi}.
std::pair<std::string, std::string> split_enclosure(const std::string& s) {
    BOOST_REQUIRE(s.size() > 4 && s.front() == '[' && s.back() == ']');
    const auto comma = s.find(", ");
    BOOST_REQUIRE(comma != std::string::npos);
    return {s.substr(1, comma - 1), s.substr(comma + 2, s.size() - comma - 3)};
}

// The digits of a mantissa "d.ddd" in "d.ddde-01", without the point.
std::string mantissa_digits(const std::string& s) {
    std::string out;
    for (char c : s.substr(0, s.find('e')))
        if (c >= '0' && c <= '9') out += c;
    return out;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(decimal)

BOOST_AUTO_TEST_CASE(directed_rounding_of_one_third) {
    real third, minus_third;
    {
        numeric::PrecisionGuard guard(200);
        third = real(1) / 3;
        minus_third = -third;
    }
    const std::string down = numeric::decimal_down(third, 20);
    const std::string up = numeric::decimal_up(third, 20);
    BOOST_TEST_MESSAGE("1/3 at 200 bits: down " << down << ", up " << up);
    BOOST_TEST(mantissa_digits(down).size() == 20u);
    BOOST_TEST(mantissa_digits(up).size() == 20u);
    // They agree in 19 digits and differ by one unit in the last (1/3 is no
    // 20-digit decimal): ...3 down, ...4 up.
    BOOST_TEST(down != up);
    BOOST_TEST(mantissa_digits(down).substr(0, 19) == mantissa_digits(up).substr(0, 19));
    BOOST_TEST(mantissa_digits(down).back() == '3');
    BOOST_TEST(mantissa_digits(up).back() == '4');
    BOOST_TEST(numeric::decimal_nearest(third, 20) == down);

    numeric::PrecisionGuard fine(400);
    BOOST_TEST(numeric::upper_bound(read_back(down)) <= third);
    BOOST_TEST(numeric::lower_bound(read_back(up)) >= third);
    // Toward -inf for a negative number means a larger magnitude.
    const std::string neg_down = numeric::decimal_down(minus_third, 20);
    const std::string neg_up = numeric::decimal_up(minus_third, 20);
    BOOST_TEST(mantissa_digits(neg_down).back() == '4');
    BOOST_TEST(numeric::upper_bound(read_back(neg_down)) <= minus_third);
    BOOST_TEST(numeric::lower_bound(read_back(neg_up)) >= minus_third);
}

BOOST_AUTO_TEST_CASE(exact_values_print_exactly) {
    numeric::PrecisionGuard guard(128);
    BOOST_TEST(numeric::decimal_down(real(0), 20) == "0");
    BOOST_TEST(numeric::decimal_up(real(0), 20) == "0");
    for (double v : {0.5, -0.75, 10000.0, 1.0 / 1024}) {
        BOOST_TEST_CONTEXT("value " << v) {
            // Both directions print the same string, and it reads back as v exactly.
            BOOST_TEST(numeric::decimal_down(real(v), 20) == numeric::decimal_up(real(v), 20));
            const interval back = read_back(numeric::decimal_down(real(v), 20));
            BOOST_TEST(numeric::width_of(back) == 0);
            BOOST_TEST(numeric::contains(back, real(v)));
        }
    }
    BOOST_TEST(mantissa_digits(numeric::decimal_nearest(real(2) / 3, 5)) == "66667");
}

BOOST_AUTO_TEST_CASE(printed_enclosure_contains_the_exact_value) {
    // cos(355) and sin(355): 355 is within 3e-5 of 113 pi, so cos is close to -1
    // and sin is a small number computed through cancellation.
    struct Case {
        const char* name;
        interval (*low)(const interval&);
        real (*high)(const real&);
    };
    const Case cases[] = {
        {"cos(355)", [](const interval& x) { return interval(cos(x)); },
         [](const real& x) { return real(cos(x)); }},
        {"sin(355)", [](const interval& x) { return interval(sin(x)); },
         [](const real& x) { return real(sin(x)); }},
        {"exp(355)", [](const interval& x) { return interval(exp(x)); },
         [](const real& x) { return real(exp(x)); }},
        {"1/355", [](const interval& x) { return interval(1 / x); },
         [](const real& x) { return real(1 / x); }},
    };
    for (const Case& c : cases) {
        interval enclosure;
        {
            numeric::PrecisionGuard guard(128);
            enclosure = c.low(interval(355));
        }
        real reference;
        {
            numeric::PrecisionGuard guard(128 + 100);
            reference = c.high(real(355));
        }
        for (int digits : {5, 20, 40}) {
            const std::string printed = numeric::decimal_enclosure(enclosure, digits);
            BOOST_TEST_CONTEXT(c.name << " at " << digits << " digits: " << printed) {
                const auto [lo, hi] = split_enclosure(printed);
                BOOST_TEST(lo == numeric::decimal_lower(enclosure, digits));
                BOOST_TEST(hi == numeric::decimal_upper(enclosure, digits));
                numeric::PrecisionGuard fine(400);
                const interval lo_exact = read_back(lo), hi_exact = read_back(hi);
                BOOST_TEST(numeric::upper_bound(lo_exact) <= reference);
                BOOST_TEST(numeric::lower_bound(hi_exact) >= reference);
                // Not vacuous: each printed endpoint moves outward by less than one
                // unit in its last digit, i.e. by less than |x| 10^(1 - digits).
                const real width = numeric::upper_bound(hi_exact) - numeric::lower_bound(lo_exact);
                const real slack = real("2.001") * abs(reference) * pow(real(10), 1 - digits);
                BOOST_TEST(width <= numeric::width_of(enclosure) + slack);
                BOOST_TEST(width >= numeric::width_of(enclosure));
                // The midpoint lies inside the printed enclosure.
                const interval mid = read_back(numeric::decimal_midpoint(enclosure, digits));
                BOOST_TEST(numeric::lower_bound(mid) >= numeric::lower_bound(lo_exact));
                BOOST_TEST(numeric::upper_bound(mid) <= numeric::upper_bound(hi_exact));
            }
        }
    }
}

BOOST_AUTO_TEST_SUITE_END()
