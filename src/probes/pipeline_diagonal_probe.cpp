// pipeline-diagonal: the first query position at which the inference pipeline
// loses Theorem 5.3's diagonal (psi = (8, 0) on pair K, every key j <= i
// compared; pipeline_target.hpp), on any schedule, in a model dtype.
#include <memory>

#include "probe_support.hpp"
#include "ropecheck/numeric/decimal.hpp"
#include "ropecheck/probes/pipeline_target.hpp"
#include "ropecheck/probes/probe.hpp"
#include "ropecheck/probes/probe_parameters.hpp"

namespace ropecheck::probes {
namespace {

using namespace support;

std::string score_text(float x) { return numeric::float32_decimal(x); }

class PipelineDiagonalProbe final : public Probe {
public:
    PipelineDiagonalProbe()
        : Probe({"pipeline-diagonal", 70,
                 "the first query position at which the inference pipeline loses Theorem 5.3's diagonal"},
                pipeline_variant_request("Which pair K carries psi = (8, 0), 1 = highest (default 1)",
                                 {required("context", core::ParameterKind::integer,
                                           "Query positions 0..N scanned", "N")}),
                {"lost_at_query_position"}) {}
    void complete(core::Parameters& request) const override {
        require_range(request, "context", 1, max_pipeline_positions, std::to_string(max_pipeline_positions));
        rope::parse_pipeline_dtype(request.text("dtype"));
        default_frequency(request, 1);
    }
    Answer run(const core::Parameters& request) const override {
        const PipelineSetup s = pipeline_setup(request);
        const std::string dtype = request.text("dtype");
        const std::int64_t context = request.integer("context");
        const auto loss = pipeline_target_loss(s.pipeline, s.psi, s.psi, 0, context);
        Answer out;
        out.label = pair_label(request);
        out.fields["dtype"] = dtype;
        if (names_variant(request)) record_variant(s.pipeline, out.fields);
        out.fields["float32_inv_freq"] = numeric::float32_decimal(rope::float32_inverse_frequency(s.schedule, static_cast<int>(s.pair)));
        if (names_variant(request))
            out.fields["stored_inv_freq"] = numeric::float32_decimal(s.pipeline.inverse_frequencies()[s.pair]);
        out.fields["lost_at_query_position"] = optional_json(loss.query_position);
        if (!loss.query_position) {
            out.text = "kept: at every query position i <= " + std::to_string(context) +
                       " the query's own key scores strictly highest in " + dtype + " (exhaustive)";
            note_variant(request, s.pipeline, out);
            return out;
        }
        out.fields["rival_key_position"] = loss.rival_position;
        out.fields["target_score"] = score_text(loss.target_score);
        out.fields["rival_score"] = score_text(loss.rival_score);
        out.text = "lost at query position " + std::to_string(*loss.query_position) + ": the key at " +
                   std::to_string(loss.rival_position) + " scores " + score_text(loss.rival_score) +
                   " >= the query's own " + score_text(loss.target_score) + " in " + dtype +
                   " (exhaustive over every query position and key up to it)";
        note_variant(request, s.pipeline, out);
        return out;
    }
};

}  // namespace

std::unique_ptr<Probe> make_pipeline_diagonal_probe() { return std::make_unique<PipelineDiagonalProbe>(); }

}  // namespace ropecheck::probes
