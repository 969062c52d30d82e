#include <boost/test/unit_test.hpp>
#include <mpfr.h>

#include "claim_test_support.hpp"
#include "ropecheck/numeric/invalid_input.hpp"

using ropecheck::core::json;
using ropecheck::test::run_check;

BOOST_AUTO_TEST_SUITE(table_1)

json point(const char* p) {
    return {{"head_dim", 64}, {"theta", "10000"}, {"p", p}, {"context", 32}, {"epsilon", "0.05"},
            {"robust_length", 100000}};
}

BOOST_AUTO_TEST_CASE(rows_match_the_paper) {
    const std::vector<std::tuple<const char*, const char*, const char*>> rows{
        {"0", "yes", "no"}, {"0.25", "yes", "yes"}, {"0.75", "yes", "yes"}, {"1", "no", "yes"}};
    for (const auto& [p, semantic, positional] : rows) {
        const auto r = run_check("table-1", point(p));
        BOOST_TEST_CONTEXT("p = " << p) {
            BOOST_TEST(to_string(r.verdict) == "certified");
            BOOST_TEST(r.evidence["row"]["robust_semantic_channels"].get<std::string>() == semantic);
            BOOST_TEST(r.evidence["row"]["positional_patterns"].get<std::string>() == positional);
        }
    }
}

// The lowest RoPE frequency for d = 64, theta = 10^4 is g = 10^4^(-62/64); its
// aligned channel first goes negative at floor(pi / (2 g)) + 1.
BOOST_AUTO_TEST_CASE(rope_channel_breaks_where_the_closed_form_says) {
    auto values = point("1");
    values["control"] = "claim-rope-robust";
    const auto r = run_check("table-1", values);
    BOOST_TEST(to_string(r.verdict) == "refuted");
    mpfr_t g, x;
    mpfr_inits2(256, g, x, static_cast<mpfr_ptr>(nullptr));
    mpfr_set_ui(g, 10000, MPFR_RNDN);
    mpfr_set_si(x, -62, MPFR_RNDN);
    mpfr_div_ui(x, x, 64, MPFR_RNDN);
    mpfr_pow(g, g, x, MPFR_RNDN);
    mpfr_const_pi(x, MPFR_RNDN);
    mpfr_div(x, x, g, MPFR_RNDN);
    mpfr_div_ui(x, x, 2, MPFR_RNDN);
    const long expected = mpfr_get_si(x, MPFR_RNDD) + 1;
    mpfr_clears(g, x, static_cast<mpfr_ptr>(nullptr));
    BOOST_TEST(r.evidence["lowest_frequency_break_distance"].get<long>() == expected);
    BOOST_REQUIRE(r.counterexample.has_value());
}

BOOST_AUTO_TEST_CASE(bad_epsilon_is_rejected) {
    auto values = point("0.5");
    values["epsilon"] = "0.7";
    BOOST_CHECK_THROW(ropecheck::test::validate_check("table-1", values), ropecheck::InvalidInput);
}

BOOST_AUTO_TEST_SUITE_END()
