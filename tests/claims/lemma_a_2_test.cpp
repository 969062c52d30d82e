#include <boost/test/unit_test.hpp>

#include <mpfr.h>

#include <string>
#include <tuple>

#include "claim_test_support.hpp"
#include "ropecheck/numeric/invalid_input.hpp"

using ropecheck::core::json;
using ropecheck::test::run_check;

namespace {

json lemma_a_2_point(const char* turns, const char* gap = "0.05", long max_length = 20000) {
    return {{"head_dim", 2},          {"theta", "10000"},       {"gap", gap},
            {"max_length", max_length}, {"turns", turns},       {"perturbation", "1e-9"},
            {"control", "near-rational"}};
}

bool lemma_a_2_rejects(const json& values, const std::string& name) {
    try {
        ropecheck::test::validate_check("lemma-a.2", values);
    } catch (const ropecheck::InvalidInput& e) {
        return std::string(e.what()).find(name) != std::string::npos;
    }
    return false;
}

// "[lo, hi]" as two doubles.
std::pair<double, double> enclosure(const std::string& text) {
    const auto comma = text.find(',');
    return {std::stod(text.substr(1, comma - 1)), std::stod(text.substr(comma + 1))};
}

}  // namespace

BOOST_AUTO_TEST_SUITE(lemma_a_2)

// g = 1, delta = 0.5: the points r mod 2 pi for r <= 17 still leave the gap
// 7 - 2 pi = 0.7168..; r = 18 splits it, the largest gap drops to 0.4336.. (checked
// independently with mpmath), so N(0.5) = 18.
BOOST_AUTO_TEST_CASE(g1_is_half_radian_dense_from_18) {
    const auto r = run_check("lemma-a.2", {{"head_dim", 2}, {"theta", "10000"}, {"gap", "0.5"}, {"max_length", 1000}});
    BOOST_TEST(to_string(r.verdict) == "certified");
    const json& lengths = r.evidence["least_lengths"];
    BOOST_REQUIRE(lengths.size() == 1u);
    BOOST_TEST(lengths[0]["least_length_continued_fraction"].get<int>() == 18);
    BOOST_TEST(lengths[0]["least_length_insertion"].get<int>() == 18);
    // The tighter side: 0.5 - 0.43362938.. = 0.06637.. at N = 18.
    BOOST_TEST(r.margin->where == "k = 1, N = N(delta) = 18");
    BOOST_TEST(r.margin->lower.rfind("6.637061", 0) == 0);
}

BOOST_AUTO_TEST_CASE(stride_checks_the_stated_frequencies_and_the_lowest) {
    const auto r = run_check("lemma-a.2", {{"head_dim", 16}, {"theta", "10000"}, {"gap", "0.05"},
                                           {"max_length", 100000}, {"stride", 3}});
    BOOST_TEST(to_string(r.verdict) == "certified");
    const std::vector<int> expected{1, 4, 7, 8};
    BOOST_TEST(r.evidence["frequencies_checked"].get<std::vector<int>>() == expected, boost::test_tools::per_element());
    // The slowest frequency (g_8 = 10^-3.5, about 19,869 tokens per turn) needs most of a
    // turn: N = 19712 (an independent mpmath sort gives largest gaps 0.050020.. at 19711
    // and 0.049704.. at 19712).
    BOOST_TEST(r.evidence["least_lengths"].back()["least_length_insertion"].get<long>() == 19712);
    BOOST_TEST(r.evidence["least_lengths"].back()["least_length_continued_fraction"].get<long>() == 19712);
}

// The pins (an independent 40-digit mpmath insertion, docs/claims-group-b.md):
// N(delta) of g = 1 for delta = 0.05 and 0.005, whatever theta is.
BOOST_AUTO_TEST_CASE(g1_least_lengths_are_the_pinned_ones) {
    for (const auto& [gap, n] : std::vector<std::pair<const char*, long>>{{"0.05", 288}, {"0.005", 46482}}) {
        const auto r = run_check("lemma-a.2", {{"head_dim", 2}, {"theta", "500000"}, {"gap", gap}, {"max_length", 100000}});
        BOOST_TEST_CONTEXT("delta = " << gap) {
            BOOST_TEST(to_string(r.verdict) == "certified");
            BOOST_TEST(r.evidence["least_lengths"][0]["least_length_insertion"].get<long>() == n);
            BOOST_TEST(r.evidence["pinned_g1_least_length"].get<long>() == n);
        }
    }
}

// Every instance of the negative's grid (3/7 and 17/113, delta = 0.05, M = 20000)
// is refuted by both methods, and the largest gap at M is 2 pi / q - D eps with
// D = 19994 and 19868, the values an mpmath sort of the 20001 points gives.
BOOST_AUTO_TEST_CASE(near_rational_stays_coarse_up_to_max_length) {
    for (const auto& [turns, q, d] : std::vector<std::tuple<const char*, long, long>>{{"3/7", 7, 19994}, {"17/113", 113, 19868}}) {
        const auto r = run_check("lemma-a.2", lemma_a_2_point(turns));
        BOOST_TEST_CONTEXT("turns = " << turns) {
            BOOST_TEST(to_string(r.verdict) == "refuted");
            BOOST_TEST(r.evidence["least_length_continued_fraction"].is_null());
            BOOST_TEST(r.evidence["least_length_insertion"].is_null());
            BOOST_REQUIRE(r.counterexample.has_value());
            BOOST_TEST(r.counterexample->replay["inputs"]["length"].get<long>() == 20000);
            mpfr_t x;
            mpfr_init2(x, 200);
            mpfr_const_pi(x, MPFR_RNDN);
            mpfr_mul_ui(x, x, 2, MPFR_RNDN);
            mpfr_div_ui(x, x, static_cast<unsigned long>(q), MPFR_RNDN);
            const double expected = mpfr_get_d(x, MPFR_RNDN) - static_cast<double>(d) * 1e-9;
            mpfr_clear(x);
            const auto [lo, hi] = enclosure(r.evidence["largest_gap_at_max"].get<std::string>());
            BOOST_TEST(lo <= expected * (1 + 1e-13));
            BOOST_TEST(hi >= expected * (1 - 1e-13));
            BOOST_TEST(r.margin->lower.front() != '-');
        }
    }
}

BOOST_AUTO_TEST_CASE(too_short_is_refuted_one_point_before) {
    const auto r = run_check("lemma-a.2", {{"head_dim", 8}, {"theta", "10000"}, {"gap", "0.5"}, {"max_length", 100000},
                                           {"control", "too-short"}});
    BOOST_TEST(to_string(r.verdict) == "refuted");
    BOOST_REQUIRE(r.counterexample.has_value());
    BOOST_TEST(r.counterexample->replay["inputs"]["frequency_index"].get<int>() == 1);
    BOOST_TEST(r.counterexample->replay["inputs"]["length"].get<int>() == 17);
    BOOST_TEST(r.margin->lower.front() == '-');
}

// Beyond the budget, and a delta equal to a gap, are inconclusive, never a pass.
BOOST_AUTO_TEST_CASE(undecidable_instances_are_inconclusive) {
    const auto short_budget =
        run_check("lemma-a.2", {{"head_dim", 8}, {"theta", "10000"}, {"gap", "0.5"}, {"max_length", 1000}});
    BOOST_TEST(to_string(short_budget.verdict) == "inconclusive");
    BOOST_TEST(short_budget.message.find("raise max_length") != std::string::npos);
    const auto exact_tie = run_check("lemma-a.2", {{"head_dim", 2}, {"theta", "10000"}, {"gap", "1"}, {"max_length", 1000}});
    BOOST_TEST(to_string(exact_tie.verdict) == "inconclusive");
}

BOOST_AUTO_TEST_CASE(bad_parameters_are_rejected) {
    using ropecheck::InvalidInput;
    using ropecheck::test::validate_check;
    const json base{{"head_dim", 8}, {"theta", "10000"}, {"gap", "0.5"}, {"max_length", 100}};
    auto with = [&base](const char* key, json value) {
        json p = base;
        p[key] = std::move(value);
        return p;
    };
    BOOST_CHECK_NO_THROW(validate_check("lemma-a.2", base));
    BOOST_CHECK_THROW(validate_check("lemma-a.2", with("gap", "0")), InvalidInput);
    BOOST_CHECK_THROW(validate_check("lemma-a.2", with("gap", "6.3")), InvalidInput);
    BOOST_CHECK_THROW(validate_check("lemma-a.2", with("max_length", 0)), InvalidInput);
    BOOST_CHECK_THROW(validate_check("lemma-a.2", with("max_length", 20000000)), InvalidInput);
    BOOST_CHECK_THROW(validate_check("lemma-a.2", with("stride", 0)), InvalidInput);
    BOOST_CHECK_THROW(validate_check("lemma-a.2", with("control", "shorter")), InvalidInput);
    BOOST_TEST(lemma_a_2_rejects(with("gap", "abc"), "gap"));
    BOOST_CHECK_NO_THROW(validate_check("lemma-a.2", lemma_a_2_point("3/7")));
    // 17/113 leaves gaps of 2 pi / 113 = 0.0556: delta = 0.5 would be reached at once.
    BOOST_TEST(lemma_a_2_rejects(lemma_a_2_point("17/113", "0.5"), "gap"));
    BOOST_TEST(lemma_a_2_rejects(lemma_a_2_point("17/113", "0.05", 100), "max_length"));  // below 2q - 1
    BOOST_TEST(lemma_a_2_rejects(lemma_a_2_point("3/9"), "turns"));
    json big = lemma_a_2_point("3/7");
    big["perturbation"] = "0.001";  // (M + q) eps = 20 > 2 pi / 7
    BOOST_TEST(lemma_a_2_rejects(big, "perturbation"));
    json stray = base;
    stray["turns"] = "3/7";
    BOOST_TEST(lemma_a_2_rejects(stray, "turns"));
}

BOOST_AUTO_TEST_SUITE_END()
