// float-collision: the pinned collision distances of pair 1 (710 / 44 / 44),
// re-derived here in long double from the continued fraction of 1/(2 pi) and
// each dtype's spacing below 1 (no ropecheck code involved), the claim's
// agreement with them, and every negative control refuted instance by instance.
#include <boost/test/unit_test.hpp>

#include <cmath>
#include <cstdlib>
#include <numbers>
#include <string>
#include <vector>

#include "claim_test_support.hpp"
#include "ropecheck/numeric/invalid_input.hpp"

using ropecheck::core::json;
using ropecheck::test::run_check;

BOOST_AUTO_TEST_SUITE(float_collision_claim)

namespace {

json float_collision_point(const char* dtype, int context) {
    return {{"head_dim", 128},          {"theta", "500000"},        {"dtype", dtype},
            {"frequency", 1},           {"context", context},       {"pinned_float32", 710},
            {"pinned_bfloat16", 44},    {"pinned_float16", 44}};
}

// Convergent denominators of 1/(2 pi) up to `limit`, in long double (the first
// eight partial quotients 6, 3, 1, 1, 7, 2, 146, 3 are far from ambiguous).
std::vector<long long> convergent_denominators(long long limit) {
    long double x = 1.0L / (2 * std::numbers::pi_v<long double>);
    std::vector<long long> q{1};
    long long previous = 0, current = 1;
    x = 1 / x;  // 2 pi: a_0 = 0, so the expansion of frac starts here
    while (true) {
        const auto a = static_cast<long long>(std::floor(x));
        const long long next = a * current + previous;
        if (next > limit) break;
        q.push_back(next);
        previous = current;
        current = next;
        x = 1 / (x - static_cast<long double>(a));
    }
    return q;
}

// First convergent denominator q with 1 - cos(q) <= eps(p): eps = 2^-25 for
// float32 (p = 24), 2^-(p+1) + 2^-25 for a narrower dtype.
long long expected_collision(int p) {
    const long double eps = p == 24 ? std::ldexp(1.0L, -25) : std::ldexp(1.0L, -(p + 1)) + std::ldexp(1.0L, -25);
    for (long long q : convergent_denominators(200'000))
        if (1 - std::cos(static_cast<long double>(q)) <= eps) return q;
    return 0;
}

void expect_invalid(const json& values, const std::string& parameter) {
    try {
        ropecheck::test::validate_check("float-collision", values);
        BOOST_ERROR("no InvalidInput for " + parameter);
    } catch (const ropecheck::InvalidInput& e) {
        BOOST_TEST(std::string(e.what()).find(parameter) != std::string::npos, e.what());
    }
}

}  // namespace

BOOST_AUTO_TEST_CASE(independent_derivation_gives_710_and_44) {
    BOOST_TEST((convergent_denominators(200'000) == std::vector<long long>{1, 6, 19, 25, 44, 333, 710, 103993}));
    BOOST_TEST(expected_collision(24) == 710);
    BOOST_TEST(expected_collision(8) == 44);
    BOOST_TEST(expected_collision(11) == 44);
}

BOOST_AUTO_TEST_CASE(the_scan_the_derivation_and_the_pin_agree) {
    for (const auto& [dtype, p] : std::vector<std::pair<const char*, int>>{{"float32", 24}, {"bfloat16", 8}, {"float16", 11}}) {
        const auto r = run_check("float-collision", float_collision_point(dtype, 100000));
        BOOST_TEST(to_string(r.verdict) == "certified", dtype);
        BOOST_TEST(r.evidence["first_collision_distance"].get<long long>() == expected_collision(p));
        BOOST_TEST(r.evidence["derived_collision_distance"].get<long long>() == expected_collision(p));
        BOOST_TEST(r.evidence["pinned_collision_distance"].get<long long>() == expected_collision(p));
        BOOST_TEST(r.evidence["float32_inv_freq"].get<std::string>() == "0x1p+0");
    }
    // Exact arithmetic: the closest return of r (mod 2 pi) up to 1000 is r = 710.
    const auto f32 = run_check("float-collision", float_collision_point("float32", 1000));
    BOOST_TEST(f32.evidence["exact_worst_distance"].get<int>() == 710);
}

BOOST_AUTO_TEST_CASE(context_before_the_collision_is_refuted_by_the_scan) {
    for (const auto& [dtype, context] : std::vector<std::pair<const char*, int>>{{"bfloat16", 43}, {"float16", 43}, {"float32", 709}}) {
        const auto r = run_check("float-collision", float_collision_point(dtype, context));
        BOOST_TEST(to_string(r.verdict) == "refuted", dtype);
        BOOST_TEST(r.evidence["first_collision_distance"].is_null());
        BOOST_REQUIRE(r.counterexample.has_value());
        BOOST_TEST(r.counterexample->kind == "no collision within the context");
    }
}

BOOST_AUTO_TEST_CASE(a_shifted_pin_is_refuted_at_the_true_distance) {
    auto values = float_collision_point("bfloat16", 100000);
    values["pinned_bfloat16"] = 43;
    const auto r = run_check("float-collision", values);
    BOOST_TEST(to_string(r.verdict) == "refuted");
    BOOST_REQUIRE(r.counterexample.has_value());
    BOOST_TEST(r.counterexample->kind == "the scan disagrees with the pinned collision distance");
    BOOST_TEST(r.counterexample->replay["inputs"]["distance"].get<int>() == 44);
}

BOOST_AUTO_TEST_CASE(the_complement_is_refuted_at_44) {
    auto values = float_collision_point("bfloat16", 1000);
    values["control"] = "pipeline-separates";
    const auto r = run_check("float-collision", values);
    BOOST_TEST(to_string(r.verdict) == "refuted");
    BOOST_REQUIRE(r.counterexample.has_value());
    BOOST_TEST(r.counterexample->replay["inputs"]["distance"].get<int>() == 44);
}

// Pair 2 has no continued-fraction derivation (its float32 angle is rounded):
// the pins do not apply and the claim is the existence of a collision. The
// test re-derives the distance by brute force from the reported float32
// inv_freq: hardware float32 angles, long double cos, the bfloat16 threshold
// 1 - cos <= 2^-9 + 2^-25 (README probe example: 27 at theta 10^4, d 256).
BOOST_AUTO_TEST_CASE(other_pairs_claim_existence_only) {
    json values = {{"head_dim", 256}, {"theta", "10000"}, {"dtype", "bfloat16"}, {"frequency", 2}, {"context", 1000},
                   {"pinned_bfloat16", 44}};
    const auto r = run_check("float-collision", values);
    BOOST_TEST(to_string(r.verdict) == "certified");
    BOOST_TEST(!r.evidence.contains("derived_collision_distance"));
    const auto inv = static_cast<float>(std::strtod(r.evidence["float32_inv_freq"].get<std::string>().c_str(), nullptr));
    const long double eps = std::ldexp(1.0L, -9) + std::ldexp(1.0L, -25);
    int first = 0;
    for (int distance = 1; distance <= 1000 && first == 0; ++distance) {
        const volatile float angle = static_cast<float>(distance) * inv;
        if (1 - std::cos(static_cast<long double>(angle)) <= eps) first = distance;
    }
    BOOST_TEST(first == 27);
    BOOST_TEST(r.evidence["first_collision_distance"].get<int>() == first);
}

BOOST_AUTO_TEST_CASE(bad_parameters_name_the_parameter) {
    expect_invalid(float_collision_point("float8", 10), "float8");
    expect_invalid(float_collision_point("float64", 10), "dtype");  // a format, not a model dtype of the pipeline
    auto v = float_collision_point("float32", 0);
    expect_invalid(v, "context");
    v = float_collision_point("float32", 10);
    v["pinned_float32"] = -1;
    expect_invalid(v, "pinned_float32");
    v = float_collision_point("float32", 10);
    v["frequency"] = 65;
    expect_invalid(v, "frequency");
    v = float_collision_point("float32", 10);
    v["head_dim"] = 127;
    expect_invalid(v, "head dimension");
    v = float_collision_point("float32", 10);
    v["theta"] = "1";
    expect_invalid(v, "theta");
    v = float_collision_point("float32", 10);
    v["control"] = "pipeline-collides";
    expect_invalid(v, "control");
}

BOOST_AUTO_TEST_SUITE_END()
