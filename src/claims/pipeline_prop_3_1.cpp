// Proposition 3.1 in the inference pipeline. Exact arithmetic: for a query q
// and the key k = R^(-r*) q (r* <= 0, a causal head peaking r* tokens back),
// a(r*) is the strict maximum over |r| <= N (certified by the sweep engine).
// The pipeline (rope::InferencePipeline) rounds q and k to the dtype and
// scores by absolute positions; the claim checked is that it keeps the maximum:
// at every query position i <= N the key at i + r* scores strictly above every
// other key j in [0, i] (exhaustive, probes::pipeline_target_loss). It holds in
// float32 (the spec's grid) and fails in bfloat16 / float16, where the first
// losing query position is the context length at which the maximum is lost.
//
// Query profiles: "gaussian" (N(0, I_d)) and "low-band" (the highest-frequency
// half of the pairs scaled by 1/20, so the norm sits on the low frequencies, as
// Section 4 measures for Gemma's queries). The gap a(r*) - a(r* +- 1) is then
// small relative to ||q||^2, and bfloat16 / float16 rounding ties the
// neighbours with the target (so do many Gaussian draws): the negative control
// (bfloat16, low-band) must be refuted with the query position and the key.
//
// Negative control "shifted-key" (control): the same exact certification and
// the same scan, with the key built for r* - 1 (k = R^(-(r* - 1)) q) while the
// claim still names r*. Exact arithmetic certifies the peak at r* - 1, so in
// float32 the key one position further back beats the claimed target from the
// first query position that has it: the scan must report query 1 - r*, key 0
// (docs/pipeline-and-formats.md, "Proposition 3.1's shifted key").
//
// Rigour: the key's dtype value is the rounding of the exact R^(-r*) q; it is
// decided from an MPFI enclosure (both ends must round to the same value).
#include "ropecheck/core/counter_rng.hpp"
#include "ropecheck/numeric/certainty.hpp"
#include "ropecheck/numeric/decimal.hpp"
#include "ropecheck/probes/pipeline_target.hpp"
#include "support/claim_support.hpp"
#include "support/exact_peak.hpp"

namespace ropecheck::claims::pipeline_prop_3_1 {
namespace {

struct Params : support::PipelinePoint, support::VariantPoint {
    std::int64_t target_distance = 0, context = 0, draw = 0;
    std::string query_profile, control;
};

const std::vector<std::string> controls{"none", "shifted-key"};

// Each parameter once: the schema, the range checks and the run all read it.
support::Fields<Params> fields() {
    return support::pipeline_fields<Params>() + support::variant_fields<Params>() +
           support::Fields<Params>{
               {"target_distance", core::ParameterKind::integer, "r* <= 0: the key r* positions back must win",
                &Params::target_distance},
               {"context", core::ParameterKind::integer, "N: query positions up to N, keys 0..i; exact window |r| <= N",
                &Params::context},
               {"query_profile", core::ParameterKind::text, "gaussian or low-band", "gaussian", &Params::query_profile},
               {support::draw_parameter(), &Params::draw},
               {support::control_parameter(controls), &Params::control}};
}

// The scaled query is whatever double x * (1/20) rounds to: it is the exact
// input from then on (q_exact), so both sides see the same query.
constexpr double low_band_ratio = 1.0 / 20;

class PipelinePeakCheck final : public support::ClaimCheck<Params> {
    using ClaimCheck::ClaimCheck;

    void check(const Params& p) const override {
        support::rope_schedule(p);
        support::pipeline_dtype(p.dtype);
        support::require_range("context", p.context, 1, probes::max_pipeline_positions);
        support::require_range("target_distance", p.target_distance, -p.context, 0);
        support::require_one_of("query_profile", p.query_profile, {"gaussian", "low-band"});
        support::pipeline_variant_of(p);
        if (support::control_of(p.control, controls) == "shifted-key")
            support::require_range("target_distance", p.target_distance - 1, -p.context, 0);
    }

    core::InstanceResult decide(const core::Instance& instance, const Params& p) const override {
        const auto schedule = support::rope_schedule(p);
        const auto dtype = support::pipeline_dtype(p.dtype);
        const std::int64_t target = p.target_distance;
        const std::int64_t context = p.context;
        const std::string profile = p.query_profile;
        const std::string dt = numeric::to_string(dtype);
        const bool shifted = p.control == "shifted-key";
        // The distance the key is built for: r*, or r* - 1 for the shifted key.
        const std::int64_t built_for = shifted ? target - 1 : target;

        core::CounterRng rng(instance.seed);
        std::vector<double> q_exact = support::gaussian_vector(rng, schedule.head_dim());
        if (profile == "low-band")
            for (std::size_t i = 0; i < q_exact.size() / 2; ++i) q_exact[i] *= low_band_ratio;

        core::InstanceResult result;
        result.evidence["dtype"] = dt;
        result.evidence["query_profile"] = profile;
        support::record_slip(result, p, dtype);
        const std::string slip = support::runs_slip(p) ? " under " + support::variant_label(p) : "";

        // Exact side.
        const auto q = support::convert<interval>(q_exact);
        const auto freqs = schedule.frequencies<interval>();
        const auto k = rope::rotate<interval>(q, freqs, -built_for);
        const support::ExactPeak peak =
            support::exact_peak(rope::chunk_coefficients<interval>(q, k), freqs, built_for, context);
        result.evidence["key_built_for"] = built_for;
        result.evidence["exact_gap_closest_distance"] = peak.closest;
        result.margin = core::Margin{numeric::decimal_lower(peak.gap), numeric::decimal_upper(peak.gap),
                                     "exact a(" + std::to_string(built_for) + ") - a(" + std::to_string(peak.closest) + ")"};
        if (!numeric::certainly_positive(peak.gap)) {
            result.verdict = core::Verdict::inconclusive;
            result.message = "exact arithmetic's maximum at r = " + std::to_string(built_for) +
                             " could not be certified; raise --precision";
            return result;
        }

        // The model's activations: the dtype rounding of the exact q and k.
        const rope::InferencePipeline pipeline(schedule, dtype, support::pipeline_variant_of(p));
        std::vector<real> q_model, k_model;
        for (double x : q_exact) q_model.push_back(numeric::round_to_format(real(x), dtype));
        for (const interval& x : k) {
            const real lo = numeric::round_to_format(numeric::lower_bound(x), dtype);
            const real hi = numeric::round_to_format(numeric::upper_bound(x), dtype);
            if (lo != hi) {
                result.verdict = core::Verdict::inconclusive;
                result.message = "a key coordinate lies too close to a " + dt + " rounding boundary; raise --precision";
                return result;
            }
            k_model.push_back(lo);
        }
        const auto loss = probes::pipeline_target_loss(pipeline, q_model, k_model, target, context);
        result.evidence["query_positions_checked"] = loss.positions_checked;
        if (!loss.query_position) {
            result.evidence["lost_at_query_position"] = nullptr;
            result.verdict = core::Verdict::certified;
            result.message = dt + slip + " keeps the maximum at r* = " + std::to_string(target) + " at every query position <= " +
                             std::to_string(context) + " (exact gap >= " + numeric::decimal_lower(peak.gap, 6) + ")";
            return result;
        }
        const std::int64_t i = *loss.query_position, j = loss.rival_position;
        result.evidence["lost_at_query_position"] = i;
        result.evidence["rival_key_position"] = j;
        result.evidence["target_score"] = support::exact_hex(static_cast<double>(loss.target_score));
        result.evidence["rival_score"] = support::exact_hex(static_cast<double>(loss.rival_score));
        result.verdict = core::Verdict::refuted;
        result.message = "query at " + std::to_string(i) + ": key at " + std::to_string(j) + " (distance " +
                         std::to_string(j - i) + ") scores " + support::float_text(loss.rival_score) + " >= the target's " +
                         support::float_text(loss.target_score) + " in " + dt + slip + "; exact gap >= " +
                         numeric::decimal_lower(peak.gap, 6);
        core::Counterexample cx;
        cx.kind = "a key that ties or beats Proposition 3.1's target in the pipeline";
        cx.inputs = {{"dtype", dt},
                     {"theta", schedule.theta()},
                     {"head_dim", std::to_string(schedule.head_dim())},
                     {"query profile", profile},
                     {"target distance r*", std::to_string(target)},
                     {"key built for", std::to_string(built_for)},
                     {"query position i", std::to_string(i)},
                     {"key position j", std::to_string(j)}};
        if (!slip.empty()) cx.inputs.push_back({"pipeline variant", support::variant_label(p)});
        cx.claimed = "the key at i + r* scores strictly highest at every query position <= " + std::to_string(context);
        cx.computed = result.message;
        cx.replay = support::replay_header(instance);
        cx.replay["inputs"] = {{"q", support::exact_vector(q_exact)}, {"query_position", i}, {"key_position", j}};
        result.counterexample = std::move(cx);
        return result;
    }
};

}  // namespace

ROPECHECK_REGISTER_CHECK(pipeline_prop_3_1, PipelinePeakCheck, "pipeline-prop-3.1", fields())

}  // namespace ropecheck::claims::pipeline_prop_3_1
