// The positional margin against the context: thm-5.3's binding margin, the
// least 1 - cos(r g_k) over the distances r of a context of N positions, at
// each N the claim checked. It drops where r reaches a convergent denominator
// of 2 pi / g_k: the point of the figure.
#include "figures.hpp"

namespace ropecheck::report::figures {

std::optional<Figure> positional_margin_figure(const core::json& report) {
    const auto claims = claims_with_id(report, "thm-5.3");
    if (claims.empty()) return std::nullopt;
    // The margin does not depend on epsilon or the pattern: one series per
    // frequency, from the diagonal instances at the first epsilon.
    SeriesInOrder by_frequency;
    std::optional<std::string> epsilon;
    const auto instances = instances_of(*claims.front());
    for (std::size_t i = 0; i < instances.size(); ++i) {
        const core::json& p = *instances[i].parameters;
        if (member(p, "pattern") != "diagonal" || !member(p, "epsilon").is_string()) continue;
        if (!epsilon) epsilon = member(p, "epsilon").get<std::string>();
        if (member(p, "epsilon") != *epsilon) continue;
        const std::string k = member(p, "frequency_index").dump();
        PlotSeries& series = by_frequency.at(k, [&] {
            return PlotSeries{"g_" + k + " (d = " + member(p, "head_dim").dump() + ", theta = " +
                                  member(p, "theta").get<std::string>() + ")",
                              "thm-5.3: diagonal, epsilon = " + *epsilon +
                                  "; x = parameters.context, y = lower end of evidence.binding_margin",
                              SeriesStyle::markers,
                              {}};
        });
        add_point(series, plot_value(member(p, "context")),
                  interval_lower(member(*instances[i].evidence, "binding_margin")));
    }
    if (by_frequency.empty()) return std::nullopt;
    Figure f;
    f.id = "positional-margin";
    f.title = "Positional margin: min over r < N of 1 - cos(r g_k)";
    f.caption = "The least 1 - cos(r g_k) over the distances 1 <= r <= N - 1 of a context of N positions (lower end "
                "of thm-5.3's certified binding margin). It falls where r reaches a convergent denominator of "
                "2 pi / g_k (6, 333, 710 for g_1 = 1 rad), so the scale a positional head needs jumps there. Markers only: the "
                "claim computed these contexts, not the values between them.";
    f.x = {"context length N (positions)", true, {}};
    f.y = {"min 1 - cos(r g_k)", true, {}};
    f.series = by_frequency.take();
    return f;
}

}  // namespace ropecheck::report::figures
