#include <boost/test/unit_test.hpp>

#include <mpfr.h>

#include <string>
#include <vector>

#include "claim_test_support.hpp"
#include "ropecheck/numeric/invalid_input.hpp"

using ropecheck::core::json;
using ropecheck::test::run_check;

namespace {

// The convergent denominators of 1 / (2 pi) up to `limit`, from a 300-bit MPFR
// continued fraction written here (a third derivation next to the claim's
// table and its two methods).
std::vector<long> convergent_denominators_of_one_over_two_pi(long limit) {
    mpfr_t x, a;
    mpfr_inits2(300, x, a, static_cast<mpfr_ptr>(nullptr));
    mpfr_const_pi(x, MPFR_RNDN);
    mpfr_mul_ui(x, x, 2, MPFR_RNDN);
    mpfr_ui_div(x, 1, x, MPFR_RNDN);  // 1 / (2 pi) = [0; 6, 3, 1, 1, 7, 2, 146, ...]
    std::vector<long> qs;
    long q_prev = 0, q = 1;  // q_{-1}, q_0
    qs.push_back(q);
    mpfr_frac(x, x, MPFR_RNDN);
    while (true) {
        mpfr_ui_div(x, 1, x, MPFR_RNDN);
        mpfr_floor(a, x);
        const long quotient = mpfr_get_si(a, MPFR_RNDN);
        mpfr_sub(x, x, a, MPFR_RNDN);
        const long next = quotient * q + q_prev;
        if (next > limit) break;
        q_prev = q;
        q = next;
        qs.push_back(q);
    }
    mpfr_clears(x, a, static_cast<mpfr_ptr>(nullptr));
    return qs;
}

json lemma_a_1_point(const char* turns, long n, const char* bound = "1e-6") {
    return {{"head_dim", 2},           {"theta", "10000"},     {"max_distance", n},
            {"turns", turns},          {"perturbation", "1e-9"}, {"claimed_bound", bound},
            {"control", "near-rational"}};
}

bool lemma_a_1_rejects(const json& values, const std::string& name) {
    try {
        ropecheck::test::validate_check("lemma-a.1", values);
    } catch (const ropecheck::InvalidInput& e) {
        return std::string(e.what()).find(name) != std::string::npos;
    }
    return false;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(lemma_a_1)

// d = 2 is the single frequency g = 1: up to N = 1000 the closest return is
// r = 710 (113 turns), |710 - 226 pi| = 6.0288706..e-5.
BOOST_AUTO_TEST_CASE(closest_return_of_g1_is_certified_at_710) {
    const auto r = run_check("lemma-a.1", {{"head_dim", 2}, {"theta", "10000"}, {"max_distance", 1000}});
    BOOST_TEST(to_string(r.verdict) == "certified");
    BOOST_REQUIRE(r.margin.has_value());
    BOOST_TEST(r.margin->where == "k = 1, r = 710");
    BOOST_TEST(r.margin->lower.rfind("6.0288706", 0) == 0);
    BOOST_TEST(r.evidence["pinned_g1"]["turns"].get<long>() == 113);
}

// The claim's pinned table against convergents computed here: at every horizon
// around each convergent both methods land on the largest denominator <= N.
BOOST_AUTO_TEST_CASE(g1_returns_at_the_convergents_of_one_over_two_pi) {
    const auto qs = convergent_denominators_of_one_over_two_pi(10'000'000);
    // The brute-force scan of r mod 2 pi, r <= 10^7 (docs/claims-group-b.md), gave these records.
    const std::vector<long> brute_force{1, 6, 19, 25, 44, 333, 710, 103993, 312689, 1980127, 2292816, 4272943};
    BOOST_TEST(qs == brute_force, boost::test_tools::per_element());
    for (long n : {5L, 6L, 43L, 44L, 332L, 333L, 709L, 103992L, 103993L, 312688L, 312689L}) {
        long expected = 1;
        for (long q : qs)
            if (q <= n) expected = q;
        const auto r = run_check("lemma-a.1", {{"head_dim", 2}, {"theta", "500000"}, {"max_distance", n}});
        BOOST_TEST_CONTEXT("N = " << n) {
            BOOST_TEST(to_string(r.verdict) == "certified");
            BOOST_TEST(r.evidence["closest_returns"][0]["r_sweep"].get<long>() == expected);
            BOOST_TEST(r.evidence["closest_returns"][0]["r_continued_fraction"].get<long>() == expected);
            BOOST_TEST(r.evidence["pinned_g1"]["r"].get<long>() == expected);
        }
    }
}

BOOST_AUTO_TEST_CASE(both_methods_agree_on_every_frequency) {
    for (const char* theta : {"10000", "500000"}) {
        const auto r = run_check("lemma-a.1", {{"head_dim", 32}, {"theta", theta}, {"max_distance", 200000}});
        BOOST_TEST_CONTEXT("theta = " << theta) {
            BOOST_TEST(to_string(r.verdict) == "certified");
            const json& returns = r.evidence["closest_returns"];
            BOOST_TEST(returns.size() == 16u);
            for (const auto& e : returns) {
                BOOST_TEST(e["r_continued_fraction"].get<long>() == e["r_sweep"].get<long>());
                BOOST_TEST(e["certified"].get<bool>());
            }
            // g_1 = 1 up to 200000: the convergent 103993 (16551 turns).
            BOOST_TEST(returns[0]["r_sweep"].get<long>() == 103993);
            // The slowest frequency turns less than once in 200000 tokens only for
            // theta = 5e5 (2 pi / g_16 = 2.9e6): then its closest return is r = 1.
            if (std::string(theta) == "500000") BOOST_TEST(returns.back()["r_sweep"].get<long>() == 1);
        }
    }
}

// The same closest return prop-3.1 finds as the hardest competitor of r* = 0.
BOOST_AUTO_TEST_CASE(agrees_with_the_hardest_competitor_of_prop_3_1) {
    const auto r = run_check("lemma-a.1", {{"head_dim", 2}, {"theta", "10000"}, {"max_distance", 400}});
    BOOST_TEST(r.margin->where == "k = 1, r = 333");
}

// Every instance of the negative's grid (ci and full: both turns, every horizon)
// is refuted at r = q with the distance q eps = 7e-9 / 1.13e-7 (an mpmath
// brute force over r <= 20000 finds the same r and distance).
BOOST_AUTO_TEST_CASE(near_rational_is_refuted_at_r_equal_q) {
    for (const auto& [turns, q] : std::vector<std::pair<const char*, long>>{{"3/7", 7}, {"17/113", 113}}) {
        for (long n : {1000L, 100000L, 1000000L}) {
            const auto r = run_check("lemma-a.1", lemma_a_1_point(turns, n));
            BOOST_TEST_CONTEXT("turns = " << turns << ", N = " << n) {
                BOOST_TEST(to_string(r.verdict) == "refuted");
                BOOST_REQUIRE(r.counterexample.has_value());
                BOOST_TEST(r.counterexample->replay["inputs"]["distance"].get<long>() == q);
                const auto& d = r.counterexample->replay["inputs"]["closest_return"];
                const double expected = static_cast<double>(q) * 1e-9;
                BOOST_TEST(std::stod(d[0].get<std::string>()) <= expected * (1 + 1e-12));
                BOOST_TEST(std::stod(d[1].get<std::string>()) >= expected * (1 - 1e-12));
                BOOST_TEST(r.evidence["closest_return"]["r_continued_fraction"].get<long>() == q);
                BOOST_TEST(r.evidence["closest_return"]["r_sweep"].get<long>() == q);
                BOOST_REQUIRE(r.margin.has_value());
                BOOST_TEST(r.margin->lower.front() != '-');
            }
        }
    }
}

// The same machinery does not refute a bound the near return respects: with the
// bound below q eps = 7e-9 the "claim" is certified, so the refutation above
// comes from the computed distance, not from the control being switched on.
BOOST_AUTO_TEST_CASE(near_rational_respects_a_bound_below_q_eps) {
    const auto r = run_check("lemma-a.1", lemma_a_1_point("3/7", 1000000, "6e-9"));
    BOOST_TEST(to_string(r.verdict) == "certified");
    BOOST_TEST(!r.counterexample.has_value());
}

BOOST_AUTO_TEST_CASE(bad_parameters_are_rejected) {
    using ropecheck::InvalidInput;
    using ropecheck::test::validate_check;
    BOOST_CHECK_THROW(validate_check("lemma-a.1", {{"head_dim", 7}, {"theta", "10000"}, {"max_distance", 10}}),
                      InvalidInput);
    BOOST_CHECK_THROW(validate_check("lemma-a.1", {{"head_dim", 8}, {"theta", "1"}, {"max_distance", 10}}),
                      InvalidInput);
    BOOST_TEST(lemma_a_1_rejects({{"head_dim", 8}, {"theta", "10000"}, {"max_distance", 0}}, "max_distance"));
    BOOST_TEST(lemma_a_1_rejects({{"head_dim", 8}, {"theta", "10000"}, {"max_distance", 20000000}}, "max_distance"));
    BOOST_TEST(lemma_a_1_rejects({{"head_dim", 8}, {"theta", "10000"}, {"max_distance", 60}, {"control", "pi"}}, "control"));
    BOOST_CHECK_NO_THROW(validate_check("lemma-a.1", lemma_a_1_point("3/7", 1000)));
    auto with = [](json values, const char* key, json value) {
        values[key] = std::move(value);
        return values;
    };
    BOOST_TEST(lemma_a_1_rejects(with(lemma_a_1_point("3/7", 1000), "turns", "3/6"), "turns"));     // not lowest terms
    BOOST_TEST(lemma_a_1_rejects(with(lemma_a_1_point("3/7", 1000), "turns", "7/3"), "turns"));     // not below one turn
    BOOST_TEST(lemma_a_1_rejects(with(lemma_a_1_point("3/7", 1000), "turns", "3:7"), "turns"));
    BOOST_TEST(lemma_a_1_rejects(with(lemma_a_1_point("3/7", 1000), "perturbation", "0"), "perturbation"));
    BOOST_TEST(lemma_a_1_rejects(with(lemma_a_1_point("3/7", 1000), "perturbation", "0.01"), "perturbation"));  // (N + q) eps too big
    BOOST_TEST(lemma_a_1_rejects(with(lemma_a_1_point("3/7", 1000), "claimed_bound", "-1e-6"), "claimed_bound"));
    BOOST_TEST(lemma_a_1_rejects(lemma_a_1_point("17/113", 100), "max_distance"));  // r = q out of range
    json missing = lemma_a_1_point("3/7", 1000);
    missing.erase("turns");
    BOOST_TEST(lemma_a_1_rejects(missing, "turns"));
    BOOST_TEST(lemma_a_1_rejects({{"head_dim", 8}, {"theta", "10000"}, {"max_distance", 60}, {"turns", "3/7"}}, "turns"));
}

BOOST_AUTO_TEST_SUITE_END()
