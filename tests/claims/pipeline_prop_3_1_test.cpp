// pipeline-prop-3.1: float32 keeps Proposition 3.1's peak, bfloat16 and float16 lose it for
// low-band queries; the shifted key is refuted at the first query position that has it.
#include <boost/test/unit_test.hpp>

#include "claim_test_support.hpp"

using ropecheck::core::json;
using ropecheck::test::expect_invalid;
using ropecheck::test::run_check;

BOOST_AUTO_TEST_SUITE(pipeline_prop_3_1)

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

BOOST_AUTO_TEST_CASE(bad_parameters_name_the_parameter) {
    auto future = peak("float32", "gaussian");
    future["target_distance"] = 3;
    expect_invalid("pipeline-prop-3.1", future, "target_distance");
    expect_invalid("pipeline-prop-3.1", peak("float32", "uniform"), "query_profile");
    auto edge = peak("float32", "gaussian", -256);
    edge["control"] = "shifted-key";  // the shifted key would sit beyond the context
    expect_invalid("pipeline-prop-3.1", edge, "target_distance");
}

BOOST_AUTO_TEST_SUITE_END()
