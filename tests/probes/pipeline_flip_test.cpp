// pipeline-flip against brute force: every query position and distance scored
// through InferencePipeline::rotate and ::score on whole head vectors, with
// every score rounded exactly (no screening, no window, no threads). The probe
// must give the same distances, also as the registered probe
// `ropecheck probe pipeline-flip` runs.
#include <boost/test/unit_test.hpp>

#include <optional>
#include <vector>

#include "ropecheck/numeric/invalid_input.hpp"
#include "ropecheck/numeric/precision_guard.hpp"
#include "ropecheck/probes/pipeline_semantic_flip.hpp"
#include "ropecheck/probes/probe_parameters.hpp"
#include "ropecheck/probes/probe_registry.hpp"
#include "ropecheck/rope/kernel.hpp"

using namespace ropecheck;
using numeric::IeeeFormat;
using numeric::real;
using rope::FrequencySchedule;
using rope::InferencePipeline;

namespace {

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

}  // namespace

BOOST_AUTO_TEST_SUITE(pipeline_flip)

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

BOOST_AUTO_TEST_CASE(the_registered_probe_answers_as_brute_force) {
    // d = 4, theta = 10^4: the lowest pair (the default) has g = 0.01, exact break 158.
    const probes::Probe& probe = *probes::builtin_probes().find("pipeline-flip");
    const auto request = probes::request_of(probe, {{"head_dim", 4}, {"context", 400}}, "test");
    BOOST_TEST(request.values().at("frequency") == 2);
    const auto answer = probes::answer(probe, request);
    BOOST_TEST(answer.fields.at("exact_break_distance") == 158);
    numeric::PrecisionGuard guard(128);
    std::vector<real> psi(4, real(0));
    psi[2] = 8;
    const auto slow =
        brute_flip(InferencePipeline(FrequencySchedule::rope("10000", 4), IeeeFormat::bfloat16), psi, 157, 400, false);
    BOOST_TEST(answer.fields.at("flip_distance").is_null() == !slow.has_value());
    if (slow) {
        BOOST_TEST(answer.fields.at("flip_distance") == slow->first);
        BOOST_TEST(answer.fields.at("query_position") == slow->second);
    }
    // Without a context the probe scans twice the exact break.
    const auto doubled = probes::answer(probe, probes::request_of(probe, {{"head_dim", 4}}, "test"));
    BOOST_TEST(doubled.fields.at("context") == 2 * 158);
    BOOST_TEST(!probe.same_answer(doubled.fields, core::json{{"flip_distance", 1}}));
    BOOST_CHECK_THROW(probes::request_of(probe, {{"context", 0}}, "test"), InvalidInput);
}

// Under every preset the proven window follows the variant's formats: the scan skips
// distances and still equals the brute force, which skips none, at contexts where the
// slips' angle errors make the window narrow (N = 2000, positions off by up to 4 in bfloat16).
BOOST_AUTO_TEST_CASE(semantic_flip_under_every_preset_equals_brute_force) {
    numeric::PrecisionGuard guard(128);
    const auto schedule = FrequencySchedule::rope("10000", 4);
    std::vector<real> psi(4, real(0));
    psi[2] = 8;
    int flips = 0, windows = 0;
    for (const auto& preset : rope::variant_presets())
        for (IeeeFormat dtype : {IeeeFormat::bfloat16, IeeeFormat::binary16, IeeeFormat::binary32})
            for (std::int64_t n : {400, 2000}) {
                const InferencePipeline p(schedule, dtype, preset.variant);
                const auto fast = probes::pipeline_semantic_flip(p, psi, 157, n);
                const auto slow = brute_flip(p, psi, 157, n, false);
                BOOST_TEST_CONTEXT(preset.name << " " << numeric::to_string(dtype) << " N = " << n) {
                    BOOST_TEST(fast.distance.has_value() == slow.has_value());
                    if (slow) {
                        ++flips;
                        BOOST_TEST(fast.distance.value_or(-1) == slow->first);
                        BOOST_TEST(fast.query_position == slow->second);
                    }
                    BOOST_TEST(fast.first_distance_scanned == probes::first_searched_distance(p, psi, n));
                    windows += fast.first_distance_scanned > 1 ? 1 : 0;
                }
            }
    BOOST_TEST(flips > 0);
    BOOST_TEST(windows == 36);  // every preset, dtype and context has a window on this grid
}

// The registered probe takes the variant options: its answer is the brute force's under the preset.
BOOST_AUTO_TEST_CASE(the_registered_probe_takes_a_variant) {
    const probes::Probe& probe = *probes::builtin_probes().find("pipeline-flip");
    numeric::PrecisionGuard guard(128);
    std::vector<real> psi(4, real(0));
    psi[2] = 8;
    for (const char* preset : {"positions-bf16", "autocast-bf16", "half-cache"}) {
        const auto request =
            probes::request_of(probe, {{"head_dim", 4}, {"context", 2000}, {"variant", preset}}, "test");
        const auto answer = probes::answer(probe, request);
        BOOST_TEST(answer.fields.at("variant") == preset);
        const auto slow = brute_flip(InferencePipeline(FrequencySchedule::rope("10000", 4), IeeeFormat::bfloat16,
                                                       rope::parse_variant(preset)),
                                     psi, 157, 2000, false);
        BOOST_TEST_CONTEXT(preset) {
            BOOST_TEST(answer.fields.at("flip_distance").is_null() == !slow.has_value());
            if (slow) BOOST_TEST(answer.fields.at("flip_distance") == slow->first);
        }
    }
    BOOST_CHECK_THROW(probes::request_of(probe, {{"head_dim", 4}, {"variant", "bf16-everything"}}, "test"), InvalidInput);
}

BOOST_AUTO_TEST_CASE(bad_input_is_rejected) {
    numeric::PrecisionGuard guard(128);
    const auto schedule = FrequencySchedule::rope("10000", 4);
    const InferencePipeline p(schedule, IeeeFormat::bfloat16);
    const std::vector<real> v(4, real(1)), wrong(6, real(1));
    BOOST_CHECK_THROW(probes::pipeline_semantic_flip(p, v, 0, 10), InvalidInput);
    BOOST_CHECK_THROW(probes::pipeline_semantic_flip(p, v, 20, 10), InvalidInput);
    BOOST_CHECK_THROW(probes::pipeline_semantic_flip(p, v, 5, 10, false, 0), InvalidInput);
    BOOST_CHECK_THROW(probes::pipeline_semantic_flip(p, wrong, 5, 10), InvalidInput);
}

BOOST_AUTO_TEST_SUITE_END()
