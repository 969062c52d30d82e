#include <boost/test/unit_test.hpp>

#include <cmath>

#include "claim_test_support.hpp"
#include "ropecheck/numeric/invalid_input.hpp"

using ropecheck::core::json;
using ropecheck::test::run_check;

BOOST_AUTO_TEST_SUITE(fig_2)

json grid(int d = 256, const std::string& theta = "10000") {
    return {{"head_dim", d},         {"theta", theta},           {"max_distance", 5000},
            {"stride", 100},         {"samples", 12},            {"early_end", 1000},
            {"late_start", 4000},    {"decay_ratio_max", "0.5"}, {"trend_alpha", "0.001"}};
}

BOOST_AUTO_TEST_CASE(all_ones_decays_and_gaussian_has_no_trend) {
    const auto r = run_check("fig-2", grid());
    BOOST_TEST(to_string(r.verdict) == "holds");
    BOOST_TEST(r.evidence["all_ones_decay_ratio"].get<double>() < 0.5);
    BOOST_TEST(std::abs(r.evidence["gaussian_trend_t"].get<double>()) <
               r.evidence["gaussian_trend_t_threshold"].get<double>());
    const json& curves = r.evidence["curves"];
    BOOST_TEST(curves["distances"].size() == 51u);  // 0, 100, .., 5000
    for (const char* name : {"all_ones", "gaussian_single_draw", "gaussian_mean", "gaussian_mean_abs"})
        BOOST_TEST(curves[name].size() == 51u, name);
    BOOST_TEST(curves["all_ones"][0].get<double>() == 1.0);  // normalised by its value at 0
}

// The stored all-ones curve is (2/d) sum_k cos(r g_k), recomputed here independently.
BOOST_AUTO_TEST_CASE(stored_all_ones_curve_is_the_normalised_sum) {
    const auto r = run_check("fig-2", grid(1024));
    const json& curves = r.evidence["curves"];
    for (std::size_t i = 0; i < curves["distances"].size(); i += 7) {
        const double distance = curves["distances"][i].get<double>();
        double s = 0;
        for (int k = 0; k < 512; ++k) s += std::cos(distance * std::pow(10000.0, -2.0 * k / 1024));
        BOOST_TEST(std::abs(curves["all_ones"][i].get<double>() - s / 512) < 1e-6);
    }
}

// The pinned all-ones values: the kernel's double curve against the second route, and
// the second route's values at d = 1024 are mpmath's (docs/claims-group-a.md).
BOOST_AUTO_TEST_CASE(all_ones_curve_is_pinned_to_its_reference) {
    const auto r = run_check("fig-2", grid(1024));
    const json& pins = r.evidence["pinned_all_ones"];
    BOOST_TEST(pins.size() == 13u);  // r = 1, 100, 0, 500, .., 5000
    for (const json& pin : pins) {
        const auto distance = pin["r"].get<int>();
        if (distance == 100) {
            BOOST_TEST(std::abs(pin["kernel"].get<double>() - 0.4367963435440824) < 1e-9);
            BOOST_TEST(pin["reference"].get<std::string>().find("4.36796343544082") != std::string::npos);
        }
        if (distance == 5000) BOOST_TEST(std::abs(pin["kernel"].get<double>() + 0.01043351115562483) < 1e-9);
    }
}

// Perturbation controls, each refuted by the criterion it perturbs.
BOOST_AUTO_TEST_CASE(nope_schedule_does_not_decay) {
    json p = grid();
    p["control"] = "nope-schedule";
    const auto r = run_check("fig-2", p);
    BOOST_TEST(to_string(r.verdict) == "refuted");
    BOOST_REQUIRE(r.counterexample.has_value());
    BOOST_TEST(r.counterexample->kind == "the all-ones curve does not decay");
    BOOST_TEST(r.evidence["all_ones_decay_ratio"].get<double>() == 1.0);  // f(r) = 1 exactly
}

// A trend injected into the Gaussian curve (the key scaled by 1 + r / max) fires the t test.
BOOST_AUTO_TEST_CASE(injected_trend_fires_the_t_test) {
    json p = grid();
    p["control"] = "growing-key";
    const auto r = run_check("fig-2", p);
    BOOST_TEST(to_string(r.verdict) == "refuted");
    BOOST_REQUIRE(r.counterexample.has_value());
    BOOST_TEST(r.counterexample->kind == "statistical trend with distance");
    BOOST_TEST(r.evidence["gaussian_trend_t"].get<double>() > r.evidence["gaussian_trend_t_threshold"].get<double>());
    BOOST_TEST(r.evidence["all_ones_decay_ratio"].get<double>() < 0.5);  // the all-ones side still decays
}

BOOST_AUTO_TEST_CASE(gaussian_decay_is_refuted) {
    json p = grid();
    p["control"] = "gaussian-decays";
    const auto r = run_check("fig-2", p);
    BOOST_TEST(to_string(r.verdict) == "refuted");
    BOOST_REQUIRE(r.counterexample.has_value());
    BOOST_TEST(r.counterexample->kind == "the Gaussian curve does not decay");
    BOOST_TEST(r.counterexample->replay["inputs"]["ratio"].get<double>() > 0.5);
}

// With theta = 500000 the lowest frequencies barely turn within 5000 tokens: the all-ones
// curve keeps about 0.6 of its early mean, so the decay criterion fails (claim refuted).
BOOST_AUTO_TEST_CASE(all_ones_at_large_theta_does_not_decay_by_5000) {
    const auto r = run_check("fig-2", grid(256, "500000"));
    BOOST_TEST(to_string(r.verdict) == "refuted");
    BOOST_REQUIRE(r.counterexample.has_value());
    BOOST_TEST(r.counterexample->kind == "the all-ones curve does not decay");
    BOOST_TEST(r.evidence["all_ones_decay_ratio"].get<double>() > 0.5);
}

BOOST_AUTO_TEST_CASE(same_seed_same_curves) {
    const auto a = run_check("fig-2", grid());
    const auto b = run_check("fig-2", grid());
    const auto c = run_check("fig-2", grid(), 128, 2);
    BOOST_TEST(a.evidence.dump() == b.evidence.dump());
    BOOST_TEST(a.evidence["curves"]["gaussian_single_draw"].dump() !=
               c.evidence["curves"]["gaussian_single_draw"].dump());
    BOOST_TEST(a.evidence["curves"]["all_ones"].dump() == c.evidence["curves"]["all_ones"].dump());
}

BOOST_AUTO_TEST_CASE(bad_parameters_are_rejected) {
    using ropecheck::InvalidInput;
    using ropecheck::test::validate_check;
    auto with = [](const char* key, json value) {
        json p = grid();
        p[key] = std::move(value);
        return p;
    };
    BOOST_CHECK_THROW(validate_check("fig-2", with("head_dim", 255)), InvalidInput);
    BOOST_CHECK_THROW(validate_check("fig-2", with("stride", 0)), InvalidInput);
    BOOST_CHECK_THROW(validate_check("fig-2", with("stride", 1000)), InvalidInput);  // < 11 points
    BOOST_CHECK_THROW(validate_check("fig-2", with("late_start", 900)), InvalidInput);
    BOOST_CHECK_THROW(validate_check("fig-2", with("decay_ratio_max", "1.5")), InvalidInput);
    BOOST_CHECK_THROW(validate_check("fig-2", with("trend_alpha", "0")), InvalidInput);
    BOOST_CHECK_THROW(validate_check("fig-2", with("samples", 1)), InvalidInput);
    BOOST_CHECK_THROW(validate_check("fig-2", with("control", "decays")), InvalidInput);
    BOOST_CHECK_THROW(validate_check("fig-2", with("pin_tolerance", "0")), InvalidInput);
    BOOST_CHECK_THROW(validate_check("fig-2", with("theta", "0.5")), InvalidInput);
}

BOOST_AUTO_TEST_SUITE_END()
