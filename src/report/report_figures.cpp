#include "ropecheck/report/report_figures.hpp"

#include "figures.hpp"

namespace ropecheck::report {

namespace figures {

namespace {

const core::json null_value = nullptr;

std::vector<const core::json*> claims_where(const core::json& report, bool (*match)(const std::string&, const std::string&),
                                            const std::string& key) {
    std::vector<const core::json*> out;
    const core::json& claims = member(report, "claims");
    if (!claims.is_array()) return out;
    for (const auto& c : claims) {
        const core::json& id = member(c, "run_id");
        if (id.is_string() && match(id.get<std::string>(), key)) out.push_back(&c);
    }
    return out;
}

}  // namespace

const core::json& member(const core::json& object, const std::string& key) {
    if (!object.is_object()) return null_value;
    const auto it = object.find(key);
    return it == object.end() ? null_value : *it;
}

std::vector<const core::json*> claims_with_id(const core::json& report, const std::string& run_id) {
    return claims_where(report, [](const std::string& id, const std::string& k) { return id == k; }, run_id);
}

std::vector<const core::json*> findings_named(const core::json& report, const std::string& name) {
    return claims_where(
        report,
        [](const std::string& id, const std::string& k) {
            return id.size() > k.size() && id.compare(id.size() - k.size(), k.size(), k) == 0 &&
                   id[id.size() - k.size() - 1] == '/';
        },
        name);
}

std::vector<InstanceData> instances_of(const core::json& claim) {
    std::vector<InstanceData> out;
    const core::json& evidence = member(claim, "evidence");
    if (!evidence.is_array()) return out;
    for (const auto& e : evidence) {
        const core::json& p = member(e, "parameters");
        const core::json& ev = member(e, "evidence");
        if (p.is_object() && ev.is_object()) out.push_back({&p, &ev});
    }
    return out;
}

PlotSeries parallel_series(std::string label, std::string source, SeriesStyle style, const core::json& xs,
                           const core::json& ys) {
    PlotSeries s{std::move(label), std::move(source), style, {}};
    if (!xs.is_array() || !ys.is_array()) return s;
    for (std::size_t i = 0; i < xs.size() && i < ys.size(); ++i) add_point(s, plot_value(xs[i]), plot_value(ys[i]));
    return s;
}

PlotSeries& SeriesInOrder::at(const std::string& key, const std::function<PlotSeries()>& make) {
    for (std::size_t i = 0; i < keys_.size(); ++i)
        if (keys_[i] == key) return series_[i];
    keys_.push_back(key);
    series_.push_back(make());
    return series_.back();
}

void add_point(PlotSeries& series, const std::optional<PlotValue>& x, const std::optional<PlotValue>& y) {
    if (x && y) series.points.push_back({*x, *y});
}

}  // namespace figures

std::vector<Figure> report_figures(const core::json& report) {
    std::vector<Figure> out = figures::figure_2(report);
    for (auto make : {figures::positional_margin_figure, figures::scale_figure, figures::semantic_break_figure,
                      figures::finite_precision_figure})
        if (auto f = make(report)) out.push_back(std::move(*f));
    for (auto& f : figures::frequency_table_figures(report)) out.push_back(std::move(f));
    if (auto f = figures::base_bound_figure(report)) out.push_back(std::move(*f));
    return out;
}

}  // namespace ropecheck::report
