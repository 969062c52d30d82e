#include <boost/test/unit_test.hpp>

#include "claim_test_support.hpp"
#include "ropecheck/numeric/invalid_input.hpp"

using ropecheck::core::json;
using ropecheck::test::run_check;

BOOST_AUTO_TEST_SUITE(prop_5_2)

namespace {
json grid(int head_dim, const std::string& p, int model_dim = 16) {
    return {{"head_dim", head_dim}, {"theta", "10000"}, {"model_dim", model_dim}, {"p", p}};
}
}  // namespace

BOOST_AUTO_TEST_CASE(nope_ties_and_rope_separates) {
    for (int d : {2, 8, 32}) {
        for (std::uint64_t seed : {1u, 2u, 3u}) {
            const auto r = run_check("prop-5.2", grid(d, "1"), 128, seed);
            BOOST_TEST(to_string(r.verdict) == "certified");
            BOOST_TEST(r.evidence["nope_positioned_keys_2_3_identical"].get<bool>());
            BOOST_TEST(r.evidence["nope_row_sums_to_one"].get<bool>());
            BOOST_TEST(r.evidence["nope_closed_form_agrees"].get<bool>());
            BOOST_TEST(r.evidence["nope_alpha_3_3"] == r.evidence["nope_alpha_3_2"]);
            BOOST_TEST(r.evidence["nope_activations"][1] == r.evidence["nope_activations"][2]);
            BOOST_REQUIRE(r.margin.has_value());
            BOOST_TEST(r.margin->lower.front() != '-');
        }
    }
    // p-RoPE: one rotating pair is enough to separate positions 2 and 3.
    BOOST_TEST(to_string(run_check("prop-5.2", grid(4, "0.5")).verdict) == "certified");
}

// With large activations 1/2 - alpha_{3,3} = alpha_{3,1}/2 falls below 53 bits;
// the identity route must still certify, never the softmax bound alone.
BOOST_AUTO_TEST_CASE(tiny_gap_to_one_half_is_certified_through_the_identity) {
    int through_identity = 0;
    // model_dim = 1: a_{3,j} = x_1 x_j (w_q . w_k), a heavy-tailed product, so
    // logit gaps beyond 37 (exp(-37) < 2^-53) come up within a few seeds.
    for (std::uint64_t seed = 1; seed <= 40; ++seed) {
        const auto r = run_check("prop-5.2", grid(256, "1", 1), 53, seed);
        BOOST_TEST(to_string(r.verdict) == "certified");
        if (r.evidence["below_half_by"] == "identity alpha_{3,1} / 2") ++through_identity;
    }
    BOOST_TEST(through_identity > 0);
}

// The perturbation: x_3 = x_1 + 2^-10 u, no longer two equal tokens. The kernel
// with the NoPE schedule must separate a_{3,3} from a_{3,2} on every draw.
BOOST_AUTO_TEST_CASE(perturbed_token_breaks_the_tie) {
    for (int d : {4, 16, 64}) {
        for (std::uint64_t seed : {1u, 2u, 3u, 4u}) {
            json values = grid(d, "1", 32);
            values["control"] = "perturbed-token";
            const auto r = run_check("prop-5.2", values, 128, seed);
            BOOST_TEST_CONTEXT("d = " << d << ", seed = " << seed) {
                BOOST_TEST(to_string(r.verdict) == "refuted");
                BOOST_REQUIRE(r.counterexample.has_value());
                BOOST_TEST(r.counterexample->kind == "no tie: the tokens at positions 2 and 3 differ");
                BOOST_TEST(r.counterexample->replay["inputs"]["perturbation_log2"].get<int>() == -10);
                BOOST_TEST(r.evidence["nope_alpha_3_3"] != r.evidence["nope_alpha_3_2"]);
            }
        }
    }
}

BOOST_AUTO_TEST_CASE(claim_for_rope_is_refuted_by_the_construction) {
    for (const std::string eps : {"0.25", "0.01"}) {
        json values = grid(8, "1");
        values["control"] = "claim-for-rope";
        values["epsilon"] = eps;
        const auto r = run_check("prop-5.2", values);
        BOOST_TEST(to_string(r.verdict) == "refuted");
        BOOST_REQUIRE(r.counterexample.has_value());
        BOOST_TEST(r.counterexample->replay["inputs"]["epsilon"].get<std::string>() == eps);
        BOOST_TEST(r.evidence["diagonal"]["probe_certified"].get<bool>());
        BOOST_TEST(r.evidence["previous-token"]["probe_certified"].get<bool>());
        BOOST_REQUIRE(r.margin.has_value());
        BOOST_TEST(r.margin->lower.front() != '-');
    }
}

BOOST_AUTO_TEST_CASE(bad_parameters_are_rejected) {
    using ropecheck::InvalidInput;
    using ropecheck::test::validate_check;
    BOOST_CHECK_THROW(validate_check("prop-5.2", grid(4, "0.25")), InvalidInput);  // keeps no frequency
    BOOST_CHECK_THROW(validate_check("prop-5.2", grid(7, "1")), InvalidInput);
    BOOST_CHECK_THROW(validate_check("prop-5.2", grid(8, "1", 0)), InvalidInput);
    json half = grid(8, "1");
    half["epsilon"] = "0.5";
    BOOST_CHECK_THROW(validate_check("prop-5.2", half), InvalidInput);
    json control = grid(8, "1");
    control["control"] = "claim-for-nope";
    BOOST_CHECK_THROW(validate_check("prop-5.2", control), InvalidInput);
    BOOST_CHECK_THROW(validate_check("prop-5.2", grid(8, "1.5")), InvalidInput);
    BOOST_CHECK_THROW(validate_check("prop-5.2", {{"head_dim", 8}, {"theta", "0.5"}, {"model_dim", 16}}), InvalidInput);
}

BOOST_AUTO_TEST_SUITE_END()
