// position-collision against brute force: every pair of positions' tables
// compared (no hashing, no scan engine), and every position's phase error
// computed at 256 bits with real MPFR arithmetic, for the default pipeline and
// each preset on small contexts.
#include <boost/test/unit_test.hpp>

#include <cmath>
#include <optional>
#include <vector>

#include "ropecheck/numeric/certainty.hpp"
#include "ropecheck/numeric/enclosure.hpp"
#include "ropecheck/numeric/invalid_input.hpp"
#include "ropecheck/numeric/precision_guard.hpp"
#include "ropecheck/probes/position_collision.hpp"
#include "ropecheck/rope/inference_pipeline.hpp"

using namespace ropecheck;
using numeric::IeeeFormat;
using numeric::real;
using rope::FrequencySchedule;
using rope::InferencePipeline;

namespace {

std::optional<std::pair<std::int64_t, std::int64_t>> brute_collision(const InferencePipeline& pipeline, std::int64_t n) {
    std::vector<rope::RotationTable<float>> tables;
    for (std::int64_t p = 0; p <= n; ++p) {
        tables.push_back(pipeline.rotation(p));
        for (std::int64_t q = 0; q < p; ++q) {
            const auto& a = tables[static_cast<std::size_t>(p)];
            const auto& b = tables[static_cast<std::size_t>(q)];
            bool same = true;
            for (std::size_t k = 0; k < a.cos.size(); ++k) same = same && a.cos[k] == b.cos[k] && a.sin[k] == b.sin[k];
            if (same) return std::pair{p, q};
        }
    }
    return std::nullopt;
}

// The phase error on the circle as a real at 256 bits: |e - 2 pi round(e / 2 pi)|.
std::optional<std::int64_t> brute_inversion(const InferencePipeline& pipeline, int chunk, const real& g,
                                            const real& delta, std::int64_t n) {
    const real two_pi = 2 * boost::multiprecision::acos(real(-1));
    for (std::int64_t p = 0; p <= n; ++p) {
        const real e = real(static_cast<double>(pipeline.angle(chunk, p))) - real(static_cast<long long>(p)) * g;
        const real err = abs(e - two_pi * round(e / two_pi));
        if (err >= delta) return p;
    }
    return std::nullopt;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(position_collision)

BOOST_AUTO_TEST_CASE(collisions_equal_brute_force_for_every_preset) {
    numeric::PrecisionGuard guard(128);
    // d = 4: two pairs, so collisions come early enough for an O(N^2) brute force.
    const auto schedule = FrequencySchedule::rope("10000", 4);
    int found = 0;
    for (const auto& preset : rope::variant_presets())
        for (IeeeFormat dtype : {IeeeFormat::bfloat16, IeeeFormat::binary16}) {
            const InferencePipeline pipeline(schedule, dtype, preset.variant);
            const std::int64_t n = 1000;
            const auto fast = probes::first_position_collision(pipeline, n);
            const auto slow = brute_collision(pipeline, n);
            BOOST_TEST_CONTEXT(preset.name << " " << numeric::to_string(dtype)) {
                BOOST_TEST(fast.position.has_value() == slow.has_value());
                if (slow) {
                    ++found;
                    BOOST_TEST(*fast.position == slow->first);
                    BOOST_TEST(fast.collides_with == slow->second);
                }
            }
        }
    BOOST_TEST(found > 0);  // the comparison is not vacuous
}

BOOST_AUTO_TEST_CASE(positions_bf16_collides_at_257) {
    numeric::PrecisionGuard guard(128);
    // bfloat16 holds the integers up to 256; 257 rounds to 256 (ties to even),
    // so its table is 256's whatever the frequencies: the collision at 257 is
    // forced, and none is earlier when the highest pair separates 0..256.
    const auto schedule = FrequencySchedule::rope("10000", 64);
    const InferencePipeline pipeline(schedule, IeeeFormat::binary32, rope::parse_variant("positions-bf16"));
    const auto c = probes::first_position_collision(pipeline, 4000);
    BOOST_TEST(c.position.value_or(-1) == 257);
    BOOST_TEST(c.collides_with == 256);
    const InferencePipeline intended(schedule, IeeeFormat::binary32);
    BOOST_TEST(!probes::first_position_collision(intended, 4000).position.has_value());
}

BOOST_AUTO_TEST_CASE(phase_inversions_equal_brute_force) {
    numeric::PrecisionGuard guard(256);
    // theta = 500000: irrational frequencies (theta = 10^4, d = 8 gives g_k = 10^-k,
    // where an error can equal delta exactly and no enclosure decides it).
    const auto schedule = FrequencySchedule::rope("500000", 8);
    const auto g = schedule.frequencies<numeric::interval>();
    const auto gr = schedule.frequencies<real>();
    const std::int64_t n = 20000;
    int found = 0;
    for (const auto& preset : rope::variant_presets())
        for (const char* delta_text : {"1.5707963267948966", "0.25", "0.01"})
            for (int chunk : {0, 1, 3}) {
                const InferencePipeline pipeline(schedule, IeeeFormat::bfloat16, preset.variant);
                const auto k = static_cast<std::size_t>(chunk);
                const auto fast = probes::first_phase_inversion(pipeline, k, g[k],
                                                                numeric::enclose_decimal(delta_text), n);
                const auto slow = brute_inversion(pipeline, chunk, gr[k], real(delta_text), n);
                BOOST_TEST_CONTEXT(preset.name << " delta " << delta_text << " pair " << chunk + 1) {
                    BOOST_TEST(fast.certified);
                    BOOST_TEST(fast.position.value_or(-1) == slow.value_or(-1));
                }
                if (slow) ++found;
            }
    BOOST_TEST(found > 10);
}

BOOST_AUTO_TEST_CASE(phase_error_is_the_distance_on_the_circle) {
    numeric::PrecisionGuard guard(128);
    const numeric::interval g(1);
    // angle 7 at position 0 is 7 - 2 pi = 0.7168... away on the circle
    const auto e = probes::phase_error(7.0F, 0, g);
    BOOST_TEST(numeric::contains(e, real(7) - 2 * boost::multiprecision::acos(real(-1))));
    // at position 3 the angle 3 is exact: no error
    BOOST_TEST(numeric::contains(probes::phase_error(3.0F, 3, g), real(0)));
}

BOOST_AUTO_TEST_CASE(contexts_beyond_the_variant_range_are_refused) {
    numeric::PrecisionGuard guard(128);
    const auto schedule = FrequencySchedule::rope("10000", 4);
    const InferencePipeline half(schedule, IeeeFormat::bfloat16, rope::parse_variant("half-cache"));
    BOOST_CHECK_THROW(probes::first_position_collision(half, 70000), InvalidInput);
    BOOST_CHECK_THROW(probes::first_position_collision(half, 0), InvalidInput);
}

BOOST_AUTO_TEST_SUITE_END()
