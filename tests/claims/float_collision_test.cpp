#include <boost/test/unit_test.hpp>

#include "claim_test_support.hpp"
#include "ropecheck/numeric/invalid_input.hpp"

using ropecheck::core::json;
using ropecheck::test::run_check;

BOOST_AUTO_TEST_SUITE(float_collision_claim)

json point(const char* dtype, int context) {
    return {{"head_dim", 128}, {"theta", "500000"}, {"dtype", dtype}, {"frequency", 1}, {"context", context}};
}

// g_1 = 1: exact arithmetic keeps 1 - cos(r) >= 1 - cos(333) up to 700 and
// 1 - cos(710) > 0 up to 1000, while float32 rounds cos(710) to 1.
BOOST_AUTO_TEST_CASE(float32_loses_the_guarantee_at_710) {
    const auto r = run_check("float-collision", point("float32", 1000));
    BOOST_TEST(to_string(r.verdict) == "certified");
    BOOST_TEST(r.evidence["first_collision_distance"].get<int>() == 710);
    BOOST_TEST(r.evidence["exact_worst_distance"].get<int>() == 710);
    const auto none = run_check("float-collision", point("float32", 700));
    BOOST_TEST(to_string(none.verdict) == "refuted");  // no collision within 700
}

BOOST_AUTO_TEST_CASE(bfloat16_separation_is_refuted_at_44) {
    auto values = point("bfloat16", 1000);
    values["control"] = "pipeline-separates";
    const auto r = run_check("float-collision", values);
    BOOST_TEST(to_string(r.verdict) == "refuted");
    BOOST_REQUIRE(r.counterexample.has_value());
    BOOST_TEST(r.counterexample->replay["inputs"]["distance"].get<int>() == 44);
}

BOOST_AUTO_TEST_CASE(bad_dtype_is_rejected) {
    BOOST_CHECK_THROW(ropecheck::test::validate_check("float-collision", point("float8", 10)), ropecheck::InvalidInput);
    // float64 is a format, not a model dtype of the pipeline: rejected before any run.
    BOOST_CHECK_THROW(ropecheck::test::validate_check("float-collision", point("float64", 10)), ropecheck::InvalidInput);
}

BOOST_AUTO_TEST_SUITE_END()
