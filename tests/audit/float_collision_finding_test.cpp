// float-collision as a finding, on Llama 3.1 8B's g_1 = 1 (llama3 scaling leaves
// the high frequencies alone): against a brute force written here (float32
// angle r * 1.0f, cos in double rounded to float32, then to the dtype by bit
// arithmetic), and the negative control: the span that reaches the first
// collision is refuted where one distance less is certified.
#include <boost/test/unit_test.hpp>

#include <bit>
#include <cmath>
#include <cstdint>
#include <cstring>

#include "audit_fixture.hpp"

using namespace audit_test;

namespace {

// float32 -> bfloat16 -> float32, round to nearest even.
float to_bfloat16(float x) {
    std::uint32_t u = std::bit_cast<std::uint32_t>(x);
    u += 0x7FFFu + ((u >> 16) & 1u);
    return std::bit_cast<float>(u & 0xFFFF0000u);
}

std::int64_t first_bfloat16_collision(std::int64_t limit) {
    for (std::int64_t r = 1; r <= limit; ++r) {
        const float angle = static_cast<float>(r) * 1.0f;
        const float c = static_cast<float>(std::cos(static_cast<double>(angle)));
        if (to_bfloat16(c) == 1.0f) return r;
    }
    return -1;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(float_collision_finding)

BOOST_AUTO_TEST_CASE(bfloat16_collision_matches_a_brute_force_and_its_boundary_refutes) {
    ropecheck::numeric::PrecisionGuard bits(128);
    const auto m = layout_of("meta-llama--Llama-3.1-8B.json");
    const std::int64_t expected = first_bfloat16_collision(1'000'000);
    BOOST_TEST_REQUIRE(expected > 1);
    const auto c = ask(m.groups, "float-collision", 0, std::nullopt, "bfloat16");
    BOOST_TEST(verdict(c) == "refuted");
    BOOST_TEST(evidence_of(c).at("first_collision_distance").get<std::int64_t>() == expected);
    BOOST_TEST(evidence_of(c).at("inverse_frequency_float32").get<std::string>() == "1");

    const auto before = ask(m.groups, "float-collision", 0, expected - 1, "bfloat16");
    BOOST_TEST(verdict(before) == "certified");
    const auto at = ask(m.groups, "float-collision", 0, expected, "bfloat16");
    BOOST_TEST(verdict(at) == "refuted");
    BOOST_TEST(at.counterexample.has_value());
}

BOOST_AUTO_TEST_SUITE_END()
