// pipeline-diagonal against brute force: every query position and key scored
// through InferencePipeline::rotate and ::score on whole head vectors, with
// every score rounded exactly (no support compaction, no screening, no
// threads). The probe must give the same positions and scores, also as the
// registered probe `ropecheck probe pipeline-diagonal` runs.
#include <boost/test/unit_test.hpp>

#include <optional>
#include <random>
#include <vector>

#include "ropecheck/numeric/invalid_input.hpp"
#include "ropecheck/numeric/precision_guard.hpp"
#include "ropecheck/probes/pipeline_target.hpp"
#include "ropecheck/probes/probe_parameters.hpp"
#include "ropecheck/probes/probe_registry.hpp"
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

std::vector<real> gaussian(std::uint64_t seed, int d, double high_band_scale) {
    std::mt19937_64 rng(seed);
    std::normal_distribution<double> normal;
    std::vector<real> v;
    for (int i = 0; i < d; ++i) v.emplace_back(normal(rng) * (i < d / 2 ? high_band_scale : 1.0));
    return v;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(pipeline_diagonal)

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

BOOST_AUTO_TEST_CASE(the_registered_probe_answers_as_brute_force) {
    const probes::Probe& probe = *probes::builtin_probes().find("pipeline-diagonal");
    const auto request = probes::request_of(probe, {{"head_dim", 16}, {"context", 120}}, "test");
    BOOST_TEST(request.values().at("dtype") == "bfloat16");  // the default
    BOOST_TEST(request.values().at("frequency") == 1);
    const auto answer = probes::answer(probe, request);
    numeric::PrecisionGuard guard(128);
    const auto schedule = FrequencySchedule::rope("10000", 16);
    std::vector<real> psi(16, real(0));
    psi[0] = 8;
    const auto slow = brute_target_loss(InferencePipeline(schedule, IeeeFormat::bfloat16), psi, psi, 0, 120);
    BOOST_REQUIRE(slow.i.has_value());
    BOOST_TEST(answer.fields.at("lost_at_query_position") == *slow.i);
    BOOST_TEST(answer.fields.at("rival_key_position") == slow.j);
    BOOST_TEST(answer.fields.at("target_score") == "64");  // psi . psi = 64, exact in bfloat16
    BOOST_TEST(answer.label == "g_1, dtype bfloat16");
    // A pair the schedule does not rotate is named.
    BOOST_CHECK_THROW(probes::answer(probe, probes::request_of(probe, {{"head_dim", 8}, {"p_rope", "0.5"},
                                                                       {"frequency", 4}, {"context", 10}}, "test")),
                      InvalidInput);
    BOOST_CHECK_THROW(probes::request_of(probe, {{"context", 100000}}, "test"), InvalidInput);
    BOOST_CHECK_THROW(probes::request_of(probe, {{"context", 100}, {"dtype", "float64"}}, "test"), InvalidInput);
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
}

BOOST_AUTO_TEST_SUITE_END()
