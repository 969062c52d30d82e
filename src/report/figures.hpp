#pragma once
// The figure builders, one per file (src/report/figure_*.cpp), and what they share.
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "ropecheck/core/parameters.hpp"
#include "ropecheck/report/figure.hpp"

namespace ropecheck::report::figures {

// The claim entries of `report` whose run_id is `run_id` (a claim) or, with
// suffix matching, whose run_id ends in "/" + `suffix` (an audit's findings).
std::vector<const core::json*> claims_with_id(const core::json& report, const std::string& run_id);
std::vector<const core::json*> findings_named(const core::json& report, const std::string& name);

// evidence[i].parameters / evidence[i].evidence of one claim entry, skipping
// entries without them.
struct InstanceData {
    const core::json* parameters;
    const core::json* evidence;
};
std::vector<InstanceData> instances_of(const core::json& claim);

// A value of an object by key, or null.
const core::json& member(const core::json& object, const std::string& key);

// Points (xs[i], ys[i]) of two parallel arrays, skipping pairs that are not numbers.
PlotSeries parallel_series(std::string label, std::string source, SeriesStyle style, const core::json& xs,
                           const core::json& ys);

// A point of two plot values, when both are present.
void add_point(PlotSeries& series, const std::optional<PlotValue>& x, const std::optional<PlotValue>& y);

// Series keyed by a label, listed in the order their keys first appeared (a figure's legend
// follows the claim's instances, not the keys' sort order).
class SeriesInOrder {
public:
    // The series of `key`, made by `make` when the key is new.
    PlotSeries& at(const std::string& key, const std::function<PlotSeries()>& make);
    bool empty() const { return keys_.empty(); }
    std::vector<PlotSeries> take() { return std::move(series_); }

private:
    std::vector<std::string> keys_;
    std::vector<PlotSeries> series_;
};

std::vector<Figure> figure_2(const core::json& report);
std::optional<Figure> positional_margin_figure(const core::json& report);
std::optional<Figure> scale_figure(const core::json& report);
std::optional<Figure> semantic_break_figure(const core::json& report);
std::optional<Figure> finite_precision_figure(const core::json& report);
std::vector<Figure> frequency_table_figures(const core::json& report);
std::optional<Figure> base_bound_figure(const core::json& report);

}  // namespace ropecheck::report::figures
