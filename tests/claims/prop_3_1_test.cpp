#include <boost/test/unit_test.hpp>

#include "claim_test_support.hpp"
#include "ropecheck/numeric/invalid_input.hpp"

using ropecheck::core::json;
using ropecheck::core::Verdict;
using ropecheck::test::run_check;

BOOST_AUTO_TEST_SUITE(prop_3_1)

BOOST_AUTO_TEST_CASE(peak_at_the_target_is_certified) {
    for (int target : {0, 5, -12}) {
        const auto r = run_check("prop-3.1", {{"head_dim", 8}, {"theta", "10000"}, {"target_distance", target},
                                               {"window", 60}});
        BOOST_TEST(to_string(r.verdict) == "certified");
        BOOST_REQUIRE(r.margin.has_value());
        BOOST_TEST(r.margin->lower.front() != '-');
        BOOST_TEST(!r.counterexample.has_value());
    }
}

// d = 2, g = 1: a(r) = ||q||^2 cos(r), so the closest competitor of r* = 0 within
// |r| <= 400 is where r comes closest to a multiple of 2 pi: r = +-333 (53 turns).
BOOST_AUTO_TEST_CASE(worst_competitor_is_the_closest_return) {
    const auto r = run_check("prop-3.1", {{"head_dim", 2}, {"theta", "10000"}, {"target_distance", 0}, {"window", 400}});
    BOOST_TEST(to_string(r.verdict) == "certified");
    BOOST_TEST((r.margin->where == "r = 333" || r.margin->where == "r = -333"));
}

BOOST_AUTO_TEST_CASE(shifted_key_is_refuted_at_the_shifted_distance) {
    const auto r = run_check("prop-3.1", {{"head_dim", 16}, {"theta", "500000"}, {"target_distance", 7},
                                           {"window", 50}, {"control", "shifted-key"}});
    BOOST_TEST(to_string(r.verdict) == "refuted");
    BOOST_REQUIRE(r.counterexample.has_value());
    BOOST_TEST(r.counterexample->replay["inputs"]["winning_distance"].get<int>() == 8);
    BOOST_TEST(r.counterexample->replay["precision"].get<unsigned>() == 128u);
}

BOOST_AUTO_TEST_CASE(bad_parameters_are_rejected) {
    using ropecheck::InvalidInput;
    using ropecheck::test::validate_check;
    BOOST_CHECK_THROW(validate_check("prop-3.1", {{"head_dim", 7}, {"theta", "10000"}, {"target_distance", 0}, {"window", 5}}),
                      InvalidInput);
    BOOST_CHECK_THROW(validate_check("prop-3.1", {{"head_dim", 8}, {"theta", "1"}, {"target_distance", 0}, {"window", 5}}),
                      InvalidInput);
    BOOST_CHECK_THROW(validate_check("prop-3.1", {{"head_dim", 8}, {"theta", "100"}, {"target_distance", 9}, {"window", 5}}),
                      InvalidInput);
    BOOST_CHECK_THROW(validate_check("prop-3.1", {{"head_dim", 8}, {"theta", "100"}, {"target_distance", 0},
                                                  {"window", 5}, {"control", "flip"}}),
                      InvalidInput);
}

BOOST_AUTO_TEST_SUITE_END()
