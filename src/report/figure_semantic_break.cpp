// Per frequency index, the distance at which thm-6.1's aligned semantic channel
// breaks (cos(r g_k) < 0 first), at theta and theta_larger, and which channels
// p-RoPE keeps (the others never break), against context lengths.
#include "figures.hpp"

namespace ropecheck::report::figures {

namespace {

// The instance with the most channels and p < 1 (so p-RoPE removes some); else
// the one with the most channels.
std::optional<InstanceData> widest(const core::json& claim) {
    std::optional<InstanceData> best;
    long best_rank = -1;
    for (const auto& in : instances_of(claim)) {
        const core::json& by_channel = member(*in.evidence, "break_distance_by_channel");
        if (!member(by_channel, "rope").is_array() || !member(*in.parameters, "head_dim").is_number_integer()) continue;
        const long rank = 2 * member(*in.parameters, "head_dim").get<long>() + (member(*in.parameters, "p") != "1" ? 1 : 0);
        if (rank > best_rank) best = in, best_rank = rank;
    }
    return best;
}

std::optional<PlotValue> index_value(std::size_t i) {
    return PlotValue{std::to_string(i + 1), static_cast<double>(i + 1)};
}

}  // namespace

std::optional<Figure> semantic_break_figure(const core::json& report) {
    const auto claims = claims_with_id(report, "thm-6.1");
    if (claims.empty()) return std::nullopt;
    const auto in = widest(*claims.front());
    if (!in) return std::nullopt;
    const core::json& p = *in->parameters;
    const core::json& by_channel = member(*in->evidence, "break_distance_by_channel");
    const core::json& rope = member(by_channel, "rope");
    const core::json& larger = member(by_channel, "rope_theta_larger");
    const core::json& rotated = member(by_channel, "prope_rotated");
    const std::string theta = member(p, "theta").is_string() ? member(p, "theta").get<std::string>() : "?";
    const std::string theta_larger =
        member(p, "theta_larger").is_string() ? member(p, "theta_larger").get<std::string>() : "?";
    const std::string fraction = member(p, "p").is_string() ? member(p, "p").get<std::string>() : "?";
    const std::string where = "thm-6.1 (d = " + member(p, "head_dim").dump() + ", p = " + fraction +
                              "): evidence.break_distance_by_channel.";

    PlotSeries at_theta{"RoPE, theta = " + theta, where + "rope", SeriesStyle::points, {}};
    PlotSeries at_larger{"RoPE, theta = " + theta_larger + " (missing: no break within N)", where + "rope_theta_larger",
                         SeriesStyle::points, {}};
    PlotSeries prope{"p-RoPE, p = " + fraction + ", theta = " + theta + ": kept channels (removed ones never break)",
                     where + "rope where prope_rotated", SeriesStyle::markers, {}};
    for (std::size_t i = 0; i < rope.size(); ++i) {
        add_point(at_theta, index_value(i), plot_value(rope[i]));
        if (larger.is_array() && i < larger.size()) add_point(at_larger, index_value(i), plot_value(larger[i]));
        if (rotated.is_array() && i < rotated.size() && rotated[i] == true)
            add_point(prope, index_value(i), plot_value(rope[i]));
    }
    Figure f;
    f.id = "semantic-break";
    f.title = "Theorem 6.1: semantic break distance per frequency";
    f.caption = "The least distance r at which cos(r g_k) < 0, so the aligned target scores below a zero-activation "
                "token (certified by thm-6.1 for every channel, searched up to N = " + member(p, "max_distance").dump() +
                "). A channel whose break lies inside the context is not a robust semantic channel.";
    f.x = {"frequency index k (g_k = theta^(-2(k-1)/d))", false, {}};
    f.y = {"break distance r (tokens)", true, {}};
    f.series = {std::move(at_theta), std::move(at_larger), std::move(prope)};
    // Common context lengths, for reading the figure (not data of the claim).
    for (const char* n : {"8192", "131072"})
        f.references.push_back({std::string("context length"), *plot_value(core::json(n))});
    if (const auto horizon = plot_value(member(p, "max_distance")))
        f.references.push_back({"searched up to N", *horizon});
    return f;
}

}  // namespace ropecheck::report::figures
