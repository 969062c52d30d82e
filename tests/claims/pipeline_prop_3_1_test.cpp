// pipeline-prop-3.1: float32 keeps Proposition 3.1's peak, bfloat16 and float16 lose it for
// low-band queries; the shifted key is refuted at the first query position that has it.
#include <boost/test/unit_test.hpp>

#include <optional>
#include <utility>
#include <vector>

#include "claim_test_support.hpp"
#include "ropecheck/rope/inference_pipeline.hpp"
#include "ropecheck/rope/kernel.hpp"

using ropecheck::core::json;
using ropecheck::test::expect_invalid;
using ropecheck::test::run_check;

BOOST_AUTO_TEST_SUITE(pipeline_prop_3_1)

namespace {

json peak(const char* dtype, const char* profile, int target = -5) {
    return {{"head_dim", 64}, {"theta", "10000"}, {"dtype", dtype}, {"target_distance", target}, {"context", 256},
            {"query_profile", profile}};
}
}  // namespace

BOOST_AUTO_TEST_CASE(float32_keeps_prop_3_1_and_bfloat16_loses_it_for_low_band_queries) {
    for (const char* profile : {"gaussian", "low-band"}) {
        const auto r = run_check("pipeline-prop-3.1", peak("float32", profile));
        BOOST_TEST(to_string(r.verdict) == "certified", profile);
        BOOST_TEST(r.evidence["lost_at_query_position"].is_null());
    }
    for (const char* dtype : {"bfloat16", "float16"}) {
        const auto r = run_check("pipeline-prop-3.1", peak(dtype, "low-band"));
        BOOST_TEST(to_string(r.verdict) == "refuted", dtype);
        BOOST_REQUIRE(r.counterexample.has_value());
        const int i = r.evidence["lost_at_query_position"].get<int>();
        const int j = r.evidence["rival_key_position"].get<int>();
        BOOST_TEST(i >= 5);
        BOOST_TEST(j != i - 5);
        BOOST_TEST(j <= i);
        BOOST_TEST(r.evidence["rival_score"].get<std::string>() == r.evidence["target_score"].get<std::string>());
    }
}

// Key built for r* - 1: the key one position further back wins from the first
// query position that has it, i = 1 - r*, with key 0.
BOOST_AUTO_TEST_CASE(prop_3_1_shifted_key_is_refuted_at_the_first_query_that_has_it) {
    for (int target : {-5, -1})
        for (const char* profile : {"gaussian", "low-band"}) {
            auto values = peak("float32", profile, target);
            values["control"] = "shifted-key";
            const auto r = run_check("pipeline-prop-3.1", values);
            BOOST_TEST(to_string(r.verdict) == "refuted", profile);
            BOOST_TEST(r.evidence["key_built_for"].get<int>() == target - 1);
            BOOST_TEST(r.evidence["lost_at_query_position"].get<int>() == 1 - target);
            BOOST_TEST(r.evidence["rival_key_position"].get<int>() == 0);
        }
}

namespace {

using ropecheck::numeric::real;

// The first query position i <= n at which a key j != i - 5 scores at least the target key
// i - 5, by brute force on whole vectors through InferencePipeline::rotate and ::score.
std::optional<std::pair<int, int>> brute_loss(const ropecheck::rope::InferencePipeline& p, const std::vector<real>& q,
                                              const std::vector<real>& k, int n) {
    const auto qd = p.to_dtype(q), kd = p.to_dtype(k);
    std::vector<std::vector<float>> keys;
    for (int j = 0; j <= n; ++j) keys.push_back(p.rotate(kd, j));
    for (int i = 5; i <= n; ++i) {
        const auto qi = p.rotate(qd, i);
        const float target = p.score(qi, keys[static_cast<std::size_t>(i - 5)]);
        for (int j = 0; j <= i; ++j)
            if (j != i - 5 && p.score(qi, keys[static_cast<std::size_t>(j)]) >= target) return std::pair{i, j};
    }
    return std::nullopt;
}

}  // namespace

// The slip negatives' witnesses are a brute force's first loss on the same query (from the
// replay record), under the slip; the slips the claim holds for certify with no loss.
BOOST_AUTO_TEST_CASE(slips_lose_or_keep_the_maximum_as_a_brute_force_does) {
    ropecheck::numeric::PrecisionGuard guard(128);
    const auto schedule = ropecheck::rope::FrequencySchedule::rope("10000", 64);
    int losses = 0;
    for (const char* preset : {"autocast-bf16", "half-cache", "positions-bf16", "inv-freq-bf16", "tf32-angles"})
        for (std::uint64_t seed : {1, 2, 3}) {
            auto values = peak("float32", "low-band");
            values["pipeline_variant"] = preset;
            const auto r = run_check("pipeline-prop-3.1", values, 128, seed);
            BOOST_TEST_CONTEXT(preset << " seed " << seed) {
                BOOST_TEST(r.evidence["pipeline_variant"].get<std::string>() == preset);
                if (!r.counterexample) {
                    BOOST_TEST(r.evidence["lost_at_query_position"].is_null());
                    continue;
                }
                // The query of the counterexample; its key is the exact R^5 q rounded to float32.
                std::vector<real> q;
                for (const auto& x : r.counterexample->replay["inputs"]["q"])
                    q.emplace_back(std::stod(x.at("decimal").get<std::string>()));
                const auto k = ropecheck::rope::rotate<real>(q, schedule.frequencies<real>(), 5);
                const ropecheck::rope::InferencePipeline p(schedule, ropecheck::numeric::IeeeFormat::binary32,
                                                           ropecheck::rope::parse_variant(preset));
                const auto slow = brute_loss(p, q, k, 256);
                BOOST_REQUIRE(slow.has_value());
                ++losses;
                BOOST_TEST(r.evidence["lost_at_query_position"].get<int>() == slow->first);
                BOOST_TEST(r.evidence["rival_key_position"].get<int>() == slow->second);
            }
        }
    BOOST_TEST(losses > 0);
    auto bad = peak("float32", "gaussian");
    bad["pipeline_variant"] = "bfloat16";
    expect_invalid("pipeline-prop-3.1", bad, "pipeline_variant");
}

BOOST_AUTO_TEST_CASE(bad_parameters_name_the_parameter) {
    auto future = peak("float32", "gaussian");
    future["target_distance"] = 3;
    expect_invalid("pipeline-prop-3.1", future, "target_distance");
    expect_invalid("pipeline-prop-3.1", peak("float32", "uniform"), "query_profile");
    auto edge = peak("float32", "gaussian", -256);
    edge["control"] = "shifted-key";  // the shifted key would sit beyond the context
    expect_invalid("pipeline-prop-3.1", edge, "target_distance");
}

BOOST_AUTO_TEST_SUITE_END()
