// base-bound and all-frequency-break as findings. The all-frequency break of
// plain RoPE (Gemma 7B as in the paper: theta = 10^4, d = 256) against a brute
// force in long double over the span, then its negative control (one distance
// short of the break: refuted). The base bound on gpt-oss's sliding layers
// (span 127) certified, and its negative control: the same group with a base
// of 200, where the brute force shows sum_k cos(r g_k) < 0 within the span.
#include <boost/test/unit_test.hpp>

#include <cmath>

#include "audit_fixture.hpp"

using namespace audit_test;

namespace {

// The least r <= limit with sum over the d/2 pairs of cos(r theta^(-2k/d)) < -1e-9, or -1;
std::int64_t brute_break(long double theta, int d, std::int64_t limit) {
    for (std::int64_t r = 1; r <= limit; ++r) {
        long double s = 0;
        for (int k = 0; k < d / 2; ++k) s += std::cos(r * std::pow(theta, -2.0L * k / d));
        if (s < -1e-9L) return r;
    }
    return -1;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(base_bound_and_all_frequency_findings)

BOOST_AUTO_TEST_CASE(all_frequency_break_matches_a_brute_force_and_one_less_refutes) {
    ropecheck::numeric::PrecisionGuard bits(128);
    const auto m = layout_of("google--gemma-7b.paper.json");
    const std::int64_t span = m.groups.front().max_distance;
    const std::int64_t expected = brute_break(10000.0L, 256, span);
    BOOST_TEST_REQUIRE(expected > 0);  // plain RoPE at 10^4 breaks within 8192
    const auto c = ask(m.groups, "all-frequency-break", 0);
    BOOST_TEST(verdict(c) == "certified");
    BOOST_TEST(evidence_of(c).at("first_break_distance").get<std::int64_t>() == expected);
    const auto shortened = ask(m.groups, "all-frequency-break", 0, expected - 1);
    BOOST_TEST(verdict(shortened) == "refuted");
}

BOOST_AUTO_TEST_CASE(base_bound_certified_on_gpt_oss_sliding_and_refuted_at_a_small_base) {
    ropecheck::numeric::PrecisionGuard bits(128);
    const auto m = layout_of("openai--gpt-oss-20b.json");
    const int sliding = group_where(m, [](const auto& g) { return g.attention == ropecheck::model::Attention::sliding; });
    BOOST_TEST_REQUIRE(m.groups[sliding].max_distance == 127);
    const auto c = ask(m.groups, "base-bound", sliding);
    BOOST_TEST(verdict(c) == "certified");
    BOOST_TEST(evidence_of(c).at("head_dim").get<int>() == 64);
    BOOST_TEST(evidence_of(c).at("context").get<int>() == 128);

    BOOST_TEST_REQUIRE(brute_break(200.0L, 64, 127) > 0);  // a base of 200 fails within the span
    auto perturbed = m.groups;
    auto& g = perturbed[static_cast<std::size_t>(sliding)];
    g.theta = "200";
    g.schedule = ropecheck::rope::FrequencySchedule::rope("200", g.head_dim);
    const auto no = ask(perturbed, "base-bound", sliding);
    BOOST_TEST(verdict(no) == "refuted");
    BOOST_TEST(no.counterexample.has_value());
}

BOOST_AUTO_TEST_SUITE_END()
