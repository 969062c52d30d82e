// pipeline-flip: the first distance at which the inference pipeline stops
// ranking the aligned target of pair K above a zero-activation key, next to
// the certified exact break distance (pipeline_channel_break.hpp), on any
// schedule, in a model dtype.
#include <memory>

#include "probe_support.hpp"
#include "ropecheck/numeric/decimal.hpp"
#include "ropecheck/numeric/invalid_input.hpp"
#include "ropecheck/probes/pipeline_channel_break.hpp"
#include "ropecheck/probes/probe.hpp"
#include "ropecheck/probes/probe_parameters.hpp"

namespace ropecheck::probes {
namespace {

using namespace support;

class PipelineFlipProbe final : public Probe {
public:
    PipelineFlipProbe()
        : Probe({"pipeline-flip", 80,
                 "the first distance at which the pipeline breaks a semantic channel, vs the exact break"},
                pipeline_variant_request("Which pair K carries psi = (8, 0), 1 = highest (default d/2, the lowest)",
                                 {optional("context", core::ParameterKind::integer,
                                           "Query positions scanned (default twice the exact break)", "N")}),
                {"flip_distance"}) {}
    void complete(core::Parameters& request) const override {
        if (request.has("context"))
            require_range(request, "context", 1, max_flip_position, std::to_string(max_flip_position));
        rope::parse_pipeline_dtype(request.text("dtype"));
        default_frequency(request, request.integer("head_dim") / 2);  // the lowest: the semantic channel
    }
    Answer run(const core::Parameters& request) const override {
        const PipelineSetup s = pipeline_setup(request);
        const std::string dtype = request.text("dtype");
        const auto given_context =
            request.has("context") ? std::optional<std::int64_t>(request.integer("context")) : std::nullopt;
        const auto c = compare_channel_break(s.pipeline, s.pair, s.schedule.frequencies<numeric::interval>()[s.pair],
                                             given_context);
        const auto& exact = c.exact;
        if (!exact.certified) throw InvalidInput("the exact break distance could not be certified; raise --precision");
        Answer out;
        out.label = pair_label(request);
        out.fields["dtype"] = dtype;
        if (names_variant(request)) record_variant(s.pipeline, out.fields);
        out.fields["exact_break_distance"] = optional_json(exact.first_break_distance);
        if (c.context == 0) {
            out.fields["flip_distance"] = nullptr;
            out.text = "no exact break up to " + std::to_string(max_flip_position / 2) +
                       ": give --context N to compare the pipeline over N positions";
            note_variant(request, s.pipeline, out);
            return out;
        }
        const std::int64_t context = c.context;
        const PipelineFlip& flip = c.flip;
        out.fields["context"] = context;
        out.fields["first_distance_scanned"] = flip.first_distance_scanned;
        out.fields["flip_distance"] = optional_json(flip.distance);
        const std::string exact_text = exact.first_break_distance
                                           ? "exact break at " + std::to_string(*exact.first_break_distance)
                                           : "no exact break up to " + std::to_string(context);
        if (!flip.distance) {
            out.text = "no earlier break: the " + dtype + " pipeline keeps the target ahead at every distance below " +
                       (exact.first_break_distance ? "the exact break" : std::to_string(context + 1)) +
                       " for every query position <= " + std::to_string(context) + " (" + exact_text + ")";
            note_variant(request, s.pipeline, out);
            return out;
        }
        out.fields["query_position"] = flip.query_position;
        out.fields["score"] = numeric::float32_decimal(flip.score);
        out.fields["strict_flip_distance"] = optional_json(c.strict_flip_distance);
        out.text = "breaks at distance " + std::to_string(*flip.distance) + " (query position " +
                   std::to_string(flip.query_position) + ", score " + numeric::float32_decimal(flip.score) +
                   " <= 0 in " + dtype + "); " + exact_text + "; strictly below the competitor first at " +
                   (c.strict_flip_distance ? std::to_string(*c.strict_flip_distance) : "no earlier distance");
        note_variant(request, s.pipeline, out);
        return out;
    }
};

}  // namespace

std::unique_ptr<Probe> make_pipeline_flip_probe() { return std::make_unique<PipelineFlipProbe>(); }

}  // namespace ropecheck::probes
