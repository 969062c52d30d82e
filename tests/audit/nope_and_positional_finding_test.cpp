// prop-5.2 and thm-5.3 as findings, on SmolLM3 (its config lists NoPE layers
// explicitly: every fourth layer, derived by hand in tests/model). Each is the
// other's negative control: a RoPE group asked whether it is NoPE is refuted,
// a NoPE group asked for a positional head is refuted (margin 0 at r = 1).
#include <boost/test/unit_test.hpp>

#include <cmath>

#include "audit_fixture.hpp"

using namespace audit_test;

BOOST_AUTO_TEST_SUITE(nope_and_positional_findings)

BOOST_AUTO_TEST_CASE(nope_group_is_certified_and_a_rope_group_refuted) {
    ropecheck::numeric::PrecisionGuard bits(128);
    const auto m = layout_of("HuggingFaceTB--SmolLM3-3B.json");
    const int nope = group_where(m, [](const auto& g) { return !g.rope; });
    const int rope = group_where(m, [](const auto& g) { return g.rope; });
    const auto yes = ask(m.groups, "prop-5.2", nope);
    BOOST_TEST(verdict(yes) == "certified");
    BOOST_TEST(evidence_of(yes).at("pairs_with_nonzero_frequency").empty());
    const auto no = ask(m.groups, "prop-5.2", rope);
    BOOST_TEST(verdict(no) == "refuted");
    // Every pair of a RoPE group rotates.
    BOOST_TEST(evidence_of(no).at("pairs_with_nonzero_frequency").size() ==
               static_cast<std::size_t>(m.groups[rope].head_dim / 2));
}

BOOST_AUTO_TEST_CASE(positional_head_certified_on_rope_refuted_on_nope) {
    ropecheck::numeric::PrecisionGuard bits(128);
    const auto m = layout_of("HuggingFaceTB--SmolLM3-3B.json");
    const int rope = group_where(m, [](const auto& g) { return g.rope; });
    const auto yes = ask(m.groups, "thm-5.3", rope);
    BOOST_TEST(verdict(yes) == "certified");
    // g_1 = 1 (plain RoPE's first pair): brute force in long double over every
    // r <= N = 65535 gives the worst distance and 1 - cos(r) there.
    const auto& e = evidence_of(yes);
    const std::int64_t span = m.groups[rope].max_distance;
    BOOST_TEST_REQUIRE(span == 65535);
    std::int64_t worst = 1;
    long double least = 2;
    for (std::int64_t s = 1; s <= span; ++s) {
        const long double v = 1.0L - std::cos(static_cast<long double>(s));
        if (v < least) least = v, worst = s;
    }
    BOOST_TEST(e.at("worst_distance").get<std::int64_t>() == worst);
    BOOST_TEST(std::stold(e.at("margin_lower").get<std::string>()) <= least * (1 + 1e-9L));
    BOOST_TEST(std::stold(e.at("margin_upper").get<std::string>()) >= least * (1 - 1e-9L));

    const int nope = group_where(m, [](const auto& g) { return !g.rope; });
    const auto no = ask(m.groups, "thm-5.3", nope);
    BOOST_TEST(verdict(no) == "refuted");
    BOOST_TEST(no.counterexample.has_value());
}

BOOST_AUTO_TEST_SUITE_END()
