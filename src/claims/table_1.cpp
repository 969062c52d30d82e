// Table 1 of the paper, regenerated from certified computations for one
// (d, theta, p): does the schedule admit
//   positional patterns  — a head that is diagonal up to `context` with weight
//                          > 1 - epsilon (Definition 5.1)? For p > 0 the
//                          Theorem 5.3 construction on the highest kept frequency
//                          g_1, with its least scale certified by diagonal-scale;
//                          for p = 0 (NoPE) no: every frequency is exactly 0, the
//                          activation does not depend on position, and Prop 5.2's
//                          input [x_bos, x_1, x_1] ties positions 2 and 3.
//   robust semantic channels — a chunk whose aligned activation cos(r g) stays
//                          >= 0 for every r <= robust_length? A removed frequency
//                          (exactly 0) is robust for every r; a rotating one is
//                          not once its certified break distance is <= the length.
// The expected row is the paper's: NoPE (semantic yes, positional no), RoPE
// (no, yes), p-RoPE with 0 < p < 1 (yes, yes).
// Negative control "claim-rope-robust": claims RoPE (p = 1) keeps a robust
// semantic channel up to robust_length; refuted by the lowest frequency's
// certified break distance.
#include "checks.hpp"
#include "ropecheck/numeric/certainty.hpp"
#include "ropecheck/numeric/decimal.hpp"
#include "ropecheck/numeric/invalid_input.hpp"
#include "ropecheck/probes/diagonal_scale.hpp"
#include "ropecheck/probes/semantic_break.hpp"
#include "ropecheck/rope/frequency_schedule.hpp"
#include "support/claim_support.hpp"

namespace ropecheck::claims {
namespace {

using numeric::interval;
using rope::FrequencySchedule;

std::string yes_no(bool b) { return b ? "yes" : "no"; }

class TableOneCheck final : public core::Check {
public:
    std::string name() const override { return "table-1"; }

    std::vector<core::ParameterSpec> parameters() const override {
        return {support::head_dim_parameter(),
                support::theta_parameter(),
                {"p", core::ParameterKind::fraction, "p of p-RoPE (0 = NoPE, 1 = RoPE)"},
                {"context", core::ParameterKind::integer, "N of the positional pattern"},
                {"epsilon", core::ParameterKind::decimal, "epsilon of the positional pattern"},
                {"robust_length", core::ParameterKind::integer, "length a semantic channel must survive"},
                support::control_parameter("none, claim-rope-robust")};
    }

    void validate(const core::Parameters& params) const override {
        FrequencySchedule(rope::RotaryKind::p_rope, params.decimal("theta"), params.small_integer("head_dim"),
                          params.fraction("p"));
        support::require_range("context", params.integer("context"), 2, 1'000'000);
        support::require_range("robust_length", params.integer("robust_length"), 1, 1'000'000'000);
        const double eps = std::stod(params.decimal("epsilon"));
        if (!(eps > 0 && eps <= 0.5)) throw InvalidInput("epsilon must lie in (0, 1/2]");
        support::control_of(params, {"none", "claim-rope-robust"});
    }

    core::InstanceResult run(const core::Instance& instance) const override {
        const core::Parameters& params = instance.params;
        const FrequencySchedule schedule(rope::RotaryKind::p_rope, params.decimal("theta"),
                                         params.small_integer("head_dim"), params.fraction("p"));
        const auto freqs = schedule.frequencies<interval>();
        const int kept = schedule.rotated_pairs();
        const int pairs = schedule.pairs();
        const std::int64_t length = params.integer("robust_length");
        const bool negative = support::control_of(params, {"none", "claim-rope-robust"}) == "claim-rope-robust";

        core::InstanceResult result;
        // Positional patterns.
        bool positional = false;
        bool positional_certified = true;
        if (kept > 0) {
            const auto scale = probes::diagonal_scale(freqs[0], params.integer("context"), params.decimal("epsilon"));
            positional = scale.certified;
            positional_certified = scale.certified;
            result.evidence["least_scale_g1"] = numeric::decimal_enclosure(scale.scale, 12);
        } else {
            result.evidence["least_scale_g1"] = "none: every frequency is exactly 0 (NoPE)";
        }
        // Robust semantic channels: a removed chunk, or a rotating one that never breaks within the length.
        bool robust = kept < pairs;
        bool robust_certified = true;
        std::optional<std::int64_t> lowest_break;
        if (!robust) {
            const auto lowest = probes::semantic_break({freqs[static_cast<std::size_t>(pairs - 1)]}, length);
            robust_certified = lowest.certified;
            robust = !lowest.first_break_distance.has_value();
            lowest_break = lowest.first_break_distance;
        }
        if (lowest_break) result.evidence["lowest_frequency_break_distance"] = *lowest_break;
        const bool expected_semantic = kept < pairs;
        const bool expected_positional = kept > 0;
        result.evidence["row"] = {{"p", params.fraction("p").str()},
                                  {"kept_pairs", kept},
                                  {"robust_semantic_channels", yes_no(robust)},
                                  {"positional_patterns", yes_no(positional)}};

        if (!positional_certified || !robust_certified) {
            result.verdict = core::Verdict::inconclusive;
            result.message = "a Table 1 entry could not be certified at " + std::to_string(instance.precision_bits) + " bits";
            return result;
        }
        if (negative) {
            if (!robust && lowest_break) {
                result.verdict = core::Verdict::refuted;
                result.message = "the lowest RoPE frequency breaks at r = " + std::to_string(*lowest_break) +
                                 " <= " + std::to_string(length);
                core::Counterexample cx;
                cx.kind = "a semantic channel breaks within the length";
                cx.inputs = {{"head_dim", std::to_string(schedule.head_dim())}, {"theta", schedule.theta()},
                             {"p", params.fraction("p").str()}, {"break distance", std::to_string(*lowest_break)}};
                cx.claimed = "RoPE keeps a channel with cos(r g) >= 0 for every r <= " + std::to_string(length);
                cx.computed = "cos(r g_{d/2}) < 0 at r = " + std::to_string(*lowest_break);
                cx.replay = support::replay_header(instance);
                cx.replay["inputs"] = {{"break_distance", *lowest_break}};
                result.counterexample = std::move(cx);
            } else {
                result.verdict = core::Verdict::certified;
                result.message = "a robust channel exists here (p < 1 or the length is too short)";
            }
            return result;
        }
        if (robust != expected_semantic || positional != expected_positional) {
            result.verdict = core::Verdict::refuted;
            result.message = "row (semantic " + yes_no(robust) + ", positional " + yes_no(positional) +
                             ") differs from the paper's (" + yes_no(expected_semantic) + ", " +
                             yes_no(expected_positional) + ")";
            core::Counterexample cx;
            cx.kind = "a Table 1 row differs";
            cx.inputs = {{"p", params.fraction("p").str()}, {"head_dim", std::to_string(schedule.head_dim())}};
            cx.claimed = "the paper's Table 1 row";
            cx.computed = result.message;
            cx.replay = support::replay_header(instance);
            result.counterexample = std::move(cx);
            return result;
        }
        result.verdict = core::Verdict::certified;
        result.message = "p = " + params.fraction("p").str() + ": robust semantic channels " + yes_no(robust) +
                         ", positional patterns " + yes_no(positional) + " (as in the paper)";
        return result;
    }
};

}  // namespace

std::unique_ptr<core::Check> make_table_1_check() { return std::make_unique<TableOneCheck>(); }

}  // namespace ropecheck::claims
