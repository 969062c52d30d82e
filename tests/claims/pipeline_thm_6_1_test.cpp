// pipeline-thm-6.1: the lowest channel's exact break equals the closed form (re-derived here in
// long double), bfloat16 flips before it, float32 does not (the claim refuted), and the
// complement is refuted at the flip.
#include <boost/test/unit_test.hpp>

#include <cmath>
#include <numbers>

#include "claim_test_support.hpp"

using ropecheck::core::json;
using ropecheck::test::expect_invalid;
using ropecheck::test::run_check;

BOOST_AUTO_TEST_SUITE(pipeline_thm_6_1)

namespace {

json flip(const char* dtype, int head_dim = 64) {
    return {{"head_dim", head_dim}, {"theta", "10000"}, {"dtype", dtype}, {"frequency", 0}, {"context", 0}};
}
// floor(pi / (2 g)) + 1 for the lowest pair, g = 10000^(-(d - 2)/d), in long double.
long long pipeline_closed_form_break(int d) {
    const long double g = std::pow(10000.0L, -static_cast<long double>(d - 2) / d);
    return static_cast<long long>(std::floor(std::numbers::pi_v<long double> / (2 * g))) + 1;
}
}  // namespace

BOOST_AUTO_TEST_CASE(bfloat16_breaks_the_lowest_channel_before_the_closed_form_break) {
    BOOST_TEST(pipeline_closed_form_break(64) == 11780);
    BOOST_TEST(pipeline_closed_form_break(128) == 13603);
    for (int d : {64, 128}) {
        const auto r = run_check("pipeline-thm-6.1", flip("bfloat16", d));
        BOOST_TEST(to_string(r.verdict) == "certified");
        BOOST_TEST(r.evidence["exact_break_distance"].get<long long>() == pipeline_closed_form_break(d));
        BOOST_TEST(r.evidence["closed_form_break_distance"].get<long long>() == pipeline_closed_form_break(d));
        BOOST_TEST(r.evidence["pipeline_flip_distance"].get<long long>() < pipeline_closed_form_break(d));
        BOOST_TEST(r.evidence["context"].get<long long>() == 2 * pipeline_closed_form_break(d));  // context 0: 2 r_b
    }
    const auto r = run_check("pipeline-thm-6.1", flip("bfloat16"));
    BOOST_TEST(r.evidence["pipeline_flip_distance"].get<int>() == 11739);
}

BOOST_AUTO_TEST_CASE(the_float32_pipeline_keeps_the_channel_and_refutes_the_claim) {
    for (int d : {64, 128}) {
        const auto r = run_check("pipeline-thm-6.1", flip("float32", d));
        BOOST_TEST(to_string(r.verdict) == "refuted");
        BOOST_TEST(r.evidence["pipeline_flip_distance"].is_null());
        BOOST_REQUIRE(r.counterexample.has_value());
        BOOST_TEST(r.counterexample->kind == "no earlier flip");
    }
}

BOOST_AUTO_TEST_CASE(the_semantic_complement_is_refuted_at_the_flip) {
    auto keeps = flip("bfloat16");
    keeps["control"] = "pipeline-keeps-order";
    const auto negative = run_check("pipeline-thm-6.1", keeps);
    BOOST_TEST(to_string(negative.verdict) == "refuted");
    BOOST_REQUIRE(negative.counterexample.has_value());
    BOOST_TEST(negative.counterexample->replay["inputs"]["distance"].get<int>() == 11739);
    BOOST_TEST(negative.counterexample->replay["inputs"]["query_position"].get<int>() == 17525);
}

BOOST_AUTO_TEST_CASE(bad_parameters_name_the_parameter) {
    auto odd = flip("bfloat16");
    odd["head_dim"] = 63;
    expect_invalid("pipeline-thm-6.1", odd, "head dimension");
    auto negative_context = flip("bfloat16");
    negative_context["context"] = -1;
    expect_invalid("pipeline-thm-6.1", negative_context, "context");
    auto beyond = flip("bfloat16");
    beyond["frequency"] = 33;
    expect_invalid("pipeline-thm-6.1", beyond, "frequency");
}

BOOST_AUTO_TEST_SUITE_END()
