// Finite precision against exact arithmetic (issue: real models). In exact
// arithmetic the diagonal construction of Theorem 5.3 separates every distance
// r <= N from 0 on frequency g_k (Lemma A.1: 1 - cos(r g_k) > 0, certified by
// the sweep engine); in the inference pipeline (float32 inv_freq, angle and
// cos, rounded to the model dtype) it stops at the first distance whose
// rounded cos is exactly 1 (probes::float_collision, decided with MPFR). The
// claim: for the given dtype the guarantee is lost by distance N while exact
// arithmetic keeps it.
//
// Pinned (pair 1, whose frequency is exactly 1 for every base): the first
// collision distance is known without the pipeline, from the continued
// fraction of 1/(2 pi) and the dtype's spacing below 1
// (support::derive_unit_frequency_collision; derivation and the values 710 /
// 44 / 44 in docs/pipeline-and-formats.md). On pair 1 the claim holds only when
// the scan, that derivation and the spec's pinned value (pinned_<dtype>) name
// the same distance. Other pairs have no second derivation: the claim there is
// the existence of a collision within N.
//
// Negative controls (theorems/float-collision.toml): the claim's own check on
// perturbed inputs — a context that stops one before the collision (the scan
// must search every distance and find none) and pinned values shifted by one
// (the scan must find the true distance, not the pinned one) — and the
// complement "pipeline-separates" (control), refuted by the collision.
#include "ropecheck/numeric/certainty.hpp"
#include "ropecheck/numeric/decimal.hpp"
#include "ropecheck/numeric/invalid_input.hpp"
#include "ropecheck/probes/float_collision.hpp"
#include "ropecheck/probes/positional_margin.hpp"
#include "ropecheck/rope/inference_pipeline.hpp"
#include "support/claim_support.hpp"
#include "support/unit_frequency_collision.hpp"

namespace ropecheck::claims::float_collision {
namespace {

using Params = support::PinnedScanPoint;

const std::vector<std::string> controls{"none", "pipeline-separates"};

// Each parameter once: the schema, the range checks and the run all read it.
support::Fields<Params> fields() {
    return support::pinned_scan_fields("N: distances 1..N",
                                       " collision distance on pair 1 (frequency exactly 1), derived in "
                                       "docs/pipeline-and-formats.md; 0 = not pinned; other pairs ignore it",
                                       controls);
}

std::string distance_text(const std::optional<std::int64_t>& r) {
    return r ? std::to_string(*r) : std::string("none");
}

class FloatCollisionCheck final : public support::ClaimCheck<Params> {
    using ClaimCheck::ClaimCheck;

    void check(const Params& p) const override {
        support::check_pinned_scan(p, 100'000'000, (std::int64_t{1} << 24) - 1, controls);
    }

    core::InstanceResult decide(const core::Instance& instance, const Params& p) const override {
        const auto schedule = support::rope_schedule(p);
        const auto dtype = support::pipeline_dtype(p.dtype);
        const std::string dt = numeric::to_string(dtype);
        const int chunk = static_cast<int>(p.frequency) - 1;
        const std::int64_t context = p.context;
        const bool complement = p.control == "pipeline-separates";

        const auto g = schedule.frequencies<interval>()[static_cast<std::size_t>(chunk)];
        const auto exact = probes::positional_margin({g}, context);
        const auto pipeline = probes::float_collision(schedule, chunk, dtype, context);
        const auto& collision = pipeline.first_collision_distance;

        core::InstanceResult result;
        result.evidence["dtype"] = dt;
        support::record_exact_margin(result, exact.worst_distance, exact.margin, "exact arithmetic");
        result.evidence["float32_inv_freq"] = support::exact_hex(static_cast<double>(pipeline.inverse_frequency));
        result.evidence["first_collision_distance"] = collision ? core::json(*collision) : core::json(nullptr);
        if (!support::certainly_positive_or_inconclusive(result, exact.margin,
                                                         "the exact margin could not be certified positive"))
            return result;
        const auto refute = [&](const std::string& kind, const std::string& claimed, const std::string& computed) {
            auto inputs = support::pipeline_inputs(dt, schedule, chunk);
            inputs.push_back({"context", std::to_string(context)});
            if (collision) inputs.push_back({"float32 angle at the collision", support::exact_hex(pipeline.angle_at_collision)});
            return support::refuted(std::move(result), instance, kind, std::move(inputs), claimed, computed,
                                    {{"distance", collision ? core::json(*collision) : core::json(nullptr)}});
        };
        const std::string scan_text =
            collision ? "the " + dt + " pipeline rounds cos(r g_" + std::to_string(chunk + 1) + ") to 1 at r = " +
                            std::to_string(*collision)
                      : "the " + dt + " pipeline separates every r <= " + std::to_string(context) + " from 0";

        if (complement) {
            if (!collision) {
                result.verdict = core::Verdict::certified;
                result.message = scan_text;
                return result;
            }
            return refute("a distance the pipeline cannot tell from 0",
                          "the pipeline separates every r <= " + std::to_string(context) + " from 0",
                          scan_text + " (exact 1 - cos(r g) >= " + numeric::decimal_lower(exact.margin, 6) + " > 0)");
        }

        // Pair 1: the scan must agree with the derivation and the pinned value.
        if (chunk == 0) {
            if (pipeline.inverse_frequency != 1.0F)
                return refute("pair 1 does not rotate at frequency 1 in the pipeline", "float32 inv_freq of pair 1 = 1",
                              "float32 inv_freq of pair 1 = " + support::exact_hex(pipeline.inverse_frequency));
            const auto derived = support::derive_unit_frequency_collision(dtype, std::min<std::int64_t>(context, (1 << 24) - 1));
            core::json tried = core::json::array();
            for (std::int64_t q : derived.denominators) tried.push_back(q);
            result.evidence["derived_collision_distance"] = derived.distance ? core::json(*derived.distance) : core::json(nullptr);
            result.evidence["convergent_denominators_tried"] = tried;
            result.evidence["threshold_eps"] = numeric::decimal_enclosure(support::unit_collision_threshold(dtype), 12);
            if (!derived.decided) {
                result.verdict = core::Verdict::inconclusive;
                result.message = "the continued-fraction derivation could not be decided; raise --precision";
                return result;
            }
            if (derived.distance)
                result.evidence["derived_one_minus_cos"] = numeric::decimal_enclosure(derived.one_minus_cos, 6);
            const std::int64_t pin = p.pinned(dt);
            result.evidence["pinned_collision_distance"] = pin > 0 ? core::json(pin) : core::json(nullptr);
            if (derived.distance != collision)
                return refute("the scan disagrees with the continued-fraction derivation",
                              "first collision within N at the first convergent denominator q of 1/(2 pi) with 1 - cos(q) <= eps: " +
                                  distance_text(derived.distance),
                              scan_text + "; derived: " + distance_text(derived.distance));
            if (pin > 0) {
                const std::optional<std::int64_t> pinned_within =
                    pin <= context ? std::optional<std::int64_t>(pin) : std::nullopt;
                if (pinned_within != collision)
                    return refute("the scan disagrees with the pinned collision distance",
                                  "first collision at the pinned r = " + std::to_string(pin),
                                  scan_text + "; pinned: " + std::to_string(pin) + " (derived " +
                                      distance_text(derived.distance) + ")");
            }
        }
        if (!collision)
            return refute("no collision within the context", "the pipeline loses the positional guarantee by distance N",
                          scan_text);
        result.verdict = core::Verdict::certified;
        result.message = dt + ": positional guarantee lost at r = " + std::to_string(*collision) +
                         (chunk == 0 ? " (= the continued-fraction derivation" +
                                           std::string(p.pinned(dt) > 0 ? " and the pinned value" : "") + ")"
                                     : "") +
                         "; exact arithmetic keeps a margin >= " + numeric::decimal_lower(exact.margin, 6) + " up to " +
                         std::to_string(context);
        return result;
    }
};

}  // namespace

ROPECHECK_REGISTER_CHECK(float_collision, FloatCollisionCheck, "float-collision", fields())

}  // namespace ropecheck::claims::float_collision
