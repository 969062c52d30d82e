// float-collision: the least r at which the float32 inference pipeline's
// cos(r g), rounded to the model dtype, is exactly 1 (float_collision.hpp).
#include <cstdio>
#include <memory>

#include "probe_support.hpp"
#include "ropecheck/numeric/decimal.hpp"
#include "ropecheck/probes/float_collision.hpp"
#include "ropecheck/probes/probe_parameters.hpp"
#include "ropecheck/probes/semantic_break.hpp"
#include "ropecheck/rope/inference_pipeline.hpp"

namespace ropecheck::probes {
namespace {

using namespace support;

class FloatCollisionProbe final : public Probe {
public:
    FloatCollisionProbe()
        : Probe({"float-collision", 50,
                 "the least r at which the float32 pipeline's cos(r g), rounded to a dtype, is exactly 1"},
                pipeline_request("Which g_k, 1 = highest (default 1)",
                                 {required("max_distance", core::ParameterKind::integer,
                                           "Distances 1..N searched", "N")}),
                {"first_collision_distance"}) {}
    void complete(core::Parameters& request) const override {
        rope::parse_pipeline_dtype(request.text("dtype"));
        default_frequency(request, 1);
        require_range(request, "max_distance", 1, max_break_distance, "2^52");
    }
    Answer run(const core::Parameters& request) const override {
        const auto dtype = rope::parse_pipeline_dtype(request.text("dtype"));
        const std::int64_t n = request.integer("max_distance");
        const auto a = float_collision(schedule_of(request), static_cast<int>(pair_index(request)), dtype, n);
        Answer out;
        out.label = pair_label(request);
        out.fields["dtype"] = numeric::to_string(dtype);
        out.fields["first_collision_distance"] = optional_json(a.first_collision_distance);
        out.fields["certified"] = a.certified;
        out.fields["float32_inv_freq"] = numeric::float32_decimal(a.inverse_frequency);
        out.fields["distances_decided_with_mpfr"] = a.decided_exactly;
        const std::string limit = std::to_string(n);
        out.text = a.first_collision_distance
                       ? "first collision at r = " + std::to_string(*a.first_collision_distance) + ": the " +
                             request.text("dtype") +
                             " pipeline rounds cos(r g) to exactly 1, so distance r looks like distance 0 (certified)"
                       : "no collision up to r = " + limit + " (certified); the answer lies beyond " + limit;
        return out;
    }
};

}  // namespace

std::unique_ptr<Probe> make_float_collision_probe() { return std::make_unique<FloatCollisionProbe>(); }

}  // namespace ropecheck::probes
