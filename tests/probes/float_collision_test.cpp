// float-collision against an independent exhaustive scan that decides every
// distance with MPFR (no double screen), against hand-derived answers, and its
// screen distance by distance: every distance it rules out must be, by MPFR,
// no collision.
#include <boost/test/unit_test.hpp>

#include "ropecheck/probes/probe_parameters.hpp"
#include "ropecheck/probes/probe_registry.hpp"

#include "ropecheck/numeric/invalid_input.hpp"
#include "ropecheck/numeric/precision_guard.hpp"
#include "ropecheck/probes/float_collision.hpp"
#include "ropecheck/rope/inference_pipeline.hpp"

using namespace ropecheck;
using numeric::IeeeFormat;

namespace {

std::optional<std::int64_t> exhaustive(const rope::FrequencySchedule& s, int chunk, IeeeFormat dtype, std::int64_t n) {
    numeric::PrecisionGuard guard(64);
    const rope::InferencePipeline pipeline(s, dtype);
    for (std::int64_t r = 1; r <= n; ++r)
        if (pipeline.unit_cosine(chunk, r) == 1) return r;
    return std::nullopt;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(float_collision)

// g_1 = 1: float32 angle r is exact, so the first collision is the first r within
// about 2^-12 (float32), 2^-5.5 (float16) or 2^-4 (bfloat16) of a multiple of 2 pi:
// 710 (710 - 226 pi = -6.0e-5) for float32 and 44 (44 - 14 pi = -1.8e-2) for the others.
BOOST_AUTO_TEST_CASE(highest_frequency_collides_at_convergents_of_two_pi) {
    const auto gemma = rope::FrequencySchedule::rope("10000", 256);
    const auto f32 = probes::float_collision(gemma, 0, IeeeFormat::binary32, 100000);
    const auto bf16 = probes::float_collision(gemma, 0, IeeeFormat::bfloat16, 100000);
    const auto f16 = probes::float_collision(gemma, 0, IeeeFormat::binary16, 100000);
    BOOST_TEST(f32.first_collision_distance.value_or(-1) == 710);
    BOOST_TEST(bf16.first_collision_distance.value_or(-1) == 44);
    BOOST_TEST(f16.first_collision_distance.value_or(-1) == 44);
    BOOST_TEST(f32.inverse_frequency == 1.0f);
}

BOOST_AUTO_TEST_CASE(screened_scan_equals_the_exhaustive_scan) {
    for (const char* theta : {"10000", "500000"}) {
        const auto s = rope::FrequencySchedule::rope(theta, 128);
        for (int chunk : {0, 1, 5, 20}) {
            for (IeeeFormat dtype : {IeeeFormat::binary32, IeeeFormat::bfloat16, IeeeFormat::binary16}) {
                const auto fast = probes::float_collision(s, chunk, dtype, 20000);
                const auto slow = exhaustive(s, chunk, dtype, 20000);
                BOOST_TEST_CONTEXT("theta " << theta << " pair " << chunk + 1 << " " << numeric::to_string(dtype)) {
                    BOOST_TEST(fast.first_collision_distance.value_or(-1) == slow.value_or(-1));
                }
            }
        }
    }
}

// README: bfloat16 on pair 2 of theta = 10^4, d = 256 collides first at 27.
BOOST_AUTO_TEST_CASE(second_pair_in_bfloat16_collides_at_27) {
    const auto gemma = rope::FrequencySchedule::rope("10000", 256);
    BOOST_TEST(probes::float_collision(gemma, 1, IeeeFormat::bfloat16, 1000).first_collision_distance.value_or(-1) == 27);
}

// Every distance of each range, decided with MPFR: the screen never rules out a
// collision, and lets through few distances that are none. The lowest pair of
// theta = 5e5, d = 128 (inv ~ 2.4e-6) sweeps 1 - cos(angle) slowly through the
// screen's threshold for all three dtypes (float32 near r = 140, float16 near
// 9000, bfloat16 near 26000); the highest pairs return near 2 pi many times;
// windows across 2^24 (positions start to round to float32) and below 2^40
// check large angles.
BOOST_AUTO_TEST_CASE(the_screen_rules_out_only_distances_mpfr_rules_out) {
    numeric::PrecisionGuard guard(64);
    struct Range {
        const char* theta;
        int d, chunk;
        std::int64_t first, last;
    };
    const std::vector<Range> ranges{{"500000", 128, 63, 1, 30000},
                                    {"10000", 256, 0, 1, 20000},
                                    {"10000", 256, 1, 1, 20000},
                                    {"10000", 128, 20, 1, 20000},
                                    {"10000", 256, 0, (1 << 24) - 1000, (1 << 24) + 20000},
                                    {"10000", 256, 0, (std::int64_t{1} << 40) - 3000, std::int64_t{1} << 40}};
    for (const Range& range : ranges) {
        const auto s = rope::FrequencySchedule::rope(range.theta, range.d);
        for (IeeeFormat dtype : {IeeeFormat::binary32, IeeeFormat::bfloat16, IeeeFormat::binary16}) {
            const rope::InferencePipeline pipeline(s, dtype);
            const float inv = pipeline.inverse_frequencies()[static_cast<std::size_t>(range.chunk)];
            std::int64_t ruled_out = 0, wrongly = 0, collisions = 0, let_through = 0;
            for (std::int64_t r = range.first; r <= range.last; ++r) {
                const float angle = static_cast<float>(r) * inv;
                const bool out = probes::collision_ruled_out(angle, dtype);
                const bool collides = pipeline.unit_cosine(range.chunk, r) == 1;
                ruled_out += out;
                collisions += collides;
                wrongly += out && collides;
                let_through += !out && !collides;
            }
            BOOST_TEST_CONTEXT("theta " << range.theta << " d " << range.d << " pair " << range.chunk + 1 << " "
                                        << numeric::to_string(dtype) << " r in [" << range.first << ", "
                                        << range.last << "]") {
                BOOST_TEST_MESSAGE("ruled out " << ruled_out << ", collisions " << collisions
                                                << ", neither (decided with MPFR for nothing) " << let_through);
                BOOST_TEST(wrongly == 0);
                // The threshold is necessary and, but for float32's rounding, sufficient:
                // few distances per range fall between it and a real collision.
                BOOST_TEST(let_through <= 4);
            }
        }
    }
}

BOOST_AUTO_TEST_CASE(bad_input_is_rejected) {
    const auto s = rope::FrequencySchedule(rope::RotaryKind::p_rope, "10000", 8, numeric::ExactFraction{1, 2});
    BOOST_CHECK_THROW(probes::float_collision(s, 3, IeeeFormat::binary32, 100), InvalidInput);  // removed pair
    BOOST_CHECK_THROW(probes::float_collision(s, 0, IeeeFormat::binary32, 0), InvalidInput);
    BOOST_CHECK_THROW(probes::float_collision(s, 9, IeeeFormat::binary32, 10), InvalidInput);
}

BOOST_AUTO_TEST_SUITE_END()

// The registered probe (`ropecheck probe float-collision`): on pair 1 (g = 1) the
// float16 pipeline first rounds cos(r) to 1 at r = 44 (44 - 14 pi = -0.018, below
// float16's half spacing under 1; docs/pipeline-and-formats.md), float32 at 710.
BOOST_AUTO_TEST_SUITE(float_collision_registered)

BOOST_AUTO_TEST_CASE(answers_with_the_derived_distances) {
    const probes::Probe& probe = *probes::builtin_probes().find("float-collision");
    const auto f16 = probes::answer(
        probe, probes::request_of(probe, {{"max_distance", 1000}, {"dtype", "float16"}}, "test"));
    BOOST_TEST(f16.fields.at("first_collision_distance") == 44);
    BOOST_TEST(f16.fields.at("dtype") == "float16");
    BOOST_TEST(f16.fields.at("float32_inv_freq") == "1");
    const auto f32 = probes::answer(
        probe, probes::request_of(probe, {{"max_distance", 1000}, {"dtype", "float32"}}, "test"));
    BOOST_TEST(f32.fields.at("first_collision_distance") == 710);
    const auto none = probes::answer(
        probe, probes::request_of(probe, {{"max_distance", 709}, {"dtype", "float32"}}, "test"));
    BOOST_TEST(none.fields.at("first_collision_distance").is_null());
    BOOST_CHECK_THROW(probes::request_of(probe, {{"max_distance", 10}, {"dtype", "float64"}}, "test"), InvalidInput);
}

BOOST_AUTO_TEST_SUITE_END()
