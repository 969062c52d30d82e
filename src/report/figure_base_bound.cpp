// The base-bound table as a figure: the least base theta that certainly
// passes against the context, beside the base each layer group configures.
#include "figures.hpp"

namespace ropecheck::report::figures {

std::optional<Figure> base_bound_figure(const core::json& report) {
    PlotSeries least{"least theta that certainly passes", "base-bound findings: x = evidence.context, y = evidence.least_theta",
                     SeriesStyle::points, {}};
    PlotSeries configured{"the group's rope_theta", "base-bound findings: x = evidence.context, y = evidence.rope_theta",
                          SeriesStyle::markers, {}};
    for (const core::json* finding : findings_named(report, "base-bound"))
        for (const auto& in : instances_of(*finding)) {
            const auto context = plot_value(member(*in.evidence, "context"));
            add_point(least, context, plot_value(member(*in.evidence, "least_theta")));
            add_point(configured, context, plot_value(member(*in.evidence, "rope_theta")));
        }
    if (least.points.empty()) return std::nullopt;
    return Figure{"base-bound",
                  "Base bound: least theta against the context",
                  "For plain RoPE at the group's rotary width and context, the least base that certainly passes the "
                  "base-bound check (an interval pass over every distance), and the base the configuration uses.",
                  {"context length (positions)", true, {}},
                  {"theta", true, {}},
                  {std::move(least), std::move(configured)},
                  {}};
}

}  // namespace ropecheck::report::figures
