// pipeline-thm-6.1: the lowest channel's exact break equals the closed form (re-derived here in
// long double), bfloat16 flips before it, float32 does not (the claim refuted), and the
// complement is refuted at the flip.
#include <boost/test/unit_test.hpp>

#include <cmath>
#include <numbers>
#include <optional>
#include <utility>
#include <vector>

#include "claim_test_support.hpp"
#include "ropecheck/probes/one_pair_vector.hpp"
#include "ropecheck/rope/inference_pipeline.hpp"

using ropecheck::core::json;
using ropecheck::test::expect_invalid;
using ropecheck::test::run_check;

BOOST_AUTO_TEST_SUITE(pipeline_thm_6_1)

namespace {

json flip(const char* dtype, int head_dim = 64) {
    return {{"head_dim", head_dim}, {"theta", "10000"}, {"dtype", dtype}, {"frequency", 0}, {"context", 0}};
}
// floor(pi / (2 g)) + 1 for the lowest pair, g = 10000^(-(d - 2)/d), in long double.
long long pipeline_closed_form_break(int d) {
    const long double g = std::pow(10000.0L, -static_cast<long double>(d - 2) / d);
    return static_cast<long long>(std::floor(std::numbers::pi_v<long double> / (2 * g))) + 1;
}
}  // namespace

BOOST_AUTO_TEST_CASE(bfloat16_breaks_the_lowest_channel_before_the_closed_form_break) {
    BOOST_TEST(pipeline_closed_form_break(64) == 11780);
    BOOST_TEST(pipeline_closed_form_break(128) == 13603);
    for (int d : {64, 128}) {
        const auto r = run_check("pipeline-thm-6.1", flip("bfloat16", d));
        BOOST_TEST(to_string(r.verdict) == "certified");
        BOOST_TEST(r.evidence["exact_break_distance"].get<long long>() == pipeline_closed_form_break(d));
        BOOST_TEST(r.evidence["closed_form_break_distance"].get<long long>() == pipeline_closed_form_break(d));
        BOOST_TEST(r.evidence["pipeline_flip_distance"].get<long long>() < pipeline_closed_form_break(d));
        BOOST_TEST(r.evidence["context"].get<long long>() == 2 * pipeline_closed_form_break(d));  // context 0: 2 r_b
    }
    const auto r = run_check("pipeline-thm-6.1", flip("bfloat16"));
    BOOST_TEST(r.evidence["pipeline_flip_distance"].get<int>() == 11739);
}

BOOST_AUTO_TEST_CASE(the_float32_pipeline_keeps_the_channel_and_refutes_the_claim) {
    for (int d : {64, 128}) {
        const auto r = run_check("pipeline-thm-6.1", flip("float32", d));
        BOOST_TEST(to_string(r.verdict) == "refuted");
        BOOST_TEST(r.evidence["pipeline_flip_distance"].is_null());
        BOOST_REQUIRE(r.counterexample.has_value());
        BOOST_TEST(r.counterexample->kind == "no earlier flip");
    }
}

BOOST_AUTO_TEST_CASE(the_semantic_complement_is_refuted_at_the_flip) {
    auto keeps = flip("bfloat16");
    keeps["control"] = "pipeline-keeps-order";
    const auto negative = run_check("pipeline-thm-6.1", keeps);
    BOOST_TEST(to_string(negative.verdict) == "refuted");
    BOOST_REQUIRE(negative.counterexample.has_value());
    BOOST_TEST(negative.counterexample->replay["inputs"]["distance"].get<int>() == 11739);
    BOOST_TEST(negative.counterexample->replay["inputs"]["query_position"].get<int>() == 17525);
}

namespace {

// The first flip at distances from..to by brute force: every query position's rotated psi from
// InferencePipeline::rotate, every score from ::score (no screening, no window, no threads).
// Distances below `from` are the scan's proven window (checked against a brute force over every
// distance in tests/probes/pipeline_flip_test.cpp).
std::optional<std::pair<long long, long long>> brute_flip(const ropecheck::rope::InferencePipeline& p, int head_dim,
                                                          long long from, long long to, long long n) {
    const auto x = p.to_dtype(ropecheck::probes::one_pair_vector(head_dim, static_cast<std::size_t>(head_dim / 2 - 1)));
    std::vector<std::vector<float>> track;
    for (long long i = 0; i <= n; ++i) track.push_back(p.rotate(x, i));
    for (long long r = from; r <= to; ++r)
        for (long long i = r; i <= n; ++i)
            if (p.score(track[static_cast<std::size_t>(i)], track[static_cast<std::size_t>(i - r)]) <= 0)
                return std::pair{r, i};
    return std::nullopt;
}

}  // namespace

// Under every slip of the grid the claim's flip is the brute force's over the distances the
// window leaves open, below the exact break, and the evidence names the preset.
BOOST_AUTO_TEST_CASE(slips_flip_the_channel_where_a_brute_force_does) {
    ropecheck::numeric::PrecisionGuard guard(128);
    const auto schedule = ropecheck::rope::FrequencySchedule::rope("10000", 64);
    for (const char* preset : {"positions-bf16", "autocast-bf16", "tf32-angles", "half-cache"})
        for (const char* dtype : {"bfloat16", "float16"}) {
            auto values = flip(dtype);
            values["pipeline_variant"] = preset;
            const auto r = run_check("pipeline-thm-6.1", values);
            BOOST_TEST_CONTEXT(preset << " " << dtype) {
                BOOST_TEST(to_string(r.verdict) == "certified", r.message);
                BOOST_TEST(r.evidence["pipeline_variant"].get<std::string>() == preset);
                const std::string searched = r.evidence["distances_searched"].get<std::string>();
                const long long from = std::stoll(searched.substr(0, searched.find('.')));
                BOOST_TEST(from > 10000);  // the window covers all but the last distances below 11780
                const ropecheck::rope::InferencePipeline p(schedule, ropecheck::numeric::parse_ieee_format(dtype),
                                                           ropecheck::rope::parse_variant(preset));
                const auto slow = brute_flip(p, 64, from, 11779, 2 * 11780);
                BOOST_REQUIRE(slow.has_value());
                BOOST_TEST(r.evidence["pipeline_flip_distance"].get<long long>() == slow->first);
                BOOST_TEST(r.evidence["query_position"].get<long long>() == slow->second);
            }
        }
    // The intended pipeline's evidence has no variant keys.
    BOOST_TEST(!run_check("pipeline-thm-6.1", flip("bfloat16")).evidence.contains("pipeline_variant"));
}

// The slip negative: a context of 11000, below every slip's flip, leaves nothing to flip.
BOOST_AUTO_TEST_CASE(slip_context_before_the_flip_is_refuted) {
    for (const char* preset : {"positions-bf16", "autocast-bf16", "tf32-angles", "half-cache"})
        for (int d : {64, 128}) {
            auto values = flip("bfloat16", d);
            values["pipeline_variant"] = preset;
            values["context"] = 11000;
            const auto r = run_check("pipeline-thm-6.1", values);
            BOOST_TEST(to_string(r.verdict) == "refuted", preset << " d = " << d);
            BOOST_TEST(r.evidence["pipeline_flip_distance"].is_null());
        }
    auto bad = flip("bfloat16");
    bad["pipeline_variant"] = "fp8-angles";
    expect_invalid("pipeline-thm-6.1", bad, "pipeline_variant");
}

BOOST_AUTO_TEST_CASE(bad_parameters_name_the_parameter) {
    auto odd = flip("bfloat16");
    odd["head_dim"] = 63;
    expect_invalid("pipeline-thm-6.1", odd, "head dimension");
    auto negative_context = flip("bfloat16");
    negative_context["context"] = -1;
    expect_invalid("pipeline-thm-6.1", negative_context, "context");
    auto beyond = flip("bfloat16");
    beyond["frequency"] = 33;
    expect_invalid("pipeline-thm-6.1", beyond, "frequency");
}

BOOST_AUTO_TEST_SUITE_END()
