// The three pipeline claims: each certified where the spec says, with its
// pinned values re-derived here independently (the collision distance of pair
// 1, the closed-form exact break), and every perturbation negative refuted by
// the claim's own scan with the expected witness.
#include <boost/test/unit_test.hpp>

#include <cmath>
#include <numbers>
#include <string>
#include <utility>
#include <vector>

#include "claim_test_support.hpp"
#include "ropecheck/numeric/invalid_input.hpp"

using ropecheck::core::json;
using ropecheck::test::run_check;

BOOST_AUTO_TEST_SUITE(pipeline_claims)

namespace {

void expect_invalid(const std::string& check, const json& values, const std::string& parameter) {
    try {
        ropecheck::test::validate_check(check, values);
        BOOST_ERROR("no InvalidInput for " + parameter);
    } catch (const ropecheck::InvalidInput& e) {
        BOOST_TEST(std::string(e.what()).find(parameter) != std::string::npos, e.what());
    }
}

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
        const auto r = run_check("pipeline-diagonal", diagonal(dtype, 1000));
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
        const auto r = run_check("pipeline-diagonal", values);
        BOOST_TEST(to_string(r.verdict) == "refuted", dtype);
        BOOST_REQUIRE(r.counterexample.has_value());
        BOOST_TEST(r.counterexample->replay["inputs"]["query_position"].get<int>() == 1);
        BOOST_TEST(r.counterexample->replay["inputs"]["key_position"].get<int>() == 0);
    }
}

BOOST_AUTO_TEST_CASE(diagonal_context_before_the_loss_is_refuted_by_the_scan) {
    for (const auto& [dtype, rc] : collisions) {
        const auto r = run_check("pipeline-diagonal", diagonal(dtype, rc - 1));
        BOOST_TEST(to_string(r.verdict) == "refuted", dtype);
        BOOST_TEST(r.evidence["lost_at_query_position"].is_null());
        BOOST_TEST(r.evidence["query_positions_checked"].get<int>() == rc);  // query positions 0 .. rc - 1
    }
}

BOOST_AUTO_TEST_CASE(diagonal_complement_is_refuted_at_44) {
    auto values = diagonal("bfloat16", 1000);
    values["control"] = "pipeline-keeps";
    const auto r = run_check("pipeline-diagonal", values);
    BOOST_TEST(to_string(r.verdict) == "refuted");
    BOOST_REQUIRE(r.counterexample.has_value());
    BOOST_TEST(r.counterexample->replay["inputs"]["query_position"].get<int>() == 44);
}

namespace {
json peak(const char* dtype, const char* profile, int target = -5) {
    return {{"head_dim", 64}, {"theta", "10000"}, {"dtype", dtype}, {"target_distance", target}, {"context", 256},
            {"query_profile", profile}};
}
}  // namespace

BOOST_AUTO_TEST_CASE(float32_keeps_prop_3_1_and_bfloat16_loses_it_for_low_band_queries) {
    for (const char* profile : {"gaussian", "low-band"}) {
        const auto r = run_check("pipeline-prop-3.1", peak("float32", profile));
        BOOST_TEST(to_string(r.verdict) == "certified", profile);
        BOOST_TEST(r.evidence["lost_at_query_position"].is_null());
    }
    for (const char* dtype : {"bfloat16", "float16"}) {
        const auto r = run_check("pipeline-prop-3.1", peak(dtype, "low-band"));
        BOOST_TEST(to_string(r.verdict) == "refuted", dtype);
        BOOST_REQUIRE(r.counterexample.has_value());
        const int i = r.evidence["lost_at_query_position"].get<int>();
        const int j = r.evidence["rival_key_position"].get<int>();
        BOOST_TEST(i >= 5);
        BOOST_TEST(j != i - 5);
        BOOST_TEST(j <= i);
        BOOST_TEST(r.evidence["rival_score"].get<std::string>() == r.evidence["target_score"].get<std::string>());
    }
}

// Key built for r* - 1: the key one position further back wins from the first
// query position that has it, i = 1 - r*, with key 0.
BOOST_AUTO_TEST_CASE(prop_3_1_shifted_key_is_refuted_at_the_first_query_that_has_it) {
    for (int target : {-5, -1})
        for (const char* profile : {"gaussian", "low-band"}) {
            auto values = peak("float32", profile, target);
            values["control"] = "shifted-key";
            const auto r = run_check("pipeline-prop-3.1", values);
            BOOST_TEST(to_string(r.verdict) == "refuted", profile);
            BOOST_TEST(r.evidence["key_built_for"].get<int>() == target - 1);
            BOOST_TEST(r.evidence["lost_at_query_position"].get<int>() == 1 - target);
            BOOST_TEST(r.evidence["rival_key_position"].get<int>() == 0);
        }
}

namespace {
json flip(const char* dtype, int head_dim = 64) {
    return {{"head_dim", head_dim}, {"theta", "10000"}, {"dtype", dtype}, {"frequency", 0}, {"context", 0}};
}
// floor(pi / (2 g)) + 1 for the lowest pair, g = 10000^(-(d - 2)/d), in long double.
long long closed_form_break(int d) {
    const long double g = std::pow(10000.0L, -static_cast<long double>(d - 2) / d);
    return static_cast<long long>(std::floor(std::numbers::pi_v<long double> / (2 * g))) + 1;
}
}  // namespace

BOOST_AUTO_TEST_CASE(bfloat16_breaks_the_lowest_channel_before_the_closed_form_break) {
    BOOST_TEST(closed_form_break(64) == 11780);
    BOOST_TEST(closed_form_break(128) == 13603);
    for (int d : {64, 128}) {
        const auto r = run_check("pipeline-semantic-flip", flip("bfloat16", d));
        BOOST_TEST(to_string(r.verdict) == "certified");
        BOOST_TEST(r.evidence["exact_break_distance"].get<long long>() == closed_form_break(d));
        BOOST_TEST(r.evidence["closed_form_break_distance"].get<long long>() == closed_form_break(d));
        BOOST_TEST(r.evidence["pipeline_flip_distance"].get<long long>() < closed_form_break(d));
        BOOST_TEST(r.evidence["context"].get<long long>() == 2 * closed_form_break(d));  // context 0: 2 r_b
    }
    const auto r = run_check("pipeline-semantic-flip", flip("bfloat16"));
    BOOST_TEST(r.evidence["pipeline_flip_distance"].get<int>() == 11739);
}

BOOST_AUTO_TEST_CASE(the_float32_pipeline_keeps_the_channel_and_refutes_the_claim) {
    for (int d : {64, 128}) {
        const auto r = run_check("pipeline-semantic-flip", flip("float32", d));
        BOOST_TEST(to_string(r.verdict) == "refuted");
        BOOST_TEST(r.evidence["pipeline_flip_distance"].is_null());
        BOOST_REQUIRE(r.counterexample.has_value());
        BOOST_TEST(r.counterexample->kind == "no earlier flip");
    }
}

BOOST_AUTO_TEST_CASE(the_semantic_complement_is_refuted_at_the_flip) {
    auto keeps = flip("bfloat16");
    keeps["control"] = "pipeline-keeps-order";
    const auto negative = run_check("pipeline-semantic-flip", keeps);
    BOOST_TEST(to_string(negative.verdict) == "refuted");
    BOOST_REQUIRE(negative.counterexample.has_value());
    BOOST_TEST(negative.counterexample->replay["inputs"]["distance"].get<int>() == 11739);
    BOOST_TEST(negative.counterexample->replay["inputs"]["query_position"].get<int>() == 17525);
}

BOOST_AUTO_TEST_CASE(bad_parameters_name_the_parameter) {
    expect_invalid("pipeline-diagonal", diagonal("float64", 10), "dtype");
    expect_invalid("pipeline-diagonal", diagonal("bfloat16", 0), "context");
    auto d = diagonal("bfloat16", 10);
    d["pinned_bfloat16"] = -3;
    expect_invalid("pipeline-diagonal", d, "pinned_bfloat16");
    d = diagonal("bfloat16", 10);
    d["control"] = "unshifted";
    expect_invalid("pipeline-diagonal", d, "control");
    auto future = peak("float32", "gaussian");
    future["target_distance"] = 3;
    expect_invalid("pipeline-prop-3.1", future, "target_distance");
    expect_invalid("pipeline-prop-3.1", peak("float32", "uniform"), "query_profile");
    auto edge = peak("float32", "gaussian", -256);
    edge["control"] = "shifted-key";  // the shifted key would sit beyond the context
    expect_invalid("pipeline-prop-3.1", edge, "target_distance");
    auto odd = flip("bfloat16");
    odd["head_dim"] = 63;
    expect_invalid("pipeline-semantic-flip", odd, "head dimension");
    auto negative_context = flip("bfloat16");
    negative_context["context"] = -1;
    expect_invalid("pipeline-semantic-flip", negative_context, "context");
    auto beyond = flip("bfloat16");
    beyond["frequency"] = 33;
    expect_invalid("pipeline-semantic-flip", beyond, "frequency");
}

BOOST_AUTO_TEST_SUITE_END()
