#include "audit_slips.hpp"

#include <cstdio>

#include "ropecheck/rope/pipeline_variant.hpp"

namespace ropecheck::cli {

namespace {

core::json nullable(const std::optional<std::int64_t>& n) { return n ? core::json(*n) : core::json(nullptr); }

std::string cell(const std::optional<std::int64_t>& n) { return n ? std::to_string(*n) : "none"; }

// ">Q": not lost up to query Q, where the budget stopped the scan.
std::string slip_diagonal_cell(const audit::DiagonalLoss& d) {
    return d.budget_stopped ? ">" + std::to_string(d.scanned_to) : cell(d.query_position);
}

// "-": not searched (above the budget).
std::string slip_order_cell(const audit::OrderLoss& o) { return o.searched ? cell(o.distance) : "-"; }

// 2^k for a power of two.
std::string slip_budget_power(std::int64_t n) {
    int k = 0;
    while ((std::int64_t{1} << k) < n) ++k;
    return "2^" + std::to_string(k);
}

}  // namespace

core::json slips_json(const std::vector<audit::GroupSlips>& slips, numeric::IeeeFormat dtype) {
    core::json j = core::json::object();
    j["dtype"] = numeric::to_string(dtype);
    j["phase_error"] = "pi/2";
    j["diagonal_pair_budget"] = audit::diagonal_pair_budget;
    j["order_pair_budget"] = audit::order_pair_budget;
    core::json groups = core::json::array();
    for (const auto& g : slips) {
        core::json presets = core::json::array();
        for (const auto& a : g.presets)
            presets.push_back({{"preset", a.preset},
                               {"scanned_to", a.scanned_to},
                               {"first_collision_position", nullable(a.collision)},
                               {"collides_with", a.collision ? core::json(a.collides_with) : core::json(nullptr)},
                               {"highest_pair_phase_inversion", nullable(a.highest_inversion)},
                               {"lowest_pair_phase_inversion", nullable(a.lowest_inversion)},
                               {"diagonal_loss",
                                {{"query_position", nullable(a.diagonal.query_position)},
                                 {"rival_key_position",
                                  a.diagonal.query_position ? core::json(a.diagonal.rival_position) : core::json(nullptr)},
                                 {"scanned_to", a.diagonal.scanned_to},
                                 {"budget_stopped", a.diagonal.budget_stopped}}},
                               {"semantic_order_loss",
                                {{"distance", nullable(a.order.distance)},
                                 {"query_position",
                                  a.order.distance ? core::json(a.order.query_position) : core::json(nullptr)},
                                 {"exact_break_distance", nullable(a.order.exact_break)},
                                 {"context", a.order.context},
                                 {"first_distance_searched", a.order.first_searched},
                                 {"searched", a.order.searched}}}});
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
        out += "  group " + std::to_string(g.group) +
               ": first repeated rotation table, first phase error >= pi/2, diagonal and order lost\n";
        std::snprintf(line, sizeof line, "    %-15s %10s  %-18s %10s %10s %9s %9s\n", "preset", "scanned to",
                      "collision", ("pair " + std::to_string(g.highest_pair)).c_str(),
                      ("pair " + std::to_string(g.lowest_pair)).c_str(), "diagonal", "order");
        out += line;
        for (const auto& a : g.presets) {
            const std::string collision =
                a.collision ? std::to_string(*a.collision) + " = " + std::to_string(a.collides_with) : "none";
            std::snprintf(line, sizeof line, "    %-15s %10lld  %-18s %10s %10s %9s %9s\n", a.preset.c_str(),
                          static_cast<long long>(a.scanned_to), collision.c_str(), cell(a.highest_inversion).c_str(),
                          cell(a.lowest_inversion).c_str(), slip_diagonal_cell(a.diagonal).c_str(), slip_order_cell(a.order).c_str());
            out += line;
        }
        out += "    diagonal: first query where psi on pair " + std::to_string(g.highest_pair) +
               " loses to an earlier key (>Q: kept up to Q, a budget of " + slip_budget_power(audit::diagonal_pair_budget) +
               " query/key pairs)\n    order: first distance where psi on pair " + std::to_string(g.lowest_pair) +
               " stops beating a zero key (-: not searched, above " + slip_budget_power(audit::order_pair_budget) +
               " pairs)\n";
    }
    return out;
}

}  // namespace ropecheck::cli
