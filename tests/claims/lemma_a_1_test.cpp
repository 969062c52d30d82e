#include <boost/test/unit_test.hpp>

#include "claim_test_support.hpp"
#include "ropecheck/numeric/invalid_input.hpp"

using ropecheck::core::json;
using ropecheck::test::run_check;

BOOST_AUTO_TEST_SUITE(lemma_a_1)

// d = 2 is the single frequency g = 1: up to N = 1000 the closest return is
// r = 710 (113 turns), |710 - 226 pi| = 6.0288706..e-5.
BOOST_AUTO_TEST_CASE(closest_return_of_g1_is_certified_at_710) {
    const auto r = run_check("lemma-a.1", {{"head_dim", 2}, {"theta", "10000"}, {"max_distance", 1000}});
    BOOST_TEST(to_string(r.verdict) == "certified");
    BOOST_REQUIRE(r.margin.has_value());
    BOOST_TEST(r.margin->where == "k = 1, r = 710");
    BOOST_TEST(r.margin->lower.rfind("6.0288706", 0) == 0);
}

BOOST_AUTO_TEST_CASE(both_methods_agree_on_every_frequency) {
    for (const char* theta : {"10000", "500000"}) {
        const auto r = run_check("lemma-a.1", {{"head_dim", 32}, {"theta", theta}, {"max_distance", 200000}});
        BOOST_TEST_CONTEXT("theta = " << theta) {
            BOOST_TEST(to_string(r.verdict) == "certified");
            const json& returns = r.evidence["closest_returns"];
            BOOST_TEST(returns.size() == 16u);
            for (const auto& e : returns) {
                BOOST_TEST(e["r_continued_fraction"].get<long>() == e["r_sweep"].get<long>());
                BOOST_TEST(e["certified"].get<bool>());
            }
            // The slowest frequency turns less than once in 200000 tokens only for
            // theta = 5e5 (2 pi / g_16 = 2.9e6): then its closest return is r = 1.
            if (std::string(theta) == "500000") BOOST_TEST(returns.back()["r_sweep"].get<long>() == 1);
        }
    }
}

// The same closest return prop-3.1 finds as the hardest competitor of r* = 0.
BOOST_AUTO_TEST_CASE(agrees_with_the_hardest_competitor_of_prop_3_1) {
    const auto r = run_check("lemma-a.1", {{"head_dim", 2}, {"theta", "10000"}, {"max_distance", 400}});
    BOOST_TEST(r.margin->where == "k = 1, r = 333");
}

BOOST_AUTO_TEST_CASE(rational_frequency_is_refuted_exactly_at_7) {
    const auto r = run_check("lemma-a.1",
                             {{"head_dim", 8}, {"theta", "10000"}, {"max_distance", 1000}, {"control", "rational"}});
    BOOST_TEST(to_string(r.verdict) == "refuted");
    BOOST_REQUIRE(r.counterexample.has_value());
    BOOST_TEST(r.counterexample->replay["inputs"]["distance"].get<int>() == 7);
    BOOST_TEST(r.counterexample->replay["inputs"]["turns_numerator"].get<int>() == 3);
    BOOST_TEST(r.margin->lower == "0");
    // The enclosure of 2 pi 3/7 defeats the continued fraction, as it must.
    BOOST_TEST(!r.evidence["replaced_frequency"]["continued_fraction_certified"].get<bool>());
}

BOOST_AUTO_TEST_CASE(bad_parameters_are_rejected) {
    using ropecheck::InvalidInput;
    using ropecheck::test::validate_check;
    BOOST_CHECK_THROW(validate_check("lemma-a.1", {{"head_dim", 7}, {"theta", "10000"}, {"max_distance", 10}}),
                      InvalidInput);
    BOOST_CHECK_THROW(validate_check("lemma-a.1", {{"head_dim", 8}, {"theta", "10000"}, {"max_distance", 0}}),
                      InvalidInput);
    BOOST_CHECK_THROW(validate_check("lemma-a.1", {{"head_dim", 8}, {"theta", "10000"}, {"max_distance", 20000000}}),
                      InvalidInput);
    BOOST_CHECK_THROW(validate_check("lemma-a.1",
                                     {{"head_dim", 8}, {"theta", "10000"}, {"max_distance", 6}, {"control", "rational"}}),
                      InvalidInput);
    BOOST_CHECK_THROW(validate_check("lemma-a.1",
                                     {{"head_dim", 8}, {"theta", "10000"}, {"max_distance", 60}, {"control", "pi"}}),
                      InvalidInput);
}

BOOST_AUTO_TEST_SUITE_END()
