#include <boost/test/unit_test.hpp>

#include "claim_test_support.hpp"
#include "ropecheck/numeric/invalid_input.hpp"

using ropecheck::core::json;
using ropecheck::test::run_check;

BOOST_AUTO_TEST_SUITE(prope_identities)

BOOST_AUTO_TEST_CASE(identities_are_certified_across_p) {
    for (const char* p : {"0", "0.25", "0.5", "0.75", "1"}) {
        const auto r = run_check("prope-identities", {{"head_dim", 64}, {"theta", "10000"}, {"p", p}, {"window", 16}});
        BOOST_TEST_CONTEXT("p = " << p) {
            BOOST_TEST(to_string(r.verdict) == "certified");
            BOOST_TEST(r.message.find("kept pairs") != std::string::npos);
        }
    }
}

BOOST_AUTO_TEST_CASE(kept_pair_counts_follow_floor_p_d_over_2) {
    // d = 256: p = 0.75 keeps 96, p = 0.25 keeps 32 (floor(p d / 2)); d = 20, p = 0.3 keeps 3.
    const auto a = run_check("prope-identities", {{"head_dim", 256}, {"theta", "10000"}, {"p", "0.75"}, {"window", 4}});
    const auto b = run_check("prope-identities", {{"head_dim", 256}, {"theta", "10000"}, {"p", "0.25"}, {"window", 4}});
    const auto c = run_check("prope-identities", {{"head_dim", 20}, {"theta", "10000"}, {"p", "0.3"}, {"window", 4}});
    BOOST_TEST(a.evidence["kept_pairs"].get<int>() == 96);
    BOOST_TEST(b.evidence["kept_pairs"].get<int>() == 32);
    BOOST_TEST(c.evidence["kept_pairs"].get<int>() == 3);
    BOOST_TEST(to_string(c.verdict) == "certified");
}

BOOST_AUTO_TEST_CASE(neox_partial_is_refuted_as_equal_to_prope) {
    const auto r = run_check("prope-identities", {{"head_dim", 64}, {"theta", "10000"}, {"p", "0.5"}, {"window", 16},
                                                   {"control", "neox-equals-prope"}});
    BOOST_TEST(to_string(r.verdict) == "refuted");
    BOOST_REQUIRE(r.counterexample.has_value());
    BOOST_TEST(r.counterexample->replay["inputs"]["distance"].get<int>() >= 1);
    BOOST_TEST(r.evidence["neox_rotary_dim"].get<int>() == 32);
}

// The perturbation controls run the identities on a perturbed schedule: every instance is
// refuted by a certain failure of the kept-frequency identity at g_1 (reversed: 0 instead of
// 1; one chunk off: theta^(-2/d) instead of 1).
BOOST_AUTO_TEST_CASE(perturbed_schedules_fail_the_identities) {
    for (int d : {8, 64})
        for (const char* p : {"0.25", "0.5", "0.75"}) {
            const json base = {{"head_dim", d}, {"theta", "10000"}, {"p", p}, {"window", 8}};
            json reversed = base, shifted = base;
            reversed["control"] = "reversed-is-prope";
            shifted["control"] = "exponent-off-by-one";
            const auto a = run_check("prope-identities", reversed);
            const auto b = run_check("prope-identities", shifted);
            BOOST_TEST_CONTEXT("d = " << d << ", p = " << p) {
                BOOST_TEST(to_string(a.verdict) == "refuted");
                BOOST_TEST(to_string(b.verdict) == "refuted");
                BOOST_TEST(a.message.find("kept g_1 = [0") == 0u, a.message);
                BOOST_TEST(b.message.find("kept g_1 = ") == 0u, b.message);
                BOOST_TEST(a.evidence["schedule_under_test"].get<std::string>().find("reversed") != std::string::npos);
            }
        }
}

BOOST_AUTO_TEST_CASE(controls_reject_points_where_nothing_is_perturbed) {
    using ropecheck::InvalidInput;
    using ropecheck::test::validate_check;
    for (const char* control : {"reversed-is-prope", "exponent-off-by-one"})
        for (const json& point : {json{{"head_dim", 8}, {"p", "0"}}, json{{"head_dim", 8}, {"p", "1"}},
                                  json{{"head_dim", 2}, {"p", "0.5"}}}) {
            json p = point;
            p["theta"] = "10000";
            p["window"] = 4;
            p["control"] = control;
            BOOST_CHECK_THROW(validate_check("prope-identities", p), InvalidInput);
        }
    // NeoX with rotary_dim = floor(0.25 * 8) = 2 equals p-RoPE: not a point of that control.
    BOOST_CHECK_THROW(validate_check("prope-identities", {{"head_dim", 8}, {"theta", "10000"}, {"p", "0.25"},
                                                          {"window", 4}, {"control", "neox-equals-prope"}}),
                      InvalidInput);
}

BOOST_AUTO_TEST_CASE(p_outside_unit_interval_is_rejected) {
    using ropecheck::InvalidInput;
    using ropecheck::test::validate_check;
    BOOST_CHECK_THROW(validate_check("prope-identities", {{"head_dim", 8}, {"theta", "100"}, {"p", "1.25"}, {"window", 4}}),
                      InvalidInput);
    BOOST_CHECK_THROW(validate_check("prope-identities", {{"head_dim", 8}, {"theta", "100"}, {"p", "-0.5"}, {"window", 4}}),
                      InvalidInput);
}

BOOST_AUTO_TEST_SUITE_END()
