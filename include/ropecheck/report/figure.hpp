#pragma once
// A figure of a report as data: series of points read from a report.json
// document. Each value keeps the text report.json wrote it with, so that the
// SVG can carry it (data-x, data-y) and a test can compare it with report.json;
// the double is only where it is drawn.
#include <optional>
#include <string>
#include <vector>

#include "ropecheck/core/parameters.hpp"

namespace ropecheck::report {

struct PlotValue {
    std::string text;  // as in report.json: a JSON number's text, or the decimal string
    double value = 0;
};

struct PlotPoint {
    PlotValue x, y;
};

enum class SeriesStyle {
    line,    // a dense curve: a line, no markers
    points,  // a few computed points: markers joined by a thin line
    markers  // markers only
};

struct PlotSeries {
    std::string label;
    std::string source;  // where in report.json the values are ("thm-5.3: evidence.s_star_upper")
    SeriesStyle style = SeriesStyle::points;
    std::vector<PlotPoint> points;
};

struct PlotAxis {
    std::string label;  // with its unit
    bool log = false;
    std::vector<std::string> categories;  // non-empty: x values 1..n are these names
};

// A horizontal line at a value the figure compares against (a context length).
struct ReferenceLine {
    std::string label;
    PlotValue y;
};

struct Figure {
    std::string id;       // file stem of its SVG: "fig-2a"
    std::string title;
    std::string caption;  // what is plotted and from which claim
    PlotAxis x, y;
    std::vector<PlotSeries> series;
    std::vector<ReferenceLine> references;
};

// A JSON number or decimal string as a plot value; nullopt for anything else
// (null, a non-numeric string, an interval). Intervals: see interval_lower.
std::optional<PlotValue> plot_value(const core::json& v);

// The lower end of a decimal enclosure "[lo, hi]" as a plot value (its text
// is "lo", as written inside the string).
std::optional<PlotValue> interval_lower(const core::json& v);

}  // namespace ropecheck::report
