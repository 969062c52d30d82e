#include "ropecheck/audit/finding_check.hpp"

#include "finding_checks.hpp"
#include "finding_support.hpp"

#include "ropecheck/numeric/invalid_input.hpp"
#include "ropecheck/probes/semantic_break.hpp"

namespace ropecheck::audit {

std::vector<core::ParameterSpec> FindingCheck::parameters() const {
    std::vector<core::ParameterSpec> p{
        {"group", core::ParameterKind::integer, "the layer group's index (0-based, in order of first layer)"},
        {"max_distance", core::ParameterKind::integer, "the span asked about: distances 1 <= r <= max_distance"},
    };
    for (auto& extra : extra_parameters()) p.push_back(std::move(extra));
    return p;
}

void FindingCheck::validate(const core::Parameters& params) const {
    const std::int64_t g = params.integer("group");
    if (g < 0 || g >= static_cast<std::int64_t>(subject_->groups.size()))
        throw InvalidInput("group " + std::to_string(g) + ": the model has " + std::to_string(subject_->groups.size()) +
                           " layer groups");
    const std::int64_t n = params.integer("max_distance");
    if (n < 1 || n > probes::max_break_distance)
        throw InvalidInput("max_distance " + std::to_string(n) + ": expected 1 to 2^52");
    validate_extra(params);
}

bool FindingCheck::applies_to(const model::LayerGroup& group) const { return !support::rotating_pairs(group).empty(); }

AskedGroup FindingCheck::asked(const core::Instance& instance) const {
    const int index = instance.params.small_integer("group");
    return {index, subject_->groups.at(static_cast<std::size_t>(index)), instance.params.integer("max_distance")};
}

core::json FindingCheck::base_values(int group_index) const {
    const auto& g = subject_->groups.at(static_cast<std::size_t>(group_index));
    return core::json{{"group", group_index}, {"max_distance", std::max<std::int64_t>(1, g.max_distance)}};
}

std::vector<core::Parameters> FindingCheck::instances_for(int group_index) const {
    return {core::Parameters(base_values(group_index))};
}

const std::vector<std::string>& collision_dtypes() {
    static const std::vector<std::string> dtypes{"float32", "bfloat16", "float16"};
    return dtypes;
}

std::vector<std::unique_ptr<FindingCheck>> make_finding_checks(std::shared_ptr<const AuditSubject> subject) {
    std::vector<std::unique_ptr<FindingCheck>> out;
    out.push_back(make_channel_breaks_finding(subject));
    out.push_back(make_all_frequency_break_finding(subject));
    out.push_back(make_positional_head_finding(subject));
    out.push_back(make_nope_finding(subject));
    out.push_back(make_prope_finding(subject));
    out.push_back(make_float_collision_finding(subject));
    out.push_back(make_base_bound_finding(subject));
    return out;
}

}  // namespace ropecheck::audit
