// Theorem 5.3 in the inference pipeline. Exact arithmetic: the diagonal
// construction q_i = k_j = psi on pair K keeps a(0) - a(r) = ||psi||^2 (1 -
// cos(r g_K)) > 0 for every 1 <= r <= N (certified by the sweep engine), so
// every query's own position scores strictly highest. The pipeline
// (rope::InferencePipeline: float32 angles and cos/sin, psi and the rotated
// vectors in the dtype, float32 accumulation) scores by absolute positions, and
// at some query position i <= N an earlier key ties or beats the query's own
// (probes::pipeline_target_loss, exhaustive over every query position and key).
//
// Pinned (pair 1, frequency exactly 1): the diagonal is lost exactly at the
// pair's collision distance r_c (710 float32, 44 bfloat16 / float16), with the
// key at position 0 tying the query's own. Half of that is derived
// (docs/pipeline-and-formats.md, "The diagonal at the collision distance"): at
// i = r_c the rotated query is 8 (1, s) with s^2 below the dtype's half spacing
// at 64, so key 0 = (8, 0) scores 64 and the query's own key 64 too; r_c itself
// comes from support::derive_unit_frequency_collision. The other half — no
// earlier query position loses — is the claim, decided by the scan. So on pair
// 1 the claim holds only when the scan's first loss is at the derived r_c, equal
// to the spec's pinned value (pinned_<dtype>), with rival key 0. Other pairs:
// existence of a loss within N.
//
// Pipeline variants (pipeline_variant: a preset of rope/pipeline_variant.hpp,
// absent = the intended pipeline): the same scan under the slip. On pair 1 the
// derivation above is the intended pipeline's; a slip's first loss is pinned
// per preset and dtype (variant_pins, from a brute force in
// tests/claims/pipeline_thm_5_3_test.cpp) and the claim holds only when the
// scan's first loss is the pinned one. A second certified answer bounds it:
// the slip's first repeated rotation table (probes::first_position_collision,
// searched up to the loss) p = q is a loss by construction (the query at p and
// the key at q rotate psi alike, so they tie), so the first loss is at most p.
//
// Negative controls: "shifted-key" runs the same scan with the key built one
// position ahead (k = R^1 psi), so key i - 1 beats the query's own from the
// first query position on: the scan must report query 1, key 0. The context
// perturbations stop one query position before the pinned loss (the scan must
// find none). "pipeline-keeps" (control) is the complement, kept as an extra.
// For the slips: the shifted key again, and every pin moved by one.
#include <cmath>
#include <map>
#include <sstream>

#include "ropecheck/numeric/certainty.hpp"
#include "ropecheck/numeric/decimal.hpp"
#include "ropecheck/probes/one_pair_vector.hpp"
#include "ropecheck/probes/pipeline_target.hpp"
#include "ropecheck/probes/position_collision.hpp"
#include "ropecheck/probes/positional_margin.hpp"
#include "ropecheck/numeric/invalid_input.hpp"
#include "ropecheck/rope/kernel.hpp"
#include "support/claim_support.hpp"
#include "support/unit_frequency_collision.hpp"

namespace ropecheck::claims::pipeline_thm_5_3 {
namespace {

struct DiagonalLossPoint : support::PinnedScanPoint, support::VariantPoint {
    std::optional<std::string> variant_pins;
};
using Params = DiagonalLossPoint;

const std::vector<std::string> controls{"none", "pipeline-keeps", "shifted-key"};

// Each parameter once: the schema, the range checks and the run all read it.
// pipeline_variant follows dtype and variant_pins the pins, so that neither is
// the last key of a record.
support::Fields<Params> fields() {
    support::Fields<Params> f = support::pinned_scan_fields<Params>(
        "N: query positions 1..N, keys 0..i",
        " query position losing the diagonal on pair 1 (= the collision distance, docs/pipeline-and-formats.md) "
        "in the intended pipeline; 0 = not pinned; other pairs ignore it",
        controls);
    const auto variant = support::variant_fields<Params>();
    f.insert(f.begin() + 3, variant.begin(), variant.end());
    f.insert(f.end() - 1, {{"variant_pins", core::ParameterKind::text,
                            "the first query position losing the diagonal on pair 1 under each slip, in float32, "
                            "bfloat16 and float16: \"PRESET F32 BF16 F16; ...\" (0 = not pinned)"},
                           &Params::variant_pins});
    return f;
}

// variant_pins: preset -> the pins in float32, bfloat16, float16. Throws InvalidInput
// naming the parameter for a malformed entry, an unknown or repeated preset.
std::map<std::string, support::PinnedPerDtype> slip_pins(const std::optional<std::string>& text) {
    std::map<std::string, support::PinnedPerDtype> out;
    if (!text) return out;
    std::stringstream entries(*text);
    for (std::string entry; std::getline(entries, entry, ';');) {
        std::istringstream in(entry);
        std::string preset, rest;
        support::PinnedPerDtype pin;
        in >> preset >> pin.pinned_float32 >> pin.pinned_bfloat16 >> pin.pinned_float16;
        const bool complete = !in.fail() && !(in >> rest);
        if (!complete)
            throw InvalidInput("parameter \"variant_pins\": \"" + entry +
                               "\" is not \"PRESET F32 BF16 F16\" (entries separated by ';')");
        if (rope::parse_variant(preset, "variant_pins") == rope::PipelineVariant{})
            throw InvalidInput("parameter \"variant_pins\": " + preset + " is the intended pipeline, pinned by pinned_<dtype>");
        if (!out.emplace(preset, pin).second)
            throw InvalidInput("parameter \"variant_pins\": " + preset + " is pinned twice");
    }
    return out;
}

class PipelineDiagonalCheck final : public support::ClaimCheck<Params> {
    using ClaimCheck::ClaimCheck;

    void check(const Params& p) const override {
        support::check_pinned_scan(p, probes::max_pipeline_positions, probes::max_pipeline_positions, controls);
        support::pipeline_variant_of(p);
        for (const auto& [preset, pin] : slip_pins(p.variant_pins))
            for (const char* dtype : {"float32", "bfloat16", "float16"})
                support::require_range("variant_pins " + preset + " " + dtype, pin.pinned(dtype), 0,
                                       probes::max_pipeline_positions);
    }

    core::InstanceResult decide(const core::Instance& instance, const Params& p) const override {
        const auto schedule = support::rope_schedule(p);
        const auto dtype = support::pipeline_dtype(p.dtype);
        const int chunk = static_cast<int>(p.frequency) - 1;
        const std::int64_t context = p.context;
        const std::string& control = p.control;
        const std::string dt = numeric::to_string(dtype);

        const auto g = schedule.frequencies<interval>()[static_cast<std::size_t>(chunk)];
        const auto exact = probes::positional_margin({g}, context);
        const std::vector<real> psi = probes::one_pair_vector(schedule.head_dim(), static_cast<std::size_t>(chunk));
        // shifted-key: k = R^1 psi (exact rotation by one position, rounded to
        // the dtype by the pipeline like any activation): a(r) peaks at r = -1.
        const std::vector<real> key =
            control == "shifted-key" ? rope::rotate<real>(psi, schedule.frequencies<real>(), 1) : psi;
        const bool slip = support::runs_slip(p);
        const rope::InferencePipeline pipeline(schedule, dtype, support::pipeline_variant_of(p));
        const auto loss = probes::pipeline_target_loss(pipeline, psi, key, 0, context);

        core::InstanceResult result;
        result.evidence["dtype"] = dt;
        support::record_slip(result, p, dtype);
        result.evidence["psi"] = "(8, 0) on pair " + std::to_string(chunk + 1);
        result.evidence["key"] = control == "shifted-key" ? "R^1 psi (shifted one position ahead)" : "psi";
        support::record_exact_margin(result, exact.worst_distance, exact.margin, "exact 1 - cos(r g)");
        result.evidence["float32_inv_freq"] =
            support::exact_hex(static_cast<double>(pipeline.inverse_frequencies()[static_cast<std::size_t>(chunk)]));
        result.evidence["query_positions_checked"] = loss.positions_checked;
        if (!support::certainly_positive_or_inconclusive(
                result, exact.margin, "the exact margin could not be certified positive; raise --precision"))
            return result;
        const std::optional<std::int64_t>& lost = loss.query_position;
        const std::int64_t j = loss.rival_position;
        result.evidence["lost_at_query_position"] = lost ? core::json(*lost) : core::json(nullptr);
        if (lost) {
            result.evidence["rival_key_position"] = j;
            result.evidence["target_score"] = support::exact_hex(static_cast<double>(loss.target_score));
            result.evidence["rival_score"] = support::exact_hex(static_cast<double>(loss.rival_score));
        }
        const std::string scan_text =
            lost ? "query at " + std::to_string(*lost) + ": key at " + std::to_string(j) + " scores " +
                       support::float_text(loss.rival_score) + " >= its own " + support::float_text(loss.target_score) +
                       " in " + dt
                 : "the " + dt + " pipeline keeps the diagonal at every query position <= " + std::to_string(context);
        const auto refute = [&](const std::string& kind, const std::string& claimed, const std::string& computed) {
            auto inputs = support::pipeline_inputs(dt, schedule, chunk);
            inputs.push_back({"key", control == "shifted-key" ? "R^1 psi" : "psi"});
            inputs.push_back({"context", std::to_string(context)});
            if (slip) inputs.push_back({"pipeline variant", support::variant_label(p)});
            return support::refuted(std::move(result), instance, kind, std::move(inputs), claimed, computed,
                                    {{"query_position", lost ? core::json(*lost) : core::json(nullptr)},
                                     {"key_position", lost ? core::json(j) : core::json(nullptr)}});
        };

        if (control == "pipeline-keeps") {
            if (!lost) {
                result.verdict = core::Verdict::certified;
                result.message = scan_text;
                return result;
            }
            return refute("a query position where the pipeline loses the diagonal",
                          "the pipeline keeps the diagonal at every query position <= " + std::to_string(context),
                          scan_text + " (exact: a(0) - a(" + std::to_string(*lost - j) + ") > 0)");
        }

        if (slip) {
            if (!lost)
                return refute("the pipeline keeps the diagonal within the context",
                              "some query position i <= N has an earlier key scoring at least its own", scan_text);
            // The slip's first repeated rotation table ties by construction; searched up
            // to the loss (a repeat after it cannot move it).
            const auto repeat = probes::first_position_collision(pipeline, *lost);
            result.evidence["first_repeated_table"] =
                repeat.position ? core::json({{"position", *repeat.position}, {"same_as", repeat.collides_with}})
                                : core::json(nullptr);
            if (repeat.position && *repeat.position < *lost)
                return refute("the scan's first loss is after a repeated rotation table",
                              "position " + std::to_string(*repeat.position) + " has the table of position " +
                                  std::to_string(repeat.collides_with) + ", a tie: the first loss is at most there",
                              scan_text);
            const auto pins = slip_pins(p.variant_pins);
            const auto pinned = pins.find(support::variant_label(p));
            const std::int64_t pin = chunk == 0 && pinned != pins.end() ? pinned->second.pinned(dt) : 0;
            result.evidence["pinned_loss_position"] = pin > 0 ? core::json(pin) : core::json(nullptr);
            if (pin > 0 && *lost != pin)
                return refute("the scan's first loss is not the pinned one",
                              "under " + support::variant_label(p) + " the diagonal is lost first at query position " +
                                  std::to_string(pin),
                              scan_text);
            result.verdict = core::Verdict::certified;
            result.message = dt + ", " + support::variant_label(p) + ": diagonal lost at query position " +
                             std::to_string(*lost) + " (" + scan_text + (pin > 0 ? "; = the pinned loss" : "") +
                             "); exact arithmetic keeps a margin >= " + numeric::decimal_lower(exact.margin, 6) +
                             " up to " + std::to_string(context);
            return result;
        }

        const std::string claimed_loss = "the diagonal is lost first at the pair's collision distance, key 0";
        if (chunk == 0) {
            const auto derived = support::derive_unit_frequency_collision(dtype, context);
            result.evidence["derived_collision_distance"] =
                derived.distance ? core::json(*derived.distance) : core::json(nullptr);
            if (!derived.decided) {
                result.verdict = core::Verdict::inconclusive;
                result.message = "the continued-fraction derivation could not be decided; raise --precision";
                return result;
            }
            const std::int64_t pin = p.pinned(dt);
            result.evidence["pinned_loss_position"] = pin > 0 ? core::json(pin) : core::json(nullptr);
            if (pin > 0 && derived.distance != (pin <= context ? std::optional<std::int64_t>(pin) : std::nullopt))
                return refute("the pinned loss position disagrees with the derivation", claimed_loss,
                              "pinned " + std::to_string(pin) + ", derived collision distance " +
                                  (derived.distance ? std::to_string(*derived.distance) : "none") + " within " +
                                  std::to_string(context));
            if (!lost)
                return refute("the pipeline keeps the diagonal within the context", claimed_loss, scan_text);
            if (derived.distance != lost || j != 0)
                return refute("the scan's first loss is not the derived one", claimed_loss + " (derived: " +
                                  (derived.distance ? std::to_string(*derived.distance) : "none") + ")",
                              scan_text);
            // The derived tie itself: at i = r_c the rotated query is (8, 8 s)
            // exactly (its cos rounded to 1) with s^2 <= 2^-p, so key 0 = (8, 0)
            // and the query's own key both score exactly ||psi||^2 = 64.
            const std::vector<float> rotated = pipeline.rotate(pipeline.to_dtype(psi), *lost);
            const float x = rotated[0], y = rotated[1];
            const double s = static_cast<double>(y) / 8;  // exact: y is a dtype value
            const int precision = numeric::parameters_of(dtype).precision;
            result.evidence["rotated_query_at_loss"] = {support::exact_hex(x), support::exact_hex(y)};
            if (x != 8.0F || s * s > std::ldexp(1.0, -precision) || loss.target_score != 64.0F ||
                loss.rival_score != 64.0F)
                return refute("the derived tie at the collision distance does not hold in the pipeline",
                              "at query " + std::to_string(*lost) +
                                  " the rotated query is (8, 8 s) with s^2 <= 2^-p and both scores are exactly 64",
                              "rotated query (" + support::float_text(x) + ", " + support::float_text(y) + "); " +
                                  scan_text);
        } else if (!lost) {
            return refute("the pipeline keeps the diagonal within the context",
                          "some query position i <= N has an earlier key scoring at least its own", scan_text);
        }
        result.verdict = core::Verdict::certified;
        result.message = dt + ": diagonal lost at query position " + std::to_string(*lost) + " (" + scan_text +
                         (chunk == 0 ? "; = the derived collision distance" : "") +
                         "); exact arithmetic keeps a margin >= " + numeric::decimal_lower(exact.margin, 6) +
                         " up to " + std::to_string(context);
        return result;
    }
};

}  // namespace

ROPECHECK_REGISTER_CHECK(pipeline_thm_5_3, PipelineDiagonalCheck, "pipeline-thm-5.3", fields())

}  // namespace ropecheck::claims::pipeline_thm_5_3
