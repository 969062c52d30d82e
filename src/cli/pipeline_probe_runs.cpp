// The inference-pipeline probes of `ropecheck probe`:
//   pipeline-diagonal  the first query position at which the pipeline loses Theorem
//                      5.3's diagonal (psi = (8, 0) on pair K, every key j <= i compared)
//   pipeline-flip      the first distance at which the pipeline stops ranking the
//                      aligned target of pair K above a zero-activation key, next to
//                      the exact break distance
// Both on any schedule the probe options describe, in a model dtype.
#include <string>
#include <vector>

#include "probe_parts.hpp"
#include "ropecheck/cli/model_config.hpp"
#include "ropecheck/numeric/decimal.hpp"
#include "ropecheck/numeric/invalid_input.hpp"
#include "ropecheck/probes/one_pair_vector.hpp"
#include "ropecheck/probes/pipeline_channel_break.hpp"
#include "ropecheck/probes/pipeline_target.hpp"
#include "ropecheck/rope/inference_pipeline.hpp"

namespace ropecheck::cli::detail {
namespace {

using core::json;

json optional_distance(const std::optional<std::int64_t>& d) { return d ? json(*d) : json(nullptr); }

std::string score_text(float x) { return numeric::float32_decimal(x); }

struct PipelineSetup {
    rope::FrequencySchedule schedule;
    std::size_t pair;
    rope::InferencePipeline pipeline;
    std::vector<numeric::real> psi;  // (8, 0) on the pair
};

PipelineSetup setup(const ProbeOptions& o) {
    rope::FrequencySchedule schedule = schedule_of(o);
    const auto pair = static_cast<std::size_t>(*o.frequency - 1);
    if (!schedule.chunks()[pair].rotated)
        throw InvalidInput("--frequency " + std::to_string(*o.frequency) + ": that pair does not rotate in this schedule");
    rope::InferencePipeline pipeline(schedule, rope::parse_pipeline_dtype(*o.dtype));
    std::vector<numeric::real> psi = probes::one_pair_vector(schedule.head_dim(), pair);
    return {std::move(schedule), pair, std::move(pipeline), std::move(psi)};
}

}  // namespace

ProbeAnswer run_pipeline_diagonal(const ProbeOptions& o) {
    const PipelineSetup s = setup(o);
    const auto loss = probes::pipeline_target_loss(s.pipeline, s.psi, s.psi, 0, *o.context);
    ProbeAnswer out;
    out.fields["dtype"] = *o.dtype;
    out.fields["float32_inv_freq"] = numeric::float32_decimal(s.pipeline.inverse_frequencies()[s.pair]);
    out.fields["lost_at_query_position"] = optional_distance(loss.query_position);
    if (loss.query_position) {
        out.fields["rival_key_position"] = loss.rival_position;
        out.fields["target_score"] = score_text(loss.target_score);
        out.fields["rival_score"] = score_text(loss.rival_score);
        out.text = "lost at query position " + std::to_string(*loss.query_position) + ": the key at " +
                   std::to_string(loss.rival_position) + " scores " + score_text(loss.rival_score) +
                   " >= the query's own " + score_text(loss.target_score) + " in " + *o.dtype +
                   " (exhaustive over every query position and key up to it)";
    } else {
        out.text = "kept: at every query position i <= " + std::to_string(*o.context) +
                   " the query's own key scores strictly highest in " + *o.dtype + " (exhaustive)";
    }
    return out;
}

ProbeAnswer run_pipeline_flip(const ProbeOptions& o) {
    const PipelineSetup s = setup(o);
    const auto c = probes::compare_channel_break(s.pipeline, s.pair,
                                                 s.schedule.frequencies<numeric::interval>()[s.pair], o.context);
    const auto& exact = c.exact;
    if (!exact.certified) throw InvalidInput("the exact break distance could not be certified; raise --precision");
    ProbeAnswer out;
    out.fields["dtype"] = *o.dtype;
    out.fields["exact_break_distance"] = optional_distance(exact.first_break_distance);
    if (c.context == 0) {
        out.fields["flip_distance"] = nullptr;
        out.text = "no exact break up to " + std::to_string(probes::max_flip_position / 2) +
                   ": give --context N to compare the pipeline over N positions";
        return out;
    }
    const std::int64_t context = c.context;
    const probes::PipelineFlip& flip = c.flip;
    out.fields["context"] = context;
    out.fields["first_distance_scanned"] = flip.first_distance_scanned;
    out.fields["flip_distance"] = optional_distance(flip.distance);
    const std::string exact_text = exact.first_break_distance
                                       ? "exact break at " + std::to_string(*exact.first_break_distance)
                                       : "no exact break up to " + std::to_string(context);
    if (!flip.distance) {
        out.text = "no earlier break: the " + *o.dtype + " pipeline keeps the target ahead at every distance below " +
                   (exact.first_break_distance ? "the exact break" : std::to_string(context + 1)) +
                   " for every query position <= " + std::to_string(context) + " (" + exact_text + ")";
        return out;
    }
    out.fields["query_position"] = flip.query_position;
    out.fields["score"] = score_text(flip.score);
    out.fields["strict_flip_distance"] = optional_distance(c.strict_flip_distance);
    out.text = "breaks at distance " + std::to_string(*flip.distance) + " (query position " +
               std::to_string(flip.query_position) + ", score " + score_text(flip.score) + " <= 0 in " + *o.dtype +
               "); " + exact_text + "; strictly below the competitor first at " +
               (c.strict_flip_distance ? std::to_string(*c.strict_flip_distance) : "no earlier distance");
    return out;
}

}  // namespace ropecheck::cli::detail
