// The three pipeline claims: each certified where the spec says, each able to
// fail (the same check refuted on inputs where its statement is false), and
// each negative control refuted with a replayable witness.
#include <boost/test/unit_test.hpp>

#include "claim_test_support.hpp"
#include "ropecheck/numeric/invalid_input.hpp"

using ropecheck::core::json;
using ropecheck::test::run_check;
using ropecheck::test::validate_check;

BOOST_AUTO_TEST_SUITE(pipeline_claims)

json diagonal(const char* dtype, int context) {
    return {{"head_dim", 64}, {"theta", "10000"}, {"dtype", dtype}, {"frequency", 1}, {"context", context}};
}

BOOST_AUTO_TEST_CASE(diagonal_is_lost_at_44_in_bfloat16_and_710_in_float32) {
    const auto bf16 = run_check("pipeline-diagonal", diagonal("bfloat16", 1000));
    BOOST_TEST(to_string(bf16.verdict) == "certified");
    BOOST_TEST(bf16.evidence["lost_at_query_position"].get<int>() == 44);
    BOOST_TEST(bf16.evidence["rival_key_position"].get<int>() == 0);
    const auto f32 = run_check("pipeline-diagonal", diagonal("float32", 1000));
    BOOST_TEST(f32.evidence["lost_at_query_position"].get<int>() == 710);
    // The claim can fail: float32 keeps the diagonal up to 700.
    const auto kept = run_check("pipeline-diagonal", diagonal("float32", 700));
    BOOST_TEST(to_string(kept.verdict) == "refuted");
    BOOST_TEST(kept.counterexample.has_value());
}

BOOST_AUTO_TEST_CASE(diagonal_negative_control_is_refuted_with_a_replayable_witness) {
    auto values = diagonal("bfloat16", 1000);
    values["control"] = "pipeline-keeps";
    const auto r = run_check("pipeline-diagonal", values);
    BOOST_TEST(to_string(r.verdict) == "refuted");
    BOOST_REQUIRE(r.counterexample.has_value());
    BOOST_TEST(r.counterexample->replay["inputs"]["query_position"].get<int>() == 44);
}

json peak(const char* dtype, const char* profile) {
    return {{"head_dim", 64},  {"theta", "10000"},         {"dtype", dtype},
            {"target_distance", -5}, {"context", 512}, {"query_profile", profile}};
}

BOOST_AUTO_TEST_CASE(float32_keeps_prop_3_1_and_bfloat16_loses_it_for_low_band_queries) {
    for (const char* profile : {"gaussian", "low-band"}) {
        const auto r = run_check("pipeline-prop-3.1", peak("float32", profile));
        BOOST_TEST(to_string(r.verdict) == "certified", profile);
        BOOST_TEST(r.evidence["lost_at_query_position"].is_null());
    }
    const auto bf16 = run_check("pipeline-prop-3.1", peak("bfloat16", "low-band"));
    BOOST_TEST(to_string(bf16.verdict) == "refuted");
    BOOST_REQUIRE(bf16.counterexample.has_value());
    const int i = bf16.evidence["lost_at_query_position"].get<int>();
    const int j = bf16.evidence["rival_key_position"].get<int>();
    BOOST_TEST(i >= 5);
    BOOST_TEST(j != i - 5);
    BOOST_TEST(j <= i);
    BOOST_TEST(bf16.evidence["rival_score"].get<std::string>() == bf16.evidence["target_score"].get<std::string>());
}

json flip(const char* dtype) {
    return {{"head_dim", 64}, {"theta", "10000"}, {"dtype", dtype}, {"frequency", 0}, {"context", 0}};
}

BOOST_AUTO_TEST_CASE(bfloat16_breaks_the_lowest_channel_before_exact_arithmetic) {
    const auto r = run_check("pipeline-semantic-flip", flip("bfloat16"));
    BOOST_TEST(to_string(r.verdict) == "certified");
    const int exact = r.evidence["exact_break_distance"].get<int>();
    const int pipeline = r.evidence["pipeline_flip_distance"].get<int>();
    BOOST_TEST(exact == 11780);  // floor(pi / (2 g_32)) + 1 for theta = 10^4, d = 64
    BOOST_TEST(pipeline < exact);
    BOOST_TEST(r.evidence["context"].get<int>() == 2 * exact);  // context 0: twice the exact break
    BOOST_TEST(pipeline == 11739);
    // An explicit context that stops before the flip's query position finds it later or not at all.
    auto short_context = flip("bfloat16");
    short_context["context"] = 12000;
    const auto shorter = run_check("pipeline-semantic-flip", short_context);
    BOOST_TEST((shorter.evidence["pipeline_flip_distance"].is_null() ||
                shorter.evidence["pipeline_flip_distance"].get<int>() >= pipeline));
    // The claim can fail: float32 does not break the channel earlier.
    const auto f32 = run_check("pipeline-semantic-flip", flip("float32"));
    BOOST_TEST(to_string(f32.verdict) == "refuted");
    auto keeps = flip("bfloat16");
    keeps["control"] = "pipeline-keeps-order";
    const auto negative = run_check("pipeline-semantic-flip", keeps);
    BOOST_TEST(to_string(negative.verdict) == "refuted");
    BOOST_REQUIRE(negative.counterexample.has_value());
    BOOST_TEST(negative.counterexample->replay["inputs"]["distance"].get<int>() == pipeline);
}

BOOST_AUTO_TEST_CASE(bad_parameters_are_rejected) {
    BOOST_CHECK_THROW(validate_check("pipeline-diagonal", diagonal("float64", 10)), ropecheck::InvalidInput);
    BOOST_CHECK_THROW(validate_check("pipeline-diagonal", diagonal("bfloat16", 0)), ropecheck::InvalidInput);
    auto future = peak("float32", "gaussian");
    future["target_distance"] = 3;
    BOOST_CHECK_THROW(validate_check("pipeline-prop-3.1", future), ropecheck::InvalidInput);
    BOOST_CHECK_THROW(validate_check("pipeline-prop-3.1", peak("float32", "uniform")), ropecheck::InvalidInput);
    auto odd = flip("bfloat16");
    odd["head_dim"] = 63;
    BOOST_CHECK_THROW(validate_check("pipeline-semantic-flip", odd), ropecheck::InvalidInput);
}

BOOST_AUTO_TEST_SUITE_END()
