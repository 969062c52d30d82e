// float-collision against an independent exhaustive scan that decides every
// distance with MPFR (no double screen), and against hand-derived answers.
#include <boost/test/unit_test.hpp>

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

BOOST_AUTO_TEST_CASE(bad_input_is_rejected) {
    const auto s = rope::FrequencySchedule(rope::RotaryKind::p_rope, "10000", 8, numeric::ExactFraction{1, 2});
    BOOST_CHECK_THROW(probes::float_collision(s, 3, IeeeFormat::binary32, 100), InvalidInput);  // removed pair
    BOOST_CHECK_THROW(probes::float_collision(s, 0, IeeeFormat::binary32, 0), InvalidInput);
    BOOST_CHECK_THROW(probes::float_collision(s, 9, IeeeFormat::binary32, 10), InvalidInput);
}

BOOST_AUTO_TEST_SUITE_END()
