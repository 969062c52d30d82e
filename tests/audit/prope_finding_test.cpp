// prope-identities as a finding, on Gemma 4's full-attention layers: transformers'
// "proportional" with partial_rotary_factor 0.25 of global_head_dim 512 keeps
// int(0.25 * 512 // 2) = 64 pairs (by hand from _compute_proportional_rope_parameters).
// Negative control: the same group with NeoX partial rotary of the same width
// (exponent denominator 128, not 512) is refuted.
#include <boost/test/unit_test.hpp>

#include "audit_fixture.hpp"

using namespace audit_test;

BOOST_AUTO_TEST_SUITE(prope_finding)

BOOST_AUTO_TEST_CASE(gemma_4_full_layers_are_p_rope_and_neox_partial_is_not) {
    ropecheck::numeric::PrecisionGuard bits(128);
    auto m = layout_of("google--gemma-4-26B-A4B.json");
    const int full = group_where(m, [](const auto& g) { return g.schedule.kind() == ropecheck::rope::RotaryKind::p_rope; });
    const auto yes = ask(m.groups, "prope-identities", full);
    BOOST_TEST(verdict(yes) == "certified");
    BOOST_TEST(evidence_of(yes).at("kept_pairs").get<int>() == 64);
    BOOST_TEST(evidence_of(yes).at("removed_pairs").get<int>() == 192);

    auto perturbed = m.groups;
    auto& g = perturbed[static_cast<std::size_t>(full)];
    g.schedule = ropecheck::rope::FrequencySchedule(ropecheck::rope::RotaryKind::neox_partial, g.theta, g.head_dim,
                                                    g.schedule.p());
    const auto no = ask(perturbed, "prope-identities", full);
    BOOST_TEST(verdict(no) == "refuted");
    BOOST_TEST(!evidence_of(no).at("failures").empty());
}

BOOST_AUTO_TEST_CASE(p_rope_keeps_the_all_frequency_channel_robust) {
    // The paper's point, on Gemma 4: 192 pairs that never rotate add 192 to
    // sum_k cos(r g_k) at every r, more than the 64 rotating ones can take away.
    ropecheck::numeric::PrecisionGuard bits(128);
    const auto m = layout_of("google--gemma-4-26B-A4B.json");
    const int full = group_where(m, [](const auto& g) { return g.schedule.kind() == ropecheck::rope::RotaryKind::p_rope; });
    const auto c = ask(m.groups, "all-frequency-break", full, 4096);
    BOOST_TEST(verdict(c) == "refuted");
    BOOST_TEST(evidence_of(c).at("first_break_distance").is_null());
}

BOOST_AUTO_TEST_SUITE_END()
