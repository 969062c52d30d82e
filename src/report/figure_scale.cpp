// Theorem 5.3's least scale s*(N, eps) against the context N: the norm
// ||psi||^2 a diagonal or previous-token head needs on one frequency.
#include "figures.hpp"

namespace ropecheck::report::figures {

std::optional<Figure> scale_figure(const core::json& report) {
    const auto claims = claims_with_id(report, "thm-5.3");
    if (claims.empty()) return std::nullopt;
    SeriesInOrder by_label;
    for (const auto& in : instances_of(*claims.front())) {
        const core::json& p = *in.parameters;
        if (!member(p, "pattern").is_string() || !member(p, "epsilon").is_string()) continue;
        const std::string label = "g_" + member(p, "frequency_index").dump() + ", " +
                                  member(p, "pattern").get<std::string>() + ", eps = " +
                                  member(p, "epsilon").get<std::string>();
        PlotSeries& series = by_label.at(label, [&] {
            return PlotSeries{label, "thm-5.3: x = parameters.context, y = evidence.s_star_upper",
                              SeriesStyle::points, {}};
        });
        add_point(series, plot_value(member(p, "context")), plot_value(member(*in.evidence, "s_star_upper")));
    }
    if (by_label.empty()) return std::nullopt;
    return Figure{"thm-5.3-scale",
                  "Theorem 5.3: least scale s*(N, eps) against the context",
                  "The upper end of thm-5.3's certified enclosure of s* = ||psi||^2, the least scale at which the "
                  "pattern's weight exceeds 1 - eps at every position i <= N (the pattern holds there).",
                  {"context length N (positions)", true, {}},
                  {"s* = ||psi||^2", true, {}},
                  by_label.take(),
                  {}};
}

}  // namespace ropecheck::report::figures
