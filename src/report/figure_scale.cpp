// Theorem 5.3's least scale s*(N, eps) against the context N: the norm
// ||psi||^2 a diagonal or previous-token head needs on one frequency.
#include <map>

#include "figures.hpp"

namespace ropecheck::report::figures {

std::optional<Figure> scale_figure(const core::json& report) {
    const auto claims = claims_with_id(report, "thm-5.3");
    if (claims.empty()) return std::nullopt;
    std::map<std::string, PlotSeries> by_key;
    std::vector<std::string> order;
    for (const auto& in : instances_of(*claims.front())) {
        const core::json& p = *in.parameters;
        if (!member(p, "pattern").is_string() || !member(p, "epsilon").is_string()) continue;
        const std::string label = "g_" + member(p, "frequency_index").dump() + ", " +
                                  member(p, "pattern").get<std::string>() + ", eps = " +
                                  member(p, "epsilon").get<std::string>();
        if (!by_key.count(label)) {
            order.push_back(label);
            by_key[label] = PlotSeries{label, "thm-5.3: x = parameters.context, y = evidence.s_star_upper",
                                       SeriesStyle::points, {}};
        }
        add_point(by_key[label], plot_value(member(p, "context")), plot_value(member(*in.evidence, "s_star_upper")));
    }
    if (order.empty()) return std::nullopt;
    std::vector<PlotSeries> series;
    for (const auto& k : order) series.push_back(std::move(by_key[k]));
    return Figure{"thm-5.3-scale",
                  "Theorem 5.3: least scale s*(N, eps) against the context",
                  "The upper end of thm-5.3's certified enclosure of s* = ||psi||^2, the least scale at which the "
                  "pattern's weight exceeds 1 - eps at every position i <= N (the pattern holds there).",
                  {"context length N (positions)", true, {}},
                  {"s* = ||psi||^2", true, {}},
                  std::move(series),
                  {}};
}

}  // namespace ropecheck::report::figures
