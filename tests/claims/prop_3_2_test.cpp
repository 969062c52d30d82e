#include <boost/test/unit_test.hpp>

#include <cmath>

#include "claim_test_support.hpp"
#include "ropecheck/numeric/invalid_input.hpp"

using ropecheck::core::json;
using ropecheck::test::run_check;

BOOST_AUTO_TEST_SUITE(prop_3_2)

json grid(const std::string& correlation = "0", const std::string& control = "none", int d = 8) {
    return {{"head_dim", d},        {"theta", "10000"},          {"max_distance", 1000},
            {"distance_step", 100}, {"samples", 1500},           {"correlation", correlation},
            {"key_offset", 100},    {"control", control}};
}

// E[a(r)] = 2c sum_k cos((r - r0) g_k), written out here from the derivation with
// std::pow frequencies (docs/claims-group-a.md).
double derived_mean(double c, int d, double r, double r0) {
    double t = 0;
    for (int k = 0; k < d / 2; ++k) t += 2 * std::cos((r - r0) * std::pow(10000.0, -2.0 * k / d));
    return c * t;
}

BOOST_AUTO_TEST_CASE(independent_pairs_hold_with_the_paper_moments) {
    const auto r = run_check("prop-3.2", grid());
    BOOST_TEST(to_string(r.verdict) == "holds");
    BOOST_TEST(r.evidence["trace_identity_certified"].get<bool>());
    BOOST_TEST(r.evidence["trend_tested"].get<bool>());
    BOOST_TEST(r.evidence["bonferroni_tests"].get<int>() == 2 * 11 + 1);
    for (const json& row : r.evidence["per_distance"]) {
        BOOST_TEST(row["exact_mean"].get<double>() == 0.0);
        BOOST_TEST(row["exact_second_moment"].get<double>() == 8.0);  // E[a^2] = d
    }
}

// c = 0.5, r0 = 100: the exact moments follow the frequencies and the samples follow them.
BOOST_AUTO_TEST_CASE(correlated_pairs_follow_the_exact_moments) {
    const auto r = run_check("prop-3.2", grid("0.5"));
    BOOST_TEST(to_string(r.verdict) == "holds", r.message);
    BOOST_TEST(!r.evidence["trend_tested"].get<bool>());
    for (const json& row : r.evidence["per_distance"]) {
        const double distance = row["r"].get<double>();
        BOOST_TEST(row["exact_mean"].get<double>() == derived_mean(0.5, 8, distance, 100),
                   boost::test_tools::tolerance(1e-9));
        if (distance == 100) {
            // At r = r0 every cos t_k = 1: E[a] = c d = 4, E[a^2] = c^2 (d^2 + 2d) + (1 - c^2) d = 26.
            BOOST_TEST(row["exact_mean"].get<double>() == 4.0, boost::test_tools::tolerance(1e-12));
            BOOST_TEST(row["exact_second_moment"].get<double>() == 26.0, boost::test_tools::tolerance(1e-12));
        }
    }
}

// Each biased generator is refuted by the statistical test it perturbs.
BOOST_AUTO_TEST_CASE(biased_generators_are_refuted_by_the_statistics) {
    for (int d : {2, 8}) {
        const auto inflated = run_check("prop-3.2", grid("0", "inflated-variance", d));
        json leak = grid("0", "leaked-correlation", d);
        leak["key_offset"] = 0;  // as in the spec: k = 0.25 q + sqrt(1 - 0.25^2) z
        const auto leaked = run_check("prop-3.2", leak);
        json trend = grid("0", "growing-key", d);
        trend["tests"] = "trend";
        const auto growing = run_check("prop-3.2", trend);
        BOOST_TEST_CONTEXT("d = " << d) {
            BOOST_TEST(to_string(inflated.verdict) == "refuted");
            BOOST_TEST(to_string(leaked.verdict) == "refuted");
            BOOST_TEST(to_string(growing.verdict) == "refuted");
            BOOST_REQUIRE(inflated.counterexample && leaked.counterexample && growing.counterexample);
            BOOST_TEST(inflated.counterexample->kind == "statistical: second moment differs from E[a(r)^2]");
            BOOST_TEST(leaked.counterexample->kind == "statistical: sample mean differs from E[a(r)]");
            BOOST_TEST(growing.counterexample->kind == "statistical trend with distance");
            // The exact reference is the unperturbed family's: E[a^2] = d, E[a] = 0.
            BOOST_TEST(inflated.evidence["per_distance"][0]["exact_second_moment"].get<double>() == d);
            BOOST_TEST(leaked.evidence["per_distance"][0]["exact_mean"].get<double>() == 0.0);
        }
    }
    // The trend test alone does not fire on the unperturbed generator.
    json flat = grid();
    flat["tests"] = "trend";
    BOOST_TEST(to_string(run_check("prop-3.2", flat).verdict) == "holds");
}

BOOST_AUTO_TEST_CASE(same_seed_same_statistics) {
    const auto a = run_check("prop-3.2", grid());
    const auto b = run_check("prop-3.2", grid());
    const auto c = run_check("prop-3.2", grid(), 128, 2);
    BOOST_TEST(a.evidence.dump() == b.evidence.dump());
    BOOST_TEST(a.evidence.dump() != c.evidence.dump());
}

BOOST_AUTO_TEST_CASE(bad_parameters_are_rejected_naming_the_parameter) {
    using ropecheck::InvalidInput;
    using ropecheck::test::validate_check;
    const std::vector<std::pair<std::string, json>> cases{
        {"head_dim", 7},           {"theta", "1"},          {"correlation", "1.5"}, {"samples", 5},
        {"distance_step", 600},    {"max_distance", -5},    {"family_alpha", "0"},  {"tests", "median"},
        {"control", "biased"}};
    for (const auto& [key, value] : cases) {
        json p = grid();
        p[key] = value;
        try {
            validate_check("prop-3.2", p);
            BOOST_ERROR(key << " = " << value.dump() << " was accepted");
        } catch (const InvalidInput& e) {
            BOOST_TEST(std::string(e.what()).find(key == "head_dim" ? "head" : key == "theta" ? "theta" : key) !=
                           std::string::npos,
                       e.what());
        }
    }
    json trend = grid("0.5");
    trend["tests"] = "trend";
    BOOST_CHECK_THROW(validate_check("prop-3.2", trend), InvalidInput);
}

BOOST_AUTO_TEST_SUITE_END()
