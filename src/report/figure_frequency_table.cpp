// An audit's frequency table as a figure, one per layer group: each pair's
// wavelength 2 pi / g_k and first semantic break against the span the group
// attends over (its context, or its sliding window).
#include "figures.hpp"

namespace ropecheck::report::figures {

std::vector<Figure> frequency_table_figures(const core::json& report) {
    std::vector<Figure> out;
    for (const core::json* finding : findings_named(report, "thm-6.1")) {
        const std::string run_id = member(*finding, "run_id").get<std::string>();
        const std::string group = run_id.substr(0, run_id.size() - std::string("/thm-6.1").size());
        for (const auto& in : instances_of(*finding)) {
            const core::json& table = member(*in.evidence, "frequencies");
            if (!table.is_array()) continue;
            PlotSeries wavelength{"wavelength 2 pi / g_k", run_id + ": evidence.frequencies[].wavelength",
                                  SeriesStyle::points, {}};
            PlotSeries breaks{"first semantic break (cos(r g_k) < 0; missing: none found)",
                              run_id + ": evidence.frequencies[].first_break_distance", SeriesStyle::points, {}};
            for (const auto& row : table) {
                add_point(wavelength, plot_value(member(row, "index")), plot_value(member(row, "wavelength")));
                add_point(breaks, plot_value(member(row, "index")), plot_value(member(row, "first_break_distance")));
            }
            Figure f;
            f.id = "frequencies-" + group;
            f.title = "Frequency table of " + group + ": wavelength and semantic break per pair";
            f.caption = "Each rotating pair's wavelength and its first certified break distance (audit finding " +
                        run_id + "), against the span r <= max_distance the group attends over (its context, or "
                        "its sliding window). A pair whose wavelength exceeds the span never completes a turn in it.";
            f.x = {"pair index k", false, {}};
            f.y = {"tokens", true, {}};
            f.series = {std::move(wavelength), std::move(breaks)};
            if (const auto span = plot_value(member(*in.evidence, "max_distance")))
                f.references.push_back({"span: context or window, max_distance", *span});
            out.push_back(std::move(f));
        }
    }
    return out;
}

}  // namespace ropecheck::report::figures
