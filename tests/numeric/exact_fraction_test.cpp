// ExactFraction holds p exactly so counts like floor(p d / 2) never round.
// The adversarial cases are those where the double product is off by one ulp
// below an integer (0.29 * 100 = 28.999999999999996 in binary64).
#include <boost/test/unit_test.hpp>

#include <string>

#include "ropecheck/numeric/exact_fraction.hpp"
#include "ropecheck/numeric/invalid_input.hpp"

using ropecheck::InvalidInput;
using ropecheck::numeric::ExactFraction;

namespace {
ExactFraction parse(const std::string& s) { return ExactFraction::parse_decimal(s, "p"); }
}  // namespace

BOOST_AUTO_TEST_SUITE(exact_fraction)

BOOST_AUTO_TEST_CASE(parses_decimals_exactly) {
    BOOST_TEST(parse("0.75").floor_times(256, 2) == 96);  // 0.75-RoPE on Gemma: 96 pairs
    BOOST_TEST(parse("0.25").floor_times(256, 2) == 32);
    BOOST_TEST(parse("0.3").floor_times(20, 2) == 3);
    BOOST_TEST(parse("0.29").floor_times(100) == 29);  // binary64 gives 28
    BOOST_TEST(parse("0.57").floor_times(100) == 57);  // binary64 gives 56
    BOOST_TEST(parse("0.75").floor_times(3) == 2);     // floor(2.25)
    BOOST_TEST(parse("1").floor_times(256, 2) == 128);
    BOOST_TEST(parse("1.0").floor_times(10) == 10);
    BOOST_TEST(parse(".5").floor_times(7) == 3);
    BOOST_TEST(parse("0").floor_times(256, 2) == 0);

    BOOST_TEST(parse("0").is_zero());
    BOOST_TEST(parse("0.000").is_zero());
    BOOST_TEST(!parse("0.001").is_zero());
    BOOST_TEST(parse("1").at_most_one());
    BOOST_TEST(parse("1.000").at_most_one());
    BOOST_TEST(!parse("1.001").at_most_one());
    BOOST_TEST(!parse("2").at_most_one());

    // The limits: 15 fractional digits, 9 whole digits, 18 in all.
    BOOST_TEST(parse("0.123456789012345").floor_times(1000000000000000) == 123456789012345);
    BOOST_TEST(parse("123456789").floor_times(1) == 123456789);
    BOOST_TEST(parse("999.999999999999999").floor_times(1) == 999);
}

BOOST_AUTO_TEST_CASE(rejects_what_is_not_a_plain_decimal) {
    for (const char* bad : {"-0.5", "+0.5", "1e-3", "abc", "", ".", "1.2.3", " 1", "1 ", "0,5",
                            "0.1234567890123456",  // 16 fractional digits
                            "1234567890",          // 10 whole digits
                            "10000.000000000000000"}) {  // 5 + 15 digits: would overflow int64
        BOOST_TEST_CONTEXT("text \"" << bad << '"') {
            BOOST_CHECK_THROW(parse(bad), InvalidInput);
        }
    }
    // The message names the parameter and the text.
    try {
        ExactFraction::parse_decimal("abc", "fraction_kept");
        BOOST_ERROR("\"abc\" was accepted");
    } catch (const InvalidInput& e) {
        const std::string what = e.what();
        BOOST_TEST(what.find("fraction_kept") != std::string::npos);
        BOOST_TEST(what.find("\"abc\"") != std::string::npos);
    }
}

BOOST_AUTO_TEST_CASE(prints_exactly) {
    BOOST_TEST(parse("0.75").str() == "0.75");
    BOOST_TEST(parse("0.50").str() == "0.5");
    BOOST_TEST(parse("1").str() == "1");
    BOOST_TEST(parse("1.0").str() == "1");
    BOOST_TEST(parse("0").str() == "0");
    BOOST_TEST(parse(".5").str() == "0.5");
    BOOST_TEST(parse("0.000000000000001").str() == "0.000000000000001");
    BOOST_TEST(ExactFraction::whole(3).str() == "3");
    // Hand-made fractions: a terminating expansion in full, otherwise n/d.
    BOOST_TEST((ExactFraction{5, 4}.str()) == "1.25");
    BOOST_TEST((ExactFraction{3, 8}.str()) == "0.375");
    BOOST_TEST((ExactFraction{3, 6}.str()) == "0.5");
    BOOST_TEST((ExactFraction{1, 3}.str()) == "1/3");
    BOOST_TEST((ExactFraction{4, 6}.str()) == "2/3");
}

BOOST_AUTO_TEST_SUITE_END()
