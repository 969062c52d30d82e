// Finite precision against exact arithmetic (issue: real models). In exact
// arithmetic the diagonal construction of Theorem 5.3 separates every distance
// r <= N from 0 on frequency g_k (Lemma A.1: 1 - cos(r g_k) > 0, certified by
// the sweep engine); in the inference pipeline (float32 inv_freq, angle and
// cos, rounded to the model dtype) it stops at the first distance whose
// rounded cos is exactly 1 (probes::float_collision, decided with MPFR). The
// claim: for the given dtype the guarantee is lost by distance N while exact
// arithmetic keeps it — the context length at which the positional head can no
// longer tell r from 0 is reported per dtype.
// Negative control "pipeline-separates": claims the dtype pipeline separates
// every r <= N from 0; refuted by the collision distance.
#include "checks.hpp"
#include "ropecheck/numeric/certainty.hpp"
#include "ropecheck/numeric/decimal.hpp"
#include "ropecheck/numeric/invalid_input.hpp"
#include "ropecheck/probes/float_collision.hpp"
#include "ropecheck/probes/positional_margin.hpp"
#include "support/claim_support.hpp"

namespace ropecheck::claims {
namespace {

using numeric::interval;

class FloatCollisionCheck final : public core::Check {
public:
    std::string name() const override { return "float-collision"; }

    std::vector<core::ParameterSpec> parameters() const override {
        return {support::head_dim_parameter(),
                support::theta_parameter(),
                support::dtype_parameter(),
                {"frequency", core::ParameterKind::integer, "K, 1-based (1 = highest)", false, 1},
                {"context", core::ParameterKind::integer, "N: distances 1..N"},
                support::control_parameter("none, pipeline-separates")};
    }

    void validate(const core::Parameters& p) const override {
        const auto schedule = support::rope_schedule(p);
        support::pipeline_dtype(p);
        support::require_range("frequency", p.integer("frequency"), 1, schedule.pairs());
        support::require_range("context", p.integer("context"), 1, 100'000'000);
        support::control_of(p, {"none", "pipeline-separates"});
    }

    core::InstanceResult run(const core::Instance& instance) const override {
        const core::Parameters& p = instance.params;
        const auto schedule = support::rope_schedule(p);
        const auto dtype = support::pipeline_dtype(p);
        const int chunk = static_cast<int>(p.integer("frequency")) - 1;
        const std::int64_t context = p.integer("context");
        const bool negative = support::control_of(p, {"none", "pipeline-separates"}) == "pipeline-separates";

        const auto g = schedule.frequencies<interval>()[static_cast<std::size_t>(chunk)];
        const auto exact = probes::positional_margin({g}, context);
        const auto pipeline = probes::float_collision(schedule, chunk, dtype, context);

        core::InstanceResult result;
        result.evidence["dtype"] = numeric::to_string(dtype);
        result.evidence["exact_worst_distance"] = exact.worst_distance;
        result.evidence["exact_margin"] = numeric::decimal_enclosure(exact.margin, 17);
        result.evidence["float32_inv_freq"] = support::exact_hex(static_cast<double>(pipeline.inverse_frequency));
        if (pipeline.first_collision_distance) result.evidence["first_collision_distance"] = *pipeline.first_collision_distance;
        else result.evidence["first_collision_distance"] = nullptr;
        result.margin = core::Margin{numeric::decimal_lower(exact.margin), numeric::decimal_upper(exact.margin),
                                     "r = " + std::to_string(exact.worst_distance) + " (exact arithmetic)"};
        if (!numeric::certainly_positive(exact.margin)) {
            result.verdict = core::Verdict::inconclusive;
            result.message = "the exact margin could not be certified positive";
            return result;
        }
        const auto& collision = pipeline.first_collision_distance;
        if (negative || !collision) {
            if (!collision) {
                result.verdict = negative ? core::Verdict::certified : core::Verdict::refuted;
                result.message = "the " + numeric::to_string(dtype) + " pipeline separates every r <= " +
                                 std::to_string(context) + " from 0";
                if (!negative) {
                    core::Counterexample cx;
                    cx.kind = "no collision within the context";
                    cx.inputs = {{"dtype", numeric::to_string(dtype)}, {"context", std::to_string(context)}};
                    cx.claimed = "the pipeline loses the positional guarantee by distance N";
                    cx.computed = result.message;
                    cx.replay = support::replay_header(instance);
                    result.counterexample = std::move(cx);
                }
                return result;
            }
            result.verdict = core::Verdict::refuted;
            result.message = "the " + numeric::to_string(dtype) + " pipeline rounds cos(r g_" + std::to_string(chunk + 1) +
                             ") to 1 at r = " + std::to_string(*collision);
            core::Counterexample cx;
            cx.kind = "a distance the pipeline cannot tell from 0";
            cx.inputs = {{"dtype", numeric::to_string(dtype)},
                         {"theta", schedule.theta()},
                         {"head_dim", std::to_string(schedule.head_dim())},
                         {"frequency K", std::to_string(chunk + 1)},
                         {"distance r", std::to_string(*collision)},
                         {"float32 angle", support::exact_hex(pipeline.angle_at_collision)}};
            cx.claimed = "the pipeline separates every r <= " + std::to_string(context) + " from 0";
            cx.computed = "rounded cos(angle) = 1 exactly at r = " + std::to_string(*collision) +
                          " (exact 1 - cos(r g) >= " + numeric::decimal_lower(exact.margin, 6) + " > 0)";
            cx.replay = support::replay_header(instance);
            cx.replay["inputs"] = {{"distance", *collision}};
            result.counterexample = std::move(cx);
            return result;
        }
        result.verdict = core::Verdict::certified;
        result.message = numeric::to_string(dtype) + ": positional guarantee lost at r = " + std::to_string(*collision) +
                         " (exact arithmetic keeps a margin >= " + numeric::decimal_lower(exact.margin, 6) + " up to " +
                         std::to_string(context) + ")";
        return result;
    }
};

}  // namespace

std::unique_ptr<core::Check> make_float_collision_check() { return std::make_unique<FloatCollisionCheck>(); }

}  // namespace ropecheck::claims
