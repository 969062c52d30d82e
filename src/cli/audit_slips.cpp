#include "audit_slips.hpp"

#include <cstdio>

#include "ropecheck/rope/pipeline_variant.hpp"

namespace ropecheck::cli {

namespace {

core::json nullable(const std::optional<std::int64_t>& n) { return n ? core::json(*n) : core::json(nullptr); }

std::string cell(const std::optional<std::int64_t>& n) { return n ? std::to_string(*n) : "none"; }

}  // namespace

core::json slips_json(const std::vector<audit::GroupSlips>& slips, numeric::IeeeFormat dtype) {
    core::json j = core::json::object();
    j["dtype"] = numeric::to_string(dtype);
    j["phase_error"] = "pi/2";
    core::json groups = core::json::array();
    for (const auto& g : slips) {
        core::json presets = core::json::array();
        for (const auto& a : g.presets)
            presets.push_back({{"preset", a.preset},
                               {"scanned_to", a.scanned_to},
                               {"first_collision_position", nullable(a.collision)},
                               {"collides_with", a.collision ? core::json(a.collides_with) : core::json(nullptr)},
                               {"highest_pair_phase_inversion", nullable(a.highest_inversion)},
                               {"lowest_pair_phase_inversion", nullable(a.lowest_inversion)}});
        groups.push_back({{"group", g.group},
                          {"highest_pair", g.highest_pair},
                          {"lowest_pair", g.lowest_pair},
                          {"presets", std::move(presets)}});
    }
    j["groups"] = std::move(groups);
    return j;
}

std::string slips_text(const std::vector<audit::GroupSlips>& slips, numeric::IeeeFormat dtype) {
    std::string out = "\nprecision slips (pipeline variants in " + numeric::to_string(dtype) +
                      ", every position 0..L, certified; docs/inference-pipeline.md):\n";
    char line[256];
    for (const auto& g : slips) {
        out += "  group " + std::to_string(g.group) + ": first repeated rotation table, first phase error >= pi/2\n";
        std::snprintf(line, sizeof line, "    %-15s %10s  %-18s %10s %10s\n", "preset", "scanned to", "collision",
                      ("pair " + std::to_string(g.highest_pair)).c_str(), ("pair " + std::to_string(g.lowest_pair)).c_str());
        out += line;
        for (const auto& a : g.presets) {
            const std::string collision =
                a.collision ? std::to_string(*a.collision) + " = " + std::to_string(a.collides_with) : "none";
            std::snprintf(line, sizeof line, "    %-15s %10lld  %-18s %10s %10s\n", a.preset.c_str(),
                          static_cast<long long>(a.scanned_to), collision.c_str(), cell(a.highest_inversion).c_str(),
                          cell(a.lowest_inversion).c_str());
            out += line;
        }
    }
    return out;
}

}  // namespace ropecheck::cli
