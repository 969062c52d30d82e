#include "ropecheck/report/svg_plot.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <optional>

#include "ropecheck/report/plot_axis.hpp"
#include "ropecheck/report/xml_escape.hpp"

namespace ropecheck::report {

namespace {

// Geometry, in SVG user units (CSS pixels when inlined): a laptop screen shows a
// figure whole, and a printed page two.
constexpr double width = 760, left = 90, right = 730, top = 48, plot_height = 300;
constexpr double bottom = top + plot_height;
constexpr double legend_row = 20;
constexpr const char* font = "DejaVu Sans, Helvetica, Arial, sans-serif";

// Okabe-Ito colours (told apart with colour-blindness) and dash patterns, so
// that series stay distinct in greyscale print as well.
constexpr const char* colours[] = {"#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000"};
constexpr const char* dashes[] = {"", "7 3", "2 2", "9 3 2 3"};

std::string num(double v) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.2f", v);
    return buffer;
}

std::string attr(const std::string& name, const std::string& value) {
    return " " + name + "=\"" + escape_xml_attribute(value) + "\"";
}

std::string text_element(double x, double y, const std::string& anchor, const std::string& content,
                         const std::string& extra = "") {
    return "<text" + attr("x", num(x)) + attr("y", num(y)) + attr("text-anchor", anchor) + extra + ">" +
           escape_xml_text(content) + "</text>\n";
}

std::string marker(int shape, double x, double y, const std::string& colour) {
    const std::string fill = attr("fill", colour);
    switch (shape % 4) {
        case 0: return "<circle" + attr("cx", num(x)) + attr("cy", num(y)) + attr("r", "3.5") + fill + "/>";
        case 1: return "<rect" + attr("x", num(x - 3.2)) + attr("y", num(y - 3.2)) + attr("width", "6.4") +
                       attr("height", "6.4") + fill + "/>";
        case 2: return "<path" + attr("d", "M" + num(x) + " " + num(y - 4.2) + "L" + num(x + 4) + " " + num(y + 3) +
                                               "L" + num(x - 4) + " " + num(y + 3) + "Z") + fill + "/>";
        default: return "<path" + attr("d", "M" + num(x) + " " + num(y - 4.5) + "L" + num(x + 4) + " " + num(y) + "L" +
                                                num(x) + " " + num(y + 4.5) + "L" + num(x - 4) + " " + num(y) + "Z") +
                        fill + "/>";
    }
}

bool drawable(double v, bool log) { return std::isfinite(v) && (!log || v > 0); }

struct Range {
    double lo = std::numeric_limits<double>::infinity(), hi = -std::numeric_limits<double>::infinity();
    void add(double v) { lo = std::min(lo, v), hi = std::max(hi, v); }
    bool empty() const { return lo > hi; }
};

// Where x values land: categories 1..n evenly, else a scale.
struct XMap {
    std::size_t categories = 0;
    std::optional<AxisScale> scale;
    double pixel(double v) const {
        if (categories) return left + (v - 0.5) / static_cast<double>(categories) * (right - left);
        return scale->pixel(v);
    }
    // Series side by side within a category, so that equal values stay visible.
    double offset(std::size_t series, std::size_t count) const {
        if (!categories || count < 2) return 0;
        return (static_cast<double>(series) - static_cast<double>(count - 1) / 2) * 14;
    }
};

std::string joined(const std::vector<PlotPoint>& points, bool x) {
    std::string out;
    for (const auto& p : points) out += (out.empty() ? "" : " ") + (x ? p.x.text : p.y.text);
    return out;
}

std::string superscript_label(double x, double y, const std::string& anchor, const Tick& t) {
    if (!t.power_of_ten) return text_element(x, y, anchor, t.label);
    return "<text" + attr("x", num(x)) + attr("y", num(y)) + attr("text-anchor", anchor) + ">10<tspan" +
           attr("dy", "-6") + attr("font-size", "9") + ">" + escape_xml_text(t.label) + "</tspan></text>\n";
}

}  // namespace

std::string svg_element(const Figure& f) {
    Range xr, yr;
    for (const auto& s : f.series)
        for (const auto& p : s.points)
            if (drawable(p.x.value, f.x.log) && drawable(p.y.value, f.y.log)) xr.add(p.x.value), yr.add(p.y.value);
    for (const auto& r : f.references)
        if (drawable(r.y.value, f.y.log)) yr.add(r.y.value);
    if (xr.empty()) xr.add(1);
    if (yr.empty()) yr.add(1);

    XMap xmap;
    if (!f.x.categories.empty()) xmap.categories = f.x.categories.size();
    else xmap.scale.emplace(xr.lo, xr.hi, f.x.log, left, right);
    const AxisScale ys(yr.lo, yr.hi, f.y.log, bottom, top);

    const std::size_t legend_entries = f.series.size() + f.references.size();
    const double height = bottom + 58 + legend_row * static_cast<double>(legend_entries) + 8;

    std::string out = "<svg xmlns=\"http://www.w3.org/2000/svg\"" + attr("class", "plot") + attr("id", "svg-" + f.id) +
                      attr("width", num(width)) + attr("height", num(height)) +
                      attr("viewBox", "0 0 " + num(width) + " " + num(height)) + attr("role", "img") +
                      attr("font-family", font) + attr("font-size", "12") + ">\n";
    out += "<title>" + escape_xml_text(f.title) + "</title>\n";
    out += "<desc>" + escape_xml_text(f.caption) + "</desc>\n";
    out += "<rect" + attr("width", num(width)) + attr("height", num(height)) + attr("fill", "#ffffff") + "/>\n";
    out += text_element(left, 24, "start", f.title, attr("font-size", "15") + attr("font-weight", "bold"));
    // The plot area's fill is used nowhere else: the rendering test finds each plot by it.
    out += "<rect" + attr("class", "plot-area") + attr("x", num(left)) + attr("y", num(top)) +
           attr("width", num(right - left)) + attr("height", num(plot_height)) + attr("fill", "#fbfbf7") + "/>\n";

    // Grid, ticks and their labels.
    out += "<g" + attr("stroke", "#dcdcd6") + attr("stroke-width", "1") + ">\n";
    for (const Tick& t : ys.ticks())
        out += "<line" + attr("x1", num(left)) + attr("x2", num(right)) + attr("y1", num(ys.pixel(t.value))) +
               attr("y2", num(ys.pixel(t.value))) + "/>\n";
    if (xmap.scale)
        for (const Tick& t : xmap.scale->ticks())
            out += "<line" + attr("x1", num(xmap.pixel(t.value))) + attr("x2", num(xmap.pixel(t.value))) +
                   attr("y1", num(top)) + attr("y2", num(bottom)) + "/>\n";
    out += "</g>\n<g" + attr("fill", "#222222") + ">\n";
    for (const Tick& t : ys.ticks()) out += superscript_label(left - 8, ys.pixel(t.value) + 4, "end", t);
    if (xmap.scale)
        for (const Tick& t : xmap.scale->ticks()) out += superscript_label(xmap.pixel(t.value), bottom + 18, "middle", t);
    for (std::size_t i = 0; i < xmap.categories; ++i)
        out += text_element(xmap.pixel(static_cast<double>(i + 1)), bottom + 18, "middle", f.x.categories[i]);
    out += text_element((left + right) / 2, bottom + 40, "middle", f.x.label, attr("font-size", "13"));
    out += text_element(0, 0, "middle", f.y.label,
                        attr("font-size", "13") + attr("transform", "translate(22 " + num((top + bottom) / 2) + ") rotate(-90)"));
    out += "</g>\n";

    // Reference lines, then the series over them.
    for (const auto& r : f.references) {
        if (!drawable(r.y.value, f.y.log)) continue;
        const double y = ys.pixel(r.y.value);
        out += "<line" + attr("class", "reference") + attr("data-y", r.y.text) + attr("x1", num(left)) +
               attr("x2", num(right)) + attr("y1", num(y)) + attr("y2", num(y)) + attr("stroke", "#777777") +
               attr("stroke-width", "1.2") + attr("stroke-dasharray", "4 4") + "/>\n";
        out += text_element(right - 4, y - 4, "end", r.label + " " + r.y.text,
                            attr("font-size", "10") + attr("fill", "#555555"));
    }
    for (std::size_t i = 0; i < f.series.size(); ++i) {
        const PlotSeries& s = f.series[i];
        const std::string colour = colours[i % std::size(colours)];
        out += "<g" + attr("class", "series") + attr("data-label", s.label) + attr("data-source", s.source) +
               attr("data-x", joined(s.points, true)) + attr("data-y", joined(s.points, false)) +
               attr("data-colour", colour) + ">\n";
        const double shift = xmap.offset(i, f.series.size());
        std::string path;
        for (const auto& p : s.points) {
            if (!drawable(p.x.value, f.x.log) || !drawable(p.y.value, f.y.log)) continue;
            path += (path.empty() ? "M" : " L") + num(xmap.pixel(p.x.value) + shift) + " " + num(ys.pixel(p.y.value));
        }
        if (s.style != SeriesStyle::markers && !path.empty())
            out += "<path" + attr("d", path) + attr("fill", "none") + attr("stroke", colour) +
                   attr("stroke-width", s.style == SeriesStyle::line ? "2" : "1.4") +
                   (dashes[i % std::size(dashes)][0] ? attr("stroke-dasharray", dashes[i % std::size(dashes)]) : "") +
                   "/>\n";
        if (s.style != SeriesStyle::line)
            for (const auto& p : s.points)
                if (drawable(p.x.value, f.x.log) && drawable(p.y.value, f.y.log))
                    out += marker(static_cast<int>(i), xmap.pixel(p.x.value) + shift, ys.pixel(p.y.value), colour) + "\n";
        out += "</g>\n";
    }
    out += "<rect" + attr("x", num(left)) + attr("y", num(top)) + attr("width", num(right - left)) +
           attr("height", num(plot_height)) + attr("fill", "none") + attr("stroke", "#444444") + "/>\n";

    // The legend, below the plot (never over the data).
    double y = bottom + 62;
    for (std::size_t i = 0; i < f.series.size(); ++i, y += legend_row) {
        const std::string colour = colours[i % std::size(colours)];
        const SeriesStyle style = f.series[i].style;
        if (style != SeriesStyle::markers)
            out += "<line" + attr("x1", num(left)) + attr("x2", num(left + 30)) + attr("y1", num(y - 4)) +
                   attr("y2", num(y - 4)) + attr("stroke", colour) + attr("stroke-width", "2") +
                   (dashes[i % std::size(dashes)][0] ? attr("stroke-dasharray", dashes[i % std::size(dashes)]) : "") +
                   "/>";
        if (style != SeriesStyle::line) out += marker(static_cast<int>(i), left + 15, y - 4, colour);
        out += text_element(left + 40, y, "start", f.series[i].label);
    }
    for (const auto& r : f.references) {
        out += "<line" + attr("x1", num(left)) + attr("x2", num(left + 30)) + attr("y1", num(y - 4)) +
               attr("y2", num(y - 4)) + attr("stroke", "#777777") + attr("stroke-dasharray", "4 4") + "/>";
        out += text_element(left + 40, y, "start", r.label + " (" + r.y.text + ")");
        y += legend_row;
    }
    return out + "</svg>\n";
}

std::string svg_document(const Figure& figure) {
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + svg_element(figure);
}

}  // namespace ropecheck::report
