// The two pipeline probes against brute force: every query position and key
// scored through InferencePipeline::rotate and ::score on whole head vectors,
// with every score rounded exactly (no support compaction, no screening, no
// threads). The probes must give the same positions, distances and scores.
#include <boost/test/unit_test.hpp>

#include <optional>
#include <random>
#include <vector>

#include "ropecheck/numeric/invalid_input.hpp"
#include "ropecheck/numeric/precision_guard.hpp"
#include "ropecheck/probes/pipeline_semantic_flip.hpp"
#include "ropecheck/probes/pipeline_target.hpp"
#include "ropecheck/rope/kernel.hpp"

using namespace ropecheck;
using numeric::IeeeFormat;
using numeric::real;
using rope::FrequencySchedule;
using rope::InferencePipeline;

namespace {

struct BruteLoss {
    std::optional<std::int64_t> i;
    std::int64_t j = 0;
    float target = 0, rival = 0;
};

BruteLoss brute_target_loss(const InferencePipeline& p, const std::vector<real>& q, const std::vector<real>& k,
                            std::int64_t offset, std::int64_t n) {
    const auto qd = p.to_dtype(q), kd = p.to_dtype(k);
    std::vector<std::vector<float>> keys;
    for (std::int64_t j = 0; j <= n; ++j) keys.push_back(p.rotate(kd, j));
    for (std::int64_t i = -offset; i <= n; ++i) {
        const auto qi = p.rotate(qd, i);
        const float target = p.score(qi, keys[static_cast<std::size_t>(i + offset)]);
        for (std::int64_t j = 0; j <= i; ++j) {
            if (j == i + offset) continue;
            const float s = p.score(qi, keys[static_cast<std::size_t>(j)]);
            if (s >= target) return {i, j, target, s};
        }
    }
    return {};
}

std::optional<std::pair<std::int64_t, std::int64_t>> brute_flip(const InferencePipeline& p, const std::vector<real>& psi,
                                                                std::int64_t max_distance, std::int64_t n, bool strict) {
    const auto x = p.to_dtype(psi);
    std::vector<std::vector<float>> track;
    for (std::int64_t i = 0; i <= n; ++i) track.push_back(p.rotate(x, i));
    for (std::int64_t r = 1; r <= max_distance; ++r)
        for (std::int64_t i = r; i <= n; ++i) {
            const float s = p.score(track[static_cast<std::size_t>(i)], track[static_cast<std::size_t>(i - r)]);
            if (strict ? s < 0 : s <= 0) return std::pair{r, i};
        }
    return std::nullopt;
}

std::vector<real> gaussian(std::uint64_t seed, int d, double high_band_scale) {
    std::mt19937_64 rng(seed);
    std::normal_distribution<double> normal;
    std::vector<real> v;
    for (int i = 0; i < d; ++i) v.emplace_back(normal(rng) * (i < d / 2 ? high_band_scale : 1.0));
    return v;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(pipeline_probes)

BOOST_AUTO_TEST_CASE(diagonal_loss_equals_brute_force) {
    numeric::PrecisionGuard guard(128);
    const auto schedule = FrequencySchedule::rope("10000", 16);
    std::vector<real> psi(16, real(0));
    psi[0] = 8;
    for (IeeeFormat dtype : {IeeeFormat::bfloat16, IeeeFormat::binary16}) {
        const InferencePipeline p(schedule, dtype);
        const auto fast = probes::pipeline_target_loss(p, psi, psi, 0, 120);
        const auto slow = brute_target_loss(p, psi, psi, 0, 120);
        BOOST_TEST_CONTEXT(numeric::to_string(dtype)) {
            BOOST_REQUIRE(slow.i.has_value());
            BOOST_TEST(fast.query_position.value_or(-1) == *slow.i);
            BOOST_TEST(fast.rival_position == slow.j);
            BOOST_TEST(fast.target_score == slow.target);
            BOOST_TEST(fast.rival_score == slow.rival);
            BOOST_TEST(*slow.i == 44);  // g_1 = 1: 44 - 14 pi = -0.018, the float-collision distance
        }
    }
    // float32 keeps the diagonal below 710, and the probe agrees.
    const InferencePipeline f32(schedule, IeeeFormat::binary32);
    BOOST_TEST(!probes::pipeline_target_loss(f32, psi, psi, 0, 700).query_position.has_value());
    BOOST_TEST(!brute_target_loss(f32, psi, psi, 0, 150).i.has_value());
}

BOOST_AUTO_TEST_CASE(prop_3_1_loss_equals_brute_force_on_random_queries) {
    numeric::PrecisionGuard guard(128);
    const auto schedule = FrequencySchedule::rope("10000", 8);
    const auto freqs = schedule.frequencies<real>();
    int losses = 0;
    for (std::uint64_t seed = 1; seed <= 6; ++seed) {
        for (IeeeFormat dtype : {IeeeFormat::bfloat16, IeeeFormat::binary16, IeeeFormat::binary32}) {
            const std::int64_t offset = -static_cast<std::int64_t>(seed % 3);
            const auto q = gaussian(seed, 8, seed % 2 == 0 ? 0.05 : 1.0);
            const auto k = rope::rotate<real>(q, freqs, -offset);
            const InferencePipeline p(schedule, dtype);
            const auto fast = probes::pipeline_target_loss(p, q, k, offset, 150);
            const auto slow = brute_target_loss(p, q, k, offset, 150);
            BOOST_TEST_CONTEXT("seed " << seed << " " << numeric::to_string(dtype)) {
                BOOST_TEST(fast.query_position.has_value() == slow.i.has_value());
                if (slow.i) {
                    ++losses;
                    BOOST_TEST(fast.query_position.value_or(-1) == *slow.i);
                    BOOST_TEST(fast.rival_position == slow.j);
                    BOOST_TEST(fast.rival_score == slow.rival);
                }
            }
        }
    }
    BOOST_TEST(losses > 0);  // the comparison covered the losing path, not only "none"
}

BOOST_AUTO_TEST_CASE(semantic_flip_equals_brute_force) {
    numeric::PrecisionGuard guard(128);
    // d = 4, theta = 10^4: the lowest pair has g = 0.01, exact break floor(pi / 0.02) + 1 = 158.
    const auto schedule = FrequencySchedule::rope("10000", 4);
    std::vector<real> psi(4, real(0));
    psi[2] = 8;
    int flips = 0;
    for (IeeeFormat dtype : {IeeeFormat::bfloat16, IeeeFormat::binary16, IeeeFormat::binary32}) {
        const InferencePipeline p(schedule, dtype);
        for (bool strict : {false, true}) {
            const auto fast = probes::pipeline_semantic_flip(p, psi, 157, 400, strict);
            const auto slow = brute_flip(p, psi, 157, 400, strict);
            BOOST_TEST_CONTEXT(numeric::to_string(dtype) << (strict ? " strict" : "")) {
                BOOST_TEST(fast.distance.has_value() == slow.has_value());
                if (slow) {
                    ++flips;
                    BOOST_TEST(fast.distance.value_or(-1) == slow->first);
                    BOOST_TEST(fast.query_position == slow->second);
                }
            }
        }
    }
    BOOST_TEST(flips > 0);
    // psi = (8, 0) is the case the proven window covers: the scan must have skipped
    // distances, and still agree with the brute force above, which skips none.
    const InferencePipeline windowed(schedule, IeeeFormat::bfloat16);
    const auto w = probes::pipeline_semantic_flip(windowed, psi, 157, 400);
    BOOST_TEST(w.first_distance_scanned > 100);
    BOOST_TEST(w.first_distance_scanned <= w.distance.value_or(157));
    // psi = (3, 0) is not a power of two: no window, the scan starts at 1, same answer as brute force.
    std::vector<real> three(4, real(0));
    three[2] = 3;
    const auto plain = probes::pipeline_semantic_flip(windowed, three, 157, 400);
    BOOST_TEST(plain.first_distance_scanned == 1);
    const auto plain_slow = brute_flip(windowed, three, 157, 400, false);
    BOOST_TEST(plain.distance.has_value() == plain_slow.has_value());
    if (plain_slow) BOOST_TEST(plain.distance.value_or(-1) == plain_slow->first);
    // Searching from a later distance finds nothing earlier than it.
    const InferencePipeline bf16(schedule, IeeeFormat::bfloat16);
    const auto first = probes::pipeline_semantic_flip(bf16, psi, 157, 400);
    if (first.distance) {
        const auto later = probes::pipeline_semantic_flip(bf16, psi, 157, 400, false, *first.distance + 1);
        BOOST_TEST((!later.distance || *later.distance > *first.distance));
    }
}

BOOST_AUTO_TEST_CASE(bad_input_is_rejected) {
    numeric::PrecisionGuard guard(128);
    const auto schedule = FrequencySchedule::rope("10000", 4);
    const InferencePipeline p(schedule, IeeeFormat::bfloat16);
    const std::vector<real> v(4, real(1)), wrong(6, real(1));
    BOOST_CHECK_THROW(probes::pipeline_target_loss(p, v, v, 1, 10), InvalidInput);   // a future key
    BOOST_CHECK_THROW(probes::pipeline_target_loss(p, v, v, -20, 10), InvalidInput); // no query has a target
    BOOST_CHECK_THROW(probes::pipeline_target_loss(p, v, v, 0, probes::max_pipeline_positions + 1), InvalidInput);
    BOOST_CHECK_THROW(probes::pipeline_target_loss(p, wrong, wrong, 0, 10), InvalidInput);
    BOOST_CHECK_THROW(probes::pipeline_semantic_flip(p, v, 0, 10), InvalidInput);
    BOOST_CHECK_THROW(probes::pipeline_semantic_flip(p, v, 20, 10), InvalidInput);
    BOOST_CHECK_THROW(probes::pipeline_semantic_flip(p, v, 5, 10, false, 0), InvalidInput);
    BOOST_CHECK_THROW(probes::pipeline_semantic_flip(p, wrong, 5, 10), InvalidInput);
}

BOOST_AUTO_TEST_SUITE_END()
