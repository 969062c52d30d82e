#include "ropecheck/core/claim_spec.hpp"

#include "ropecheck/numeric/invalid_input.hpp"

namespace ropecheck::core {

std::vector<json> expand_grid(const ParameterGrid& grid) {
    std::vector<json> points{json::object()};
    for (const auto& [name, values] : grid) {
        std::vector<json> next;
        next.reserve(points.size() * values.size());
        for (const json& point : points)
            for (const json& v : values) {
                json p = point;
                p[name] = v;
                next.push_back(std::move(p));
            }
        points = std::move(next);
    }
    return points;
}

ParameterGrid grid_for(const ClaimSpec& spec, const std::string& profile) {
    const auto it = spec.profiles.find(profile);
    if (it == spec.profiles.end())
        throw InvalidInput(spec.file.string() + ": no profile \"" + profile + "\"");
    return it->second;
}

ParameterGrid grid_for(const ClaimSpec& spec, const std::string& profile, const NegativeControl& negative) {
    ParameterGrid grid = grid_for(spec, profile);
    for (const auto& [name, values] : negative.overrides) {
        bool replaced = false;
        for (auto& axis : grid)
            if (axis.first == name) {
                axis.second = values;
                replaced = true;
            }
        if (!replaced) grid.emplace_back(name, values);
    }
    return grid;
}

}  // namespace ropecheck::core
