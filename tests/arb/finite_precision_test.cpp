// The finite-precision claims' certified parts: float-collision and
// pipeline-thm-5.3 (the exact positional margin min_r 1 - cos(r g_1) and its
// argmin) and float-collision's first collision distance on g_1 = 1, decided in
// Arb from the IEEE rounding thresholds. (The pipelines' own float scores are
// MPFR emulations of IEEE formats, not enclosures; they are not re-derived here.)
#include <boost/test/unit_test.hpp>

#include <cmath>

#include "arb_rope.hpp"
#include "claim_runs.hpp"
#include "cross_check.hpp"

using namespace ropecheck;
using namespace ropecheck::arbcheck;

namespace {

struct Margin {
    std::int64_t argmin = 0;
    Ball value;
    bool certified = false;
};

// min over 1 <= r <= n of 1 - cos(r g): every r screened in double (error below
// 1e-10 for r g <= 10^6; screen 1e-8), the candidates evaluated in Arb.
Margin positional_margin(const Ball& g, std::int64_t n) {
    const double gd = g.mid();
    const auto approx = [&](std::int64_t r) {
        const double h = std::sin(static_cast<double>(r) * gd / 2);
        return 2 * h * h;  // 1 - cos t = 2 sin^2(t/2), accurate near 0
    };
    double best = INFINITY;
    for (std::int64_t r = 1; r <= n; ++r) best = std::min(best, approx(r));
    std::vector<std::pair<std::int64_t, Ball>> candidates;
    for (std::int64_t r = 1; r <= n; ++r)
        if (approx(r) <= best + 1e-8) candidates.emplace_back(r, sub(Ball::integer(1), cos(mul_si(g, r))));
    Margin m;
    std::size_t best_i = 0;
    for (std::size_t i = 1; i < candidates.size(); ++i)
        if (arf_cmp(arb_midref(candidates[i].second.get()), arb_midref(candidates[best_i].second.get())) < 0) best_i = i;
    m.argmin = candidates[best_i].first;
    m.value = candidates[best_i].second;
    m.certified = true;
    for (std::size_t i = 0; i < candidates.size(); ++i)
        if (i != best_i && !certainly_less(m.value, candidates[i].second)) m.certified = false;
    return m;
}

// Smallest real c <= 1 that the pipeline rounds to exactly 1: cos in float32
// (round to nearest even; 1 - 2^-25 is the midpoint below 1), then cast to the
// dtype (bfloat16: midpoint 1 - 2^-9 below 1; float16: 1 - 2^-12). A float32 value
// at such a midpoint rounds up to 1 (1's significand is even), and the float32
// midpoint just below it, 2^-25 lower, rounds up to it (its last bit is 0).
Ball collision_threshold(const std::string& dtype) {
    const auto two_to = [](int e) {
        Ball b = Ball::integer(1);
        arb_mul_2exp_si(b.get(), b.get(), e);
        return b;
    };
    const Ball one = Ball::integer(1);
    if (dtype == "float32") return sub(one, two_to(-25));
    if (dtype == "bfloat16") return sub(sub(one, two_to(-9)), two_to(-25));
    if (dtype == "float16") return sub(sub(one, two_to(-12)), two_to(-25));
    throw std::invalid_argument("dtype " + dtype);
}

// The least r <= n whose cos(r) (angle r * 1.0f = r exactly in float32 for
// r < 2^24) the pipeline rounds to 1; 0 when none, -1 when Arb cannot decide.
std::int64_t first_collision_on_g1(const std::string& dtype, std::int64_t n) {
    const Ball t = collision_threshold(dtype);
    for (std::int64_t r = 1; r <= n; ++r) {
        const Ball c = cos(Ball::integer(r));
        if (certainly_less_equal(t, c)) return r;
        if (!certainly_less(c, t)) return -1;
    }
    return 0;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(arb_finite_precision)

BOOST_AUTO_TEST_CASE(float_collision_agrees) {
    const auto instances = ci_instances("float-collision", "claim", [](const core::Parameters& p) {
        return (p.integer("head_dim") == 128 && p.decimal("theta") == "10000") ||
               (p.integer("head_dim") == 256 && p.decimal("theta") == "500000" && p.text("dtype") == "bfloat16");
    });
    BOOST_TEST(instances.size() == 4u);
    for (const auto& instance : instances) {
        const auto& p = instance.params;
        const auto result = run_instance(instance);
        BOOST_TEST_CONTEXT(describe(instance)) {
            BOOST_TEST(to_string(result.verdict) == "certified");
            BOOST_REQUIRE(p.integer("frequency") == 1);
            const Ball g = theta_power(p.decimal("theta"), 0, p.small_integer("head_dim"));  // g_1 = 1
            const Margin m = positional_margin(g, p.integer("context"));
            BOOST_TEST(m.certified);
            const std::string where = describe(instance);
            expect_same("float-collision", "exact worst distance", where, m.argmin,
                        result.evidence["exact_worst_distance"].get<std::int64_t>());
            expect_agree_text("float-collision", "exact margin min 1 - cos(r g_1)", where, m.value,
                              text(result.evidence["exact_margin"]));
            BOOST_TEST(text(result.evidence["float32_inv_freq"]) == "0x1p+0");
            const std::int64_t r = first_collision_on_g1(p.text("dtype"), p.integer("context"));
            BOOST_TEST(r > 0);
            expect_same("float-collision", "first collision distance (IEEE thresholds)", where, r,
                        result.evidence["first_collision_distance"].get<std::int64_t>());
        }
    }
}

BOOST_AUTO_TEST_CASE(pipeline_thm_5_3_exact_margin_agrees) {
    const auto instances = ci_instances("pipeline-thm-5.3", "claim", [](const core::Parameters& p) {
        return intended_pipeline(p) && p.integer("head_dim") == 64 && p.decimal("theta") == "10000" &&
               p.text("dtype") != "float32";
    });
    for (const auto& instance : instances) {
        const auto result = run_instance(instance);
        BOOST_TEST(to_string(result.verdict) == "certified");
        const Margin m = positional_margin(theta_power("10000", 0, 64), instance.params.integer("context"));
        expect_same("pipeline-thm-5.3", "exact worst distance", describe(instance), m.argmin,
                    result.evidence["exact_worst_distance"].get<std::int64_t>());
        expect_agree_text("pipeline-thm-5.3", "exact margin min 1 - cos(r g_1)", describe(instance), m.value,
                          text(result.evidence["exact_margin"]));
    }
}

BOOST_AUTO_TEST_CASE(perturbed_margin_and_threshold_are_caught) {
    const auto instance = ci_instances("float-collision", "claim", [](const core::Parameters& p) {
        return p.integer("head_dim") == 128 && p.decimal("theta") == "10000" && p.text("dtype") == "bfloat16";
    }).front();
    const auto result = run_instance(instance);
    const std::int64_t worst = result.evidence["exact_worst_distance"].get<std::int64_t>();
    expect_disjoint("margin: 1 - cos(r g_1) (r + 1)", describe(instance),
                    sub(Ball::integer(1), cos(Ball::integer(worst + 1))),
                    from_enclosure_text(text(result.evidence["exact_margin"])));
    // The float32 threshold for bfloat16 (710 instead of 44) must be told apart.
    count_case("perturbation self-test", "collision distance (float32 threshold for bfloat16)");
    const std::int64_t r = result.evidence["first_collision_distance"].get<std::int64_t>();
    BOOST_TEST(first_collision_on_g1("float32", 100000) != r);
}

BOOST_AUTO_TEST_SUITE_END()
