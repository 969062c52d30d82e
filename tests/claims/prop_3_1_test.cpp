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

// Every instance of each perturbation control is refuted at the distance Proposition 3.1
// predicts for the perturbed key: r* + 1 for the shifted key, r*/2 for the key rotated
// with the position-interpolated (g_k / 2) schedule.
BOOST_AUTO_TEST_CASE(perturbed_keys_are_refuted_where_the_proposition_predicts) {
    for (int d : {2, 8, 64})
        for (int target : {4, -18, 250}) {
            json p = {{"head_dim", d}, {"theta", "10000"}, {"target_distance", target}, {"window", 2000}};
            p["control"] = "shifted-key";
            const auto shifted = run_check("prop-3.1", p);
            p["control"] = "interpolated-key";
            const auto interpolated = run_check("prop-3.1", p);
            BOOST_TEST_CONTEXT("d = " << d << ", r* = " << target) {
                BOOST_TEST(to_string(shifted.verdict) == "refuted");
                BOOST_TEST(to_string(interpolated.verdict) == "refuted");
                BOOST_REQUIRE(shifted.counterexample.has_value());
                BOOST_REQUIRE(interpolated.counterexample.has_value());
                BOOST_TEST(shifted.counterexample->replay["inputs"]["winning_distance"].get<int>() == target + 1);
                BOOST_TEST(interpolated.counterexample->replay["inputs"]["winning_distance"].get<int>() == target / 2);
                BOOST_TEST(interpolated.evidence["key"].get<std::string>().find("linear") != std::string::npos);
            }
        }
}

// The construction pins a(r*) = ||q||^2: the two enclosures in the evidence overlap.
BOOST_AUTO_TEST_CASE(peak_value_is_the_squared_norm) {
    const auto r = run_check("prop-3.1", {{"head_dim", 16}, {"theta", "10000"}, {"target_distance", -9}, {"window", 40}});
    BOOST_TEST(to_string(r.verdict) == "certified");
    BOOST_TEST(r.evidence["a_at_target"].get<std::string>().substr(0, 12) ==
               r.evidence["q_norm_squared"].get<std::string>().substr(0, 12));
    BOOST_TEST(r.evidence["predicted_peak"].get<int>() == -9);
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
    // The interpolated key needs an even, non-zero r*; the shifted key's r* + 1 must fit the window.
    for (int target : {0, 3, -17}) {
        try {
            validate_check("prop-3.1", {{"head_dim", 8}, {"theta", "100"}, {"target_distance", target},
                                        {"window", 50}, {"control", "interpolated-key"}});
            BOOST_ERROR("r* = " << target << " was accepted");
        } catch (const InvalidInput& e) {
            BOOST_TEST(std::string(e.what()).find("target_distance") != std::string::npos);
        }
    }
    BOOST_CHECK_THROW(validate_check("prop-3.1", {{"head_dim", 8}, {"theta", "100"}, {"target_distance", 5},
                                                  {"window", 5}, {"control", "shifted-key"}}),
                      InvalidInput);
}

BOOST_AUTO_TEST_SUITE_END()
