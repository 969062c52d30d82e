// Theorem 5.3 in the inference pipeline. Exact arithmetic: the diagonal
// construction q_i = k_j = psi on pair K keeps a(0) - a(r) = ||psi||^2 (1 -
// cos(r g_K)) > 0 for every 1 <= r <= N (certified by the sweep engine), so
// every query's own position scores strictly highest. The pipeline
// (rope::InferencePipeline: float32 angles and cos/sin, psi and the rotated
// vectors in the dtype, float32 accumulation) scores by absolute positions, and
// at some query position i <= N an earlier key ties or beats the query's own:
// the positional head's guarantee is gone at that context length. The claim
// reports that position per dtype (probes::pipeline_target_loss, exhaustive
// over every query position and key up to N).
// Negative control "pipeline-keeps": claims the pipeline keeps the diagonal up
// to N; refuted by the first query position that loses it.
#include "checks.hpp"
#include "ropecheck/numeric/certainty.hpp"
#include "ropecheck/numeric/decimal.hpp"
#include "ropecheck/probes/pipeline_target.hpp"
#include "ropecheck/probes/positional_margin.hpp"
#include "ropecheck/probes/one_pair_vector.hpp"
#include "support/claim_support.hpp"

namespace ropecheck::claims {
namespace {

using numeric::interval;
using numeric::real;


class PipelineDiagonalCheck final : public core::Check {
public:
    std::string name() const override { return "pipeline-diagonal"; }

    std::vector<core::ParameterSpec> parameters() const override {
        return {support::head_dim_parameter(),
                support::theta_parameter(),
                support::dtype_parameter(),
                {"frequency", core::ParameterKind::integer, "K, 1-based (1 = highest)", false, 1},
                {"context", core::ParameterKind::integer, "N: query positions 1..N, keys 0..i"},
                support::control_parameter("none, pipeline-keeps")};
    }

    void validate(const core::Parameters& p) const override {
        const auto schedule = support::rope_schedule(p);
        support::pipeline_dtype(p);
        support::require_range("frequency", p.integer("frequency"), 1, schedule.pairs());
        support::require_range("context", p.integer("context"), 1, probes::max_pipeline_positions);
        support::control_of(p, {"none", "pipeline-keeps"});
    }

    core::InstanceResult run(const core::Instance& instance) const override {
        const core::Parameters& p = instance.params;
        const auto schedule = support::rope_schedule(p);
        const auto dtype = support::pipeline_dtype(p);
        const int chunk = p.small_integer("frequency") - 1;
        const std::int64_t context = p.integer("context");
        const bool negative = support::control_of(p, {"none", "pipeline-keeps"}) == "pipeline-keeps";

        const auto g = schedule.frequencies<interval>()[static_cast<std::size_t>(chunk)];
        const auto exact = probes::positional_margin({g}, context);
        const std::vector<real> psi = probes::one_pair_vector(schedule.head_dim(), static_cast<std::size_t>(chunk));
        const rope::InferencePipeline pipeline(schedule, dtype);
        const auto loss = probes::pipeline_target_loss(pipeline, psi, psi, 0, context);

        core::InstanceResult result;
        const std::string dt = numeric::to_string(dtype);
        result.evidence["dtype"] = dt;
        result.evidence["psi"] = "(8, 0) on pair " + std::to_string(chunk + 1);
        result.evidence["exact_worst_distance"] = exact.worst_distance;
        result.evidence["exact_margin"] = numeric::decimal_enclosure(exact.margin, 17);
        result.evidence["float32_inv_freq"] =
            support::exact_hex(static_cast<double>(pipeline.inverse_frequencies()[static_cast<std::size_t>(chunk)]));
        result.evidence["query_positions_checked"] = loss.positions_checked;
        result.margin = core::Margin{numeric::decimal_lower(exact.margin), numeric::decimal_upper(exact.margin),
                                     "r = " + std::to_string(exact.worst_distance) + " (exact 1 - cos(r g))"};
        if (!numeric::certainly_positive(exact.margin)) {
            result.verdict = core::Verdict::inconclusive;
            result.message = "the exact margin could not be certified positive; raise --precision";
            return result;
        }
        if (!loss.query_position) {
            result.evidence["lost_at_query_position"] = nullptr;
            result.verdict = negative ? core::Verdict::certified : core::Verdict::refuted;
            result.message = "the " + dt + " pipeline keeps the diagonal at every query position <= " + std::to_string(context);
            if (!negative) {
                core::Counterexample cx;
                cx.kind = "the pipeline keeps the diagonal within the context";
                cx.inputs = {{"dtype", dt}, {"context", std::to_string(context)}};
                cx.claimed = "some query position i <= N has an earlier key scoring at least its own";
                cx.computed = result.message;
                cx.replay = support::replay_header(instance);
                result.counterexample = std::move(cx);
            }
            return result;
        }
        const std::int64_t i = *loss.query_position, j = loss.rival_position;
        result.evidence["lost_at_query_position"] = i;
        result.evidence["rival_key_position"] = j;
        result.evidence["target_score"] = support::exact_hex(static_cast<double>(loss.target_score));
        result.evidence["rival_score"] = support::exact_hex(static_cast<double>(loss.rival_score));
        const std::string what = "query at " + std::to_string(i) + ": key at " + std::to_string(j) + " scores " +
                                 support::float_text(loss.rival_score) + " >= its own " + support::float_text(loss.target_score) + " in " + dt;
        if (negative) {
            result.verdict = core::Verdict::refuted;
            result.message = what;
            core::Counterexample cx;
            cx.kind = "a query position where the pipeline loses the diagonal";
            cx.inputs = {{"dtype", dt},
                         {"theta", schedule.theta()},
                         {"head_dim", std::to_string(schedule.head_dim())},
                         {"frequency K", std::to_string(chunk + 1)},
                         {"query position i", std::to_string(i)},
                         {"key position j", std::to_string(j)}};
            cx.claimed = "the pipeline keeps the diagonal at every query position <= " + std::to_string(context);
            cx.computed = what + " (exact: a(0) - a(" + std::to_string(i - j) + ") > 0)";
            cx.replay = support::replay_header(instance);
            cx.replay["inputs"] = {{"query_position", i}, {"key_position", j}};
            result.counterexample = std::move(cx);
            return result;
        }
        result.verdict = core::Verdict::certified;
        result.message = dt + ": diagonal lost at query position " + std::to_string(i) + " (" + what +
                         "); exact arithmetic keeps a margin >= " + numeric::decimal_lower(exact.margin, 6) + " up to " +
                         std::to_string(context);
        return result;
    }
};

}  // namespace

std::unique_ptr<core::Check> make_pipeline_diagonal_check() { return std::make_unique<PipelineDiagonalCheck>(); }

}  // namespace ropecheck::claims
