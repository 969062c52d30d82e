// position-collision: under a pipeline variant, the least position whose
// rotation table repeats an earlier one, and the least position at which pair
// K's angle is off the exact p g_K by at least delta (position_collision.hpp).
#include <memory>

#include "probe_support.hpp"
#include "ropecheck/numeric/certainty.hpp"
#include "ropecheck/numeric/decimal.hpp"
#include "ropecheck/numeric/enclosure.hpp"
#include "ropecheck/numeric/invalid_input.hpp"
#include "ropecheck/probes/position_collision.hpp"
#include "ropecheck/probes/probe.hpp"
#include "ropecheck/probes/probe_parameters.hpp"

namespace ropecheck::probes {
namespace {

using namespace support;

// delta, enclosed: the decimal given, or pi/2.
numeric::interval phase_delta(const core::Parameters& request) {
    if (!request.has("phase_error")) return numeric::pi() / numeric::interval(2);
    return numeric::enclose_decimal(request.decimal("phase_error"));
}

class PositionCollisionProbe final : public Probe {
public:
    PositionCollisionProbe()
        : Probe({"position-collision", 90,
                 "the first position a pipeline variant cannot tell from an earlier one, and its first phase inversion"},
                pipeline_variant_request(
                    "Which pair K's phase is followed, 1 = highest (default 1)",
                    {required("context", core::ParameterKind::integer, "Positions 0..N scanned", "N"),
                     optional("phase_error", core::ParameterKind::decimal,
                              "Phase error delta in (0, pi] that counts as an inversion (default pi/2)", "DELTA")}),
                {"first_collision_position", "first_phase_inversion_position"}) {}
    void complete(core::Parameters& request) const override {
        require_range(request, "context", 1, max_collision_positions, std::to_string(max_collision_positions));
        rope::parse_pipeline_dtype(request.text("dtype"));
        default_frequency(request, 1);
        if (request.has("phase_error")) {
            // (0, pi]: checked against the double just below pi, so that no
            // precision is needed here; the scan encloses delta exactly.
            const numeric::real delta(request.decimal("phase_error"));
            if (!(delta > 0 && delta <= numeric::real(3.141592653589793)))
                throw InvalidInput("--phase-error " + request.decimal("phase_error") +
                                   ": expected a phase error in (0, pi] (radians, on the circle)");
        }
    }
    Answer run(const core::Parameters& request) const override {
        const PipelineSetup s = pipeline_setup(request);
        const std::int64_t context = request.integer("context");
        const auto collision = first_position_collision(s.pipeline, context);
        const numeric::interval g = s.schedule.frequencies<numeric::interval>()[s.pair];
        const auto phase = first_phase_inversion(s.pipeline, s.pair, g, phase_delta(request), context);
        if (!phase.certified)
            throw InvalidInput("the phase error at position " + std::to_string(*phase.undecided_at) +
                               " could not be compared with delta (an error equal to delta exactly cannot be decided); raise --precision or change --phase-error");
        Answer out;
        out.label = pair_label(request);
        out.fields["dtype"] = request.text("dtype");
        record_variant(s.pipeline, out.fields);
        out.fields["context"] = context;
        out.fields["first_collision_position"] = optional_json(collision.position);
        out.fields["collides_with"] = collision.position ? core::json(collision.collides_with) : core::json(nullptr);
        out.fields["phase_error"] = request.has("phase_error") ? request.decimal("phase_error") : "pi/2";
        out.fields["first_phase_inversion_position"] = optional_json(phase.position);
        if (phase.position) {
            out.fields["angle"] = numeric::float32_decimal(phase.angle_at);
            out.fields["phase_error_at"] = enclosure(phase.error_at);
        }
        const std::string n = std::to_string(context);
        out.text = (collision.position ? "position " + std::to_string(*collision.position) +
                                             " has the rotation table of position " +
                                             std::to_string(collision.collides_with)
                                       : "no two positions <= " + n + " share a rotation table") +
                   "; " +
                   (phase.position ? "pair " + std::to_string(s.pair + 1) + "'s phase is off by >= " +
                                         out.fields["phase_error"].get<std::string>() + " first at position " +
                                         std::to_string(*phase.position) + " (error in [" +
                                         numeric::decimal_lower(phase.error_at, 6) + ", " +
                                         numeric::decimal_upper(phase.error_at, 6) + "])"
                                   : "pair " + std::to_string(s.pair + 1) + "'s phase stays within " +
                                         out.fields["phase_error"].get<std::string>() + " up to " + n) +
                   " (" + rope::describe(s.pipeline.variant(), s.pipeline.dtype()) + "; exhaustive, certified)";
        return out;
    }
};

}  // namespace

std::unique_ptr<Probe> make_position_collision_probe() { return std::make_unique<PositionCollisionProbe>(); }

}  // namespace ropecheck::probes
