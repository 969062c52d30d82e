// The printing of binary floating-point values (numeric/decimal.hpp): each text
// read back (strtod, or strtof from the text for a float) gives the same value,
// and no shorter text does; fixed texts carry no exponent; hex is exact.
#include <boost/test/unit_test.hpp>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <limits>
#include <random>
#include <string>

#include "ropecheck/numeric/decimal.hpp"

namespace numeric = ropecheck::numeric;

namespace {

// Significant digits of a decimal text (no sign, point, exponent or leading zeros).
int digits_of(const std::string& text) {
    int n = 0;
    bool leading = true;
    for (char c : text) {
        if (c == 'e' || c == 'E') break;
        if (c < '0' || c > '9') continue;
        if (leading && c == '0') continue;
        leading = false;
        ++n;
    }
    return n;
}

// The shortest digit count that round-trips x, by trying %.<n>e for n = 1..17.
int shortest_digits(double x) {
    for (int n = 1; n <= 17; ++n) {
        char buffer[64];
        std::snprintf(buffer, sizeof buffer, "%.*e", n - 1, x);
        if (std::strtod(buffer, nullptr) == x) return n;
    }
    return 17;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(float_text)

BOOST_AUTO_TEST_CASE(shortest_texts_round_trip_with_fewest_digits) {
    std::mt19937_64 rng(7);
    std::uniform_real_distribution<double> mantissa(1, 2);
    std::uniform_int_distribution<int> exponent(-60, 60);
    for (int i = 0; i < 2000; ++i) {
        const double x = std::ldexp(mantissa(rng), exponent(rng)) * (i % 2 ? 1 : -1);
        const std::string general = numeric::shortest_decimal(x), fixed = numeric::shortest_fixed_decimal(x);
        BOOST_TEST(std::strtod(general.c_str(), nullptr) == x);
        BOOST_TEST(std::strtod(fixed.c_str(), nullptr) == x);
        BOOST_TEST(fixed.find('e') == std::string::npos);
        // Below 2^50 the shortest digits reach past the units place, so both texts
        // carry exactly them; above, an integer may be printed in full where that
        // is the shorter text ("36028797018963968" rather than "3.602879701896397e+16").
        if (std::fabs(x) < 0x1p50) {
            BOOST_TEST(digits_of(general) == shortest_digits(x));
            BOOST_TEST(digits_of(fixed) == shortest_digits(x));
        }
    }
    BOOST_TEST(numeric::shortest_decimal(0.75) == "0.75");
    BOOST_TEST(numeric::shortest_decimal(1e20) == "1e+20");
    BOOST_TEST(numeric::shortest_fixed_decimal(1e20) == "100000000000000000000");
    BOOST_TEST(numeric::shortest_fixed_decimal(1e-5) == "0.00001");
    const double least = std::numeric_limits<double>::denorm_min();
    BOOST_TEST(std::strtod(numeric::shortest_fixed_decimal(least).c_str(), nullptr) == least);
    BOOST_TEST(std::strtod(numeric::shortest_fixed_decimal(std::numeric_limits<double>::max()).c_str(), nullptr) ==
               std::numeric_limits<double>::max());
}

BOOST_AUTO_TEST_CASE(float32_text_reads_back_as_the_same_float) {
    std::mt19937 rng(3);
    std::uniform_real_distribution<float> u(0, 1);
    for (int i = 0; i < 2000; ++i) {
        const float x = std::ldexp(u(rng), -(i % 30));
        const std::string text = numeric::float32_decimal(x);
        BOOST_TEST(std::strtod(text.c_str(), nullptr) == static_cast<double>(x));
        BOOST_TEST(static_cast<float>(std::strtod(text.c_str(), nullptr)) == x);
    }
    BOOST_TEST(numeric::float32_decimal(1.0F) == "1");
    BOOST_TEST(numeric::float32_decimal(0.5F) == "0.5");
}

BOOST_AUTO_TEST_CASE(hex_is_exact) {
    BOOST_TEST(numeric::exact_hex(1.0) == "0x1p+0");
    BOOST_TEST(numeric::exact_hex(3.0) == "0x1.8p+1");
    const double x = 0.1;
    BOOST_TEST(std::strtod(numeric::exact_hex(x).c_str(), nullptr) == x);
}

BOOST_AUTO_TEST_SUITE_END()
