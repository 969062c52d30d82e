// Theorem 6.1 in the inference pipeline: does a semantic channel's ordering
// flip earlier than exact arithmetic says? The aligned construction on pair K
// (query = target key = psi = (8, 0)) against a competitor key of zero
// activation, which scores exactly 0 in every format. Exact arithmetic: the
// target stays strictly ahead for every r below the break distance r_b, the
// least r with cos(r g_K) < 0 (certified by probes::semantic_break). The
// pipeline scores by absolute positions; the claim is that it flips earlier:
// some query position i <= N has score(R^i psi, R^(i - r) psi) <= 0 at a
// distance r < r_b (probes::pipeline_semantic_flip, exhaustive over every
// distance below min(r_b, N + 1) and every query position up to N). The flip
// distance is reported per dtype.
// Negative control "pipeline-keeps-order": claims the pipeline keeps the
// target ahead at every distance below r_b; refuted by the earlier flip.
// Pipeline variants (pipeline_variant, a preset; absent = the intended
// pipeline): the same comparison under the slip, its flip distance in the
// evidence; the scan's proven error bound follows the variant's formats
// (pipeline_semantic_flip.cpp), so a slip is searched near r_b only too.
#include <algorithm>

#include "ropecheck/numeric/certainty.hpp"
#include "ropecheck/numeric/decimal.hpp"
#include "ropecheck/probes/pipeline_channel_break.hpp"
#include "support/claim_support.hpp"

namespace ropecheck::claims::pipeline_thm_6_1 {
namespace {

struct Params : support::PipelinePoint, support::VariantPoint {
    std::int64_t frequency = 0, context = 0;
    std::string control;
};

const std::vector<std::string> controls{"none", "pipeline-keeps-order"};

// Each parameter once: the schema, the range checks and the run all read it.
support::Fields<Params> fields() {
    return support::pipeline_fields<Params>() + support::variant_fields<Params>() +
           support::Fields<Params>{
               {"frequency", core::ParameterKind::integer, "K, 1-based; 0 = the lowest (d/2)", 0, &Params::frequency},
               {"context", core::ParameterKind::integer,
                "N: query positions up to N; 0 = twice the exact break distance", &Params::context},
               {support::control_parameter(controls), &Params::control}};
}

// floor(pi / (2 g)) + 1 for g = theta^(-2(K-1)/d), from the parameters alone;
// nullopt when the enclosure cannot decide the floor.
std::optional<std::int64_t> closed_form_break(const std::string& theta, int head_dim, int frequency) {
    const interval log_theta = log(numeric::enclose_decimal(theta));
    const interval g = exp(-(interval(2 * (frequency - 1)) / interval(head_dim)) * log_theta);
    const interval x = numeric::number_traits<interval>::pi() / (interval(2) * g);
    const real lo = floor(numeric::lower_bound(x)), hi = floor(numeric::upper_bound(x));
    if (lo != hi) return std::nullopt;
    return lo.convert_to<std::int64_t>() + 1;
}

class PipelineSemanticFlipCheck final : public support::ClaimCheck<Params> {
    using ClaimCheck::ClaimCheck;

    void check(const Params& p) const override {
        const auto schedule = support::rope_schedule(p);
        support::pipeline_dtype(p.dtype);
        support::require_range("frequency", p.frequency, 0, schedule.pairs());
        support::require_range("context", p.context, 0, probes::max_flip_position);
        support::control_of(p.control, controls);
        support::pipeline_variant_of(p);
    }

    core::InstanceResult decide(const core::Instance& instance, const Params& p) const override {
        const auto schedule = support::rope_schedule(p);
        const auto dtype = support::pipeline_dtype(p.dtype);
        const int frequency = p.frequency == 0 ? schedule.pairs() : static_cast<int>(p.frequency);
        const auto chunk = static_cast<std::size_t>(frequency - 1);
        const std::int64_t requested_context = p.context;
        const bool negative = p.control == "pipeline-keeps-order";
        const std::string dt = numeric::to_string(dtype);

        core::InstanceResult result;
        result.evidence["dtype"] = dt;
        result.evidence["frequency"] = frequency;
        support::record_slip(result, p, dtype);
        // A slip's name in the messages (nothing for the intended pipeline's).
        const std::string slip = support::runs_slip(p) ? " under " + support::variant_label(p) : "";

        sweep::SweepOptions one_thread;
        one_thread.threads = 1;
        const rope::InferencePipeline pipeline(schedule, dtype, support::pipeline_variant_of(p));
        const auto compared = probes::compare_channel_break(
            pipeline, chunk, schedule.frequencies<interval>()[chunk],
            requested_context > 0 ? std::optional<std::int64_t>(requested_context) : std::nullopt, one_thread);
        const auto& exact = compared.exact;
        if (!exact.certified) {
            result.verdict = core::Verdict::inconclusive;
            result.message = "the exact break distance could not be certified; raise --precision";
            return result;
        }
        const auto closed_form = closed_form_break(schedule.theta(), schedule.head_dim(), frequency);
        result.evidence["closed_form_break_distance"] = closed_form ? core::json(*closed_form) : core::json(nullptr);
        if (!closed_form) {
            result.verdict = core::Verdict::inconclusive;
            result.message = "floor(pi / (2 g)) could not be decided; raise --precision";
            return result;
        }
        const std::int64_t context = compared.context;
        const probes::PipelineFlip& flip = compared.flip;
        result.evidence["context"] = context;
        result.evidence["exact_break_distance"] =
            exact.first_break_distance ? core::json(*exact.first_break_distance) : core::json(nullptr);
        result.evidence["distances_searched"] =
            std::to_string(flip.first_distance_scanned) + ".." + std::to_string(compared.last_distance);
        result.evidence["distances_proven_safe"] = "1.." + std::to_string(flip.first_distance_scanned - 1);
        result.evidence["float32_inv_freq"] = support::exact_hex(static_cast<double>(pipeline.inverse_frequencies()[chunk]));
        const std::string exact_text =
            exact.first_break_distance ? "exact break r_b = " + std::to_string(*exact.first_break_distance)
                                       : "no exact break up to " + std::to_string(context > 0 ? context : probes::max_flip_position / 2);
        const std::int64_t exact_limit = requested_context > 0 ? requested_context : probes::max_flip_position / 2;
        // The sweep must find the closed form's break exactly when it lies within the
        // searched range (written without a temporary optional: GCC 12 warns that its
        // value may be uninitialized once the kernel is no longer inlined here).
        const bool closed_within = *closed_form <= exact_limit;
        const bool agrees = exact.first_break_distance ? closed_within && *exact.first_break_distance == *closed_form
                                                       : !closed_within;
        if (!negative && !agrees) {
            result.verdict = core::Verdict::refuted;
            result.message = "the sweep's exact break (" + exact_text + ") is not the closed form floor(pi / (2 g)) + 1 = " +
                             std::to_string(*closed_form);
            core::Counterexample cx;
            cx.kind = "the exact break disagrees with its closed form";
            cx.inputs = {{"theta", schedule.theta()},
                         {"head_dim", std::to_string(schedule.head_dim())},
                         {"frequency K", std::to_string(frequency)}};
            cx.claimed = "the certified exact break equals floor(pi / (2 g)) + 1";
            cx.computed = result.message;
            cx.replay = support::replay_header(instance);
            result.counterexample = std::move(cx);
            return result;
        }

        if (!flip.distance) {
            result.evidence["pipeline_flip_distance"] = nullptr;
            result.verdict = negative ? core::Verdict::certified : core::Verdict::refuted;
            result.message = "the " + dt + " pipeline" + slip + " keeps the target ahead at every distance below r_b (" + exact_text +
                             ", query positions <= " + std::to_string(context) + ")";
            if (!negative) {
                core::Counterexample cx;
                cx.kind = "no earlier flip";
                cx.inputs = {{"dtype", dt}, {"context", std::to_string(context)}};
                if (!slip.empty()) cx.inputs.push_back({"pipeline variant", support::variant_label(p)});
                cx.claimed = "the pipeline flips the channel's ordering before exact arithmetic does";
                cx.computed = result.message;
                cx.replay = support::replay_header(instance);
                result.counterexample = std::move(cx);
            }
            return result;
        }
        const std::int64_t r = *flip.distance, i = flip.query_position;
        const auto& strict = compared.strict_flip_distance;
        result.evidence["pipeline_flip_distance"] = r;
        result.evidence["pipeline_strict_flip_distance"] = strict ? core::json(*strict) : core::json(nullptr);
        result.evidence["query_position"] = i;
        result.evidence["target_score"] = support::exact_hex(static_cast<double>(flip.score));
        if (exact.first_break_distance)
            result.evidence["distances_earlier"] = *exact.first_break_distance - r;
        const std::string what = "query at " + std::to_string(i) + ", target key at " + std::to_string(i - r) +
                                 " (distance " + std::to_string(r) + "): score " + support::float_text(flip.score) +
                                 (flip.score == 0 ? " ties the zero-activation key" : " < 0") + " in " + dt + slip + "; " +
                                 exact_text + "; strictly below it first at " +
                                 (strict ? "distance " + std::to_string(*strict) : "no distance < r_b");
        result.margin = core::Margin{std::to_string(r), std::to_string(r), "pipeline flip distance"};
        if (negative) {
            result.verdict = core::Verdict::refuted;
            result.message = what;
            core::Counterexample cx;
            cx.kind = "the pipeline flips a semantic channel before exact arithmetic";
            cx.inputs = {{"dtype", dt},
                         {"theta", schedule.theta()},
                         {"head_dim", std::to_string(schedule.head_dim())},
                         {"frequency K", std::to_string(frequency)},
                         {"query position i", std::to_string(i)},
                         {"distance r", std::to_string(r)}};
            if (!slip.empty()) cx.inputs.push_back({"pipeline variant", support::variant_label(p)});
            cx.claimed = "the target scores above a zero-activation key at every distance below r_b";
            cx.computed = what;
            cx.replay = support::replay_header(instance);
            cx.replay["inputs"] = {{"query_position", i}, {"distance", r}};
            result.counterexample = std::move(cx);
            return result;
        }
        result.verdict = core::Verdict::certified;
        result.message = dt + slip + " flips at distance " + std::to_string(r) + " (" + what + ")";
        return result;
    }
};

}  // namespace

ROPECHECK_REGISTER_CHECK(pipeline_thm_6_1, PipelineSemanticFlipCheck, "pipeline-thm-6.1", fields())

}  // namespace ropecheck::claims::pipeline_thm_6_1
