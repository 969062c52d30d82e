#include <boost/test/unit_test.hpp>

#include "claim_test_support.hpp"

using ropecheck::core::json;
using ropecheck::test::run_check;

BOOST_AUTO_TEST_SUITE(prop_3_2)

json grid(const std::string& mean, const std::string& parts) {
    return {{"head_dim", 8}, {"theta", "10000"}, {"max_distance", 1000}, {"distance_step", 100},
            {"samples", 800}, {"mean", mean}, {"parts", parts}};
}

BOOST_AUTO_TEST_CASE(centred_gaussians_hold_in_both_parts) {
    const auto r = run_check("prop-3.2", grid("0", "both"));
    BOOST_TEST(to_string(r.verdict) == "holds");
    BOOST_TEST(r.evidence["trace_identity_certified"].get<bool>());
    BOOST_TEST(r.evidence["max_abs_z"].get<double>() < r.evidence["z_threshold"].get<double>());
}

BOOST_AUTO_TEST_CASE(common_mean_is_refuted_by_the_exact_part) {
    const auto r = run_check("prop-3.2", grid("1", "exact"));
    BOOST_TEST(to_string(r.verdict) == "refuted");
    BOOST_REQUIRE(r.counterexample.has_value());
    BOOST_TEST(r.counterexample->kind == "the exact mean activation is non-zero");
    // At r = 0 the exact mean is 1^T 1 = d = 8: the first tested distance already refutes.
    BOOST_TEST(r.counterexample->replay["inputs"]["distance"].get<int>() == 0);
}

BOOST_AUTO_TEST_CASE(common_mean_is_refuted_by_the_statistics_alone) {
    const auto r = run_check("prop-3.2", grid("1", "statistics"));
    BOOST_TEST(to_string(r.verdict) == "refuted");
    BOOST_REQUIRE(r.counterexample.has_value());
    BOOST_TEST(r.counterexample->kind.find("statistical") == 0u);
}

BOOST_AUTO_TEST_CASE(same_seed_same_statistics) {
    const auto a = run_check("prop-3.2", grid("0", "statistics"));
    const auto b = run_check("prop-3.2", grid("0", "statistics"));
    const auto c = run_check("prop-3.2", grid("0", "statistics"), 128, 2);
    BOOST_TEST(a.evidence.dump() == b.evidence.dump());
    BOOST_TEST(a.evidence.dump() != c.evidence.dump());
}

BOOST_AUTO_TEST_SUITE_END()
