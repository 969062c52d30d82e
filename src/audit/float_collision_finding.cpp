// float-collision on a model's layer group, once per dtype: does the float
// pipeline (float32 inv_freq and angle, cos rounded to the dtype) separate
// every distance of the span from 0 on the group's highest frequency, i.e.
// cos(r g_1) never rounds to 1 for 1 <= r <= max_distance? Decided by
// probes::float_collision, which settles each candidate exactly.
#include <algorithm>

#include "finding_checks.hpp"
#include "finding_support.hpp"
#include "ropecheck/numeric/decimal.hpp"
#include "ropecheck/numeric/ieee.hpp"
#include "ropecheck/numeric/invalid_input.hpp"
#include "ropecheck/probes/float_collision.hpp"

namespace ropecheck::audit {
namespace {

using core::json;
using core::Verdict;

const FindingIdentity float_collision_identity{
    "float-collision", "The float pipeline separates every distance of the span",
    "With the float32 inverse frequency and angle and cos rounded to the dtype, cos(r g_1) on the group's "
    "highest frequency never rounds to 1 for 1 <= r <= max_distance, so the diagonal construction can "
    "still tell each distance from 0 in that dtype."};

class FloatCollisionFinding final : public FindingCheck {
public:
    using FindingCheck::FindingCheck;
    std::vector<core::Parameters> instances_for(int group_index) const override {
        std::vector<core::Parameters> out;
        for (const auto& d : collision_dtypes()) {
            core::json v = base_values(group_index);
            v["dtype"] = d;
            out.emplace_back(std::move(v));
        }
        return out;
    }
    std::string label(const core::Parameters& params) const override { return name() + "/" + params.text("dtype"); }

    core::InstanceResult run(const core::Instance& instance) const override {
        const auto [index, group, span] = asked(instance);
        const std::string dtype = instance.params.text("dtype");
        const std::vector<int> rotating = support::rotating_pairs(group);
        if (rotating.empty()) return support::decided(Verdict::error, "the group has no rotating pair");
        const int chunk = rotating.front();
        const probes::CollisionAnswer c =
            probes::float_collision(group.schedule, chunk, numeric::parse_ieee_format(dtype), span);
        json evidence = {{"dtype", dtype},
                         {"frequency", chunk + 1},
                         {"max_distance", span},
                         {"first_collision_distance",
                          support::optional_distance(c.first_collision_distance)},
                         {"inverse_frequency_float32", numeric::float32_decimal(c.inverse_frequency)},
                         {"certified", c.certified}};
        if (!c.certified)
            return support::decided(Verdict::inconclusive, "the collision search was not certified", evidence);
        if (!c.first_collision_distance)
            return support::decided(
                Verdict::certified,
                "no collision on g_" + std::to_string(chunk + 1) + " for " + support::span_text(span) + " in " + dtype,
                std::move(evidence));
        return support::refuted(index,
                                "cos(r g_" + std::to_string(chunk + 1) + ") rounds to 1 in " + dtype +
                                    " at r = " + std::to_string(*c.first_collision_distance),
                                evidence,
                                {"a distance the float pipeline cannot tell from 0",
                                 {{"dtype", dtype},
                                  {"inv_freq (float32)", numeric::float32_decimal(c.inverse_frequency)},
                                  {"r", std::to_string(*c.first_collision_distance)},
                                  {"float32 angle", numeric::exact_hex(c.angle_at_collision)}},
                                 "cos(r g_1) < 1 in " + dtype + " for every r <= " + std::to_string(span),
                                 "cos(r g_1) rounds to 1 at r = " + std::to_string(*c.first_collision_distance)});
    }

protected:
    std::vector<core::ParameterSpec> extra_parameters() const override {
        return {{"dtype", core::ParameterKind::text, "float32, bfloat16 or float16"}};
    }
    void validate_extra(const core::Parameters& params) const override {
        const std::string d = params.text("dtype");
        if (std::find(collision_dtypes().begin(), collision_dtypes().end(), d) == collision_dtypes().end())
            throw InvalidInput("dtype " + d + ": expected float32, bfloat16 or float16");
    }
};

}  // namespace

std::unique_ptr<FindingCheck> make_float_collision_finding(std::shared_ptr<const AuditSubject> subject) {
    return std::make_unique<FloatCollisionFinding>(std::move(subject), float_collision_identity);
}

}  // namespace ropecheck::audit
