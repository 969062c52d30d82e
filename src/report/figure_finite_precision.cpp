// Finite precision: where exact arithmetic keeps the positional guarantee and
// where float32, bfloat16 and float16 lose it (float-collision: cos(r g) rounds
// to 1; pipeline-thm-5.3: the real inference pipeline's diagonal is lost).
#include "figures.hpp"

namespace ropecheck::report::figures {

namespace {

const std::vector<std::string> categories = {"exact", "float32", "bfloat16", "float16"};

std::optional<PlotValue> category_of(const core::json& dtype) {
    for (std::size_t i = 0; i < categories.size(); ++i)
        if (dtype == categories[i]) return PlotValue{categories[i], static_cast<double>(i + 1)};
    return std::nullopt;
}

}  // namespace

std::optional<Figure> finite_precision_figure(const core::json& report) {
    PlotSeries exact{"exact arithmetic: margin > 0 up to the context N (plotted at N)",
                     "float-collision: x = exact, y = parameters.context", SeriesStyle::markers, {}};
    PlotSeries collision{"float-collision: cos(r g_1) rounds to 1 (first r)",
                         "float-collision: x = parameters.dtype, y = evidence.first_collision_distance",
                         SeriesStyle::markers, {}};
    PlotSeries pipeline{"pipeline-thm-5.3: diagonal head lost (first query position)",
                        "pipeline-thm-5.3: x = parameters.dtype, y = evidence.lost_at_query_position",
                        SeriesStyle::markers, {}};
    for (const core::json* c : claims_with_id(report, "float-collision"))
        for (const auto& in : instances_of(*c)) {
            add_point(collision, category_of(member(*in.parameters, "dtype")),
                      plot_value(member(*in.evidence, "first_collision_distance")));
            add_point(exact, category_of("exact"), plot_value(member(*in.parameters, "context")));
        }
    for (const core::json* c : claims_with_id(report, "pipeline-thm-5.3"))
        for (const auto& in : instances_of(*c))
            add_point(pipeline, category_of(member(*in.parameters, "dtype")),
                      plot_value(member(*in.evidence, "lost_at_query_position")));
    if (collision.points.empty() && pipeline.points.empty()) return std::nullopt;
    Figure f;
    f.id = "finite-precision";
    f.title = "Finite precision: where the positional guarantee is lost";
    f.caption = "Exact arithmetic keeps 1 - cos(r g_1) > 0 for every r up to the context checked; in a floating-point "
                "format cos(r g_1) rounds to 1 at the distances shown, and the real inference pipeline's diagonal "
                "head is lost at the query positions shown (each instance a marker).";
    f.x = {"arithmetic", false, categories};
    f.y = {"distance or query position (tokens)", true, {}};
    f.series = {std::move(exact), std::move(collision), std::move(pipeline)};
    return f;
}

}  // namespace ropecheck::report::figures
