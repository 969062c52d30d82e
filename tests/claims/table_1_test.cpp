#include <boost/test/unit_test.hpp>
#include <mpfr.h>

#include <string>
#include <tuple>

#include "claim_test_support.hpp"
#include "ropecheck/numeric/invalid_input.hpp"

using ropecheck::core::json;
using ropecheck::test::run_check;

namespace {

json table_1_point(const char* p, int d = 64) {
    return {{"head_dim", d}, {"theta", "10000"}, {"p", p}, {"context", 32}, {"epsilon", "0.05"},
            {"robust_length", 100000}};
}

// floor(pi / (2 g)) + 1 for g = 10^4^(-(d - 2) / d), the lowest RoPE frequency,
// by MPFR at 256 bits: where its aligned channel first goes negative.
long lowest_break(int d) {
    mpfr_t g, x;
    mpfr_inits2(256, g, x, static_cast<mpfr_ptr>(nullptr));
    mpfr_set_ui(g, 10000, MPFR_RNDN);
    mpfr_set_si(x, -(d - 2), MPFR_RNDN);
    mpfr_div_ui(x, x, static_cast<unsigned long>(d), MPFR_RNDN);
    mpfr_pow(g, g, x, MPFR_RNDN);
    mpfr_const_pi(x, MPFR_RNDN);
    mpfr_div(x, x, g, MPFR_RNDN);
    mpfr_div_ui(x, x, 2, MPFR_RNDN);
    const long b = mpfr_get_si(x, MPFR_RNDD) + 1;
    mpfr_clears(g, x, static_cast<mpfr_ptr>(nullptr));
    return b;
}

bool table_1_rejects(const json& values, const std::string& name) {
    try {
        ropecheck::test::validate_check("table-1", values);
    } catch (const ropecheck::InvalidInput& e) {
        return std::string(e.what()).find(name) != std::string::npos;
    }
    return false;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(table_1)

// The paper's rows, and where each cell comes from: p = 0 has no positional
// pattern because Prop 5.2's tie holds through the kernel; p > 0 has one
// because Thm 5.3's construction does (and the tie does not).
BOOST_AUTO_TEST_CASE(rows_match_the_paper) {
    const std::vector<std::tuple<const char*, const char*, const char*>> rows{
        {"0", "yes", "no"}, {"0.25", "yes", "yes"}, {"0.75", "yes", "yes"}, {"1", "no", "yes"}};
    for (const auto& [p, semantic, positional] : rows) {
        const auto r = run_check("table-1", table_1_point(p));
        BOOST_TEST_CONTEXT("p = " << p) {
            BOOST_TEST(to_string(r.verdict) == "certified");
            BOOST_TEST(r.evidence["row"]["robust_semantic_channels"].get<std::string>() == semantic);
            BOOST_TEST(r.evidence["row"]["positional_patterns"].get<std::string>() == positional);
            const bool nope = std::string(p) == "0";
            BOOST_TEST(r.evidence["prop_5_2_tie_certified"].get<bool>() == nope);
            BOOST_TEST(r.evidence["construction_certified"].get<bool>() == !nope);
        }
    }
}

// The semantic cell counts chunks from the sweep: p = 0.25 at d = 64 keeps 8 of
// 32 frequencies; the 24 removed ones (one exact 0, swept once) never break, the
// kept ones all break within 100000 (the lowest kept, g_8, at 12: 10^4^(-14/64)
// = 0.1334.., pi / (2 g) = 11.77..).
BOOST_AUTO_TEST_CASE(semantic_cell_counts_chunks_from_the_sweep) {
    const auto r = run_check("table-1", table_1_point("0.25"));
    BOOST_TEST(r.evidence["robust_chunks"].get<int>() == 24);
    BOOST_TEST(r.evidence["breaking_chunks"].get<int>() == 8);
    BOOST_TEST(r.evidence["lowest_kept_break_distance"].get<long>() == 12);
    BOOST_TEST(r.evidence["breaks"].size() == 9u);  // 8 kept enclosures + the shared 0
    const auto rope = run_check("table-1", table_1_point("1"));
    BOOST_TEST(rope.evidence["robust_chunks"].get<int>() == 0);
    BOOST_TEST(rope.evidence["lowest_kept_break_distance"].get<long>() == lowest_break(64));
}

// The perturbation: RoPE with the length cut to one below the lowest channel's
// break. Refuted because the lowest channel is now certified robust.
BOOST_AUTO_TEST_CASE(short_length_is_refuted_by_a_robust_lowest_channel) {
    for (int d : {16, 64, 256}) {
        auto values = table_1_point("1", d);
        values["control"] = "short-length";
        const auto r = run_check("table-1", values);
        BOOST_TEST_CONTEXT("d = " << d) {
            BOOST_TEST(to_string(r.verdict) == "refuted");
            BOOST_TEST(r.evidence["robust_length"].get<long>() == lowest_break(d) - 1);
            BOOST_TEST(r.evidence["row"]["robust_semantic_channels"].get<std::string>() == "yes");
            BOOST_TEST(r.evidence["robust_chunks"].get<int>() == 1);
            BOOST_REQUIRE(r.counterexample.has_value());
            BOOST_TEST(r.counterexample->computed.find("chunk " + std::to_string(d / 2)) != std::string::npos);
        }
    }
}

// The lowest RoPE frequency for d = 64, theta = 10^4 is g = 10^4^(-62/64); its
// aligned channel first goes negative at floor(pi / (2 g)) + 1.
BOOST_AUTO_TEST_CASE(claim_rope_robust_is_refuted_where_the_closed_form_says) {
    auto values = table_1_point("1");
    values["control"] = "claim-rope-robust";
    const auto r = run_check("table-1", values);
    BOOST_TEST(to_string(r.verdict) == "refuted");
    BOOST_TEST(r.evidence["lowest_kept_break_distance"].get<long>() == lowest_break(64));
    BOOST_REQUIRE(r.counterexample.has_value());
    BOOST_TEST(r.counterexample->replay["inputs"]["lowest_kept_break_distance"].get<long>() == lowest_break(64));
}

BOOST_AUTO_TEST_CASE(bad_parameters_are_rejected) {
    auto with = [](json values, const char* key, json value) {
        values[key] = std::move(value);
        return values;
    };
    BOOST_CHECK_NO_THROW(ropecheck::test::validate_check("table-1", table_1_point("0.5")));
    BOOST_TEST(table_1_rejects(with(table_1_point("0.5"), "epsilon", "0.7"), "epsilon"));
    BOOST_TEST(table_1_rejects(with(table_1_point("0.5"), "epsilon", "0"), "epsilon"));
    BOOST_TEST(table_1_rejects(with(table_1_point("0.5"), "context", 1), "context"));
    BOOST_TEST(table_1_rejects(with(table_1_point("0.5"), "robust_length", 0), "robust_length"));
    BOOST_TEST(table_1_rejects(with(table_1_point("0.5"), "head_dim", 7), "head dimension"));
    BOOST_TEST(table_1_rejects(with(table_1_point("0.5"), "p", "1.5"), "p"));
    // p = 0.1 keeps floor(0.1 * 8) = 0 of 8 frequencies at d = 16: not a p-RoPE row.
    BOOST_TEST(table_1_rejects(table_1_point("0.1", 16), "p = 0.1"));
    BOOST_TEST(table_1_rejects(with(table_1_point("0.5"), "control", "short-length"), "p = 1"));
    BOOST_TEST(table_1_rejects(with(table_1_point("1"), "control", "long-length"), "control"));
}

BOOST_AUTO_TEST_SUITE_END()
