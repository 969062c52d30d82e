// pipeline-thm-5.3: the diagonal head is lost exactly at the collision distance of pair 1
// (re-derived in float_collision_test.cpp), with a tie at 64; every perturbation negative is
// refuted by the claim's own scan with the expected witness.
#include <boost/test/unit_test.hpp>

#include <utility>
#include <vector>

#include "claim_test_support.hpp"

using ropecheck::core::json;
using ropecheck::test::expect_invalid;
using ropecheck::test::run_check;

BOOST_AUTO_TEST_SUITE(pipeline_thm_5_3)

namespace {

json diagonal(const char* dtype, int context) {
    return {{"head_dim", 64},         {"theta", "10000"},      {"dtype", dtype},
            {"frequency", 1},         {"context", context},    {"pinned_float32", 710},
            {"pinned_bfloat16", 44},  {"pinned_float16", 44}};
}

// The collision distances of pair 1 (see float_collision_test.cpp for their
// long double derivation from the continued fraction of 1/(2 pi)).
const std::vector<std::pair<const char*, int>> collisions{{"float32", 710}, {"bfloat16", 44}, {"float16", 44}};

}  // namespace

BOOST_AUTO_TEST_CASE(diagonal_is_lost_exactly_at_the_collision_distance_with_a_tie_at_64) {
    for (const auto& [dtype, rc] : collisions) {
        const auto r = run_check("pipeline-thm-5.3", diagonal(dtype, 1000));
        BOOST_TEST(to_string(r.verdict) == "certified", dtype);
        BOOST_TEST(r.evidence["lost_at_query_position"].get<int>() == rc);
        BOOST_TEST(r.evidence["rival_key_position"].get<int>() == 0);
        // Derived: both scores are exactly ||psi||^2 = 64, the rotated query's first coordinate is 8.
        BOOST_TEST(r.evidence["target_score"].get<std::string>() == "0x1p+6");
        BOOST_TEST(r.evidence["rival_score"].get<std::string>() == "0x1p+6");
        BOOST_TEST(r.evidence["rotated_query_at_loss"][0].get<std::string>() == "0x1p+3");
    }
}

BOOST_AUTO_TEST_CASE(diagonal_shifted_key_loses_at_query_1_key_0) {
    for (const char* dtype : {"float32", "bfloat16", "float16"}) {
        auto values = diagonal(dtype, 1000);
        values["control"] = "shifted-key";
        const auto r = run_check("pipeline-thm-5.3", values);
        BOOST_TEST(to_string(r.verdict) == "refuted", dtype);
        BOOST_REQUIRE(r.counterexample.has_value());
        BOOST_TEST(r.counterexample->replay["inputs"]["query_position"].get<int>() == 1);
        BOOST_TEST(r.counterexample->replay["inputs"]["key_position"].get<int>() == 0);
    }
}

BOOST_AUTO_TEST_CASE(diagonal_context_before_the_loss_is_refuted_by_the_scan) {
    for (const auto& [dtype, rc] : collisions) {
        const auto r = run_check("pipeline-thm-5.3", diagonal(dtype, rc - 1));
        BOOST_TEST(to_string(r.verdict) == "refuted", dtype);
        BOOST_TEST(r.evidence["lost_at_query_position"].is_null());
        BOOST_TEST(r.evidence["query_positions_checked"].get<int>() == rc);  // query positions 0 .. rc - 1
    }
}

BOOST_AUTO_TEST_CASE(diagonal_complement_is_refuted_at_44) {
    auto values = diagonal("bfloat16", 1000);
    values["control"] = "pipeline-keeps";
    const auto r = run_check("pipeline-thm-5.3", values);
    BOOST_TEST(to_string(r.verdict) == "refuted");
    BOOST_REQUIRE(r.counterexample.has_value());
    BOOST_TEST(r.counterexample->replay["inputs"]["query_position"].get<int>() == 44);
}

BOOST_AUTO_TEST_CASE(bad_parameters_name_the_parameter) {
    expect_invalid("pipeline-thm-5.3", diagonal("float64", 10), "dtype");
    expect_invalid("pipeline-thm-5.3", diagonal("bfloat16", 0), "context");
    auto d = diagonal("bfloat16", 10);
    d["pinned_bfloat16"] = -3;
    expect_invalid("pipeline-thm-5.3", d, "pinned_bfloat16");
    d = diagonal("bfloat16", 10);
    d["control"] = "unshifted";
    expect_invalid("pipeline-thm-5.3", d, "control");
}

BOOST_AUTO_TEST_SUITE_END()
