// The paper's Figure 2 from the curves fig-2 stores: (a) q = k = all ones,
// (b) Gaussian q, k; the activation over the distance, normalised as the
// claim's evidence states.
#include "figures.hpp"

namespace ropecheck::report::figures {

std::vector<Figure> figure_2(const core::json& report) {
    std::vector<Figure> out;
    const auto claims = claims_with_id(report, "fig-2");
    if (claims.empty()) return out;
    const auto instances = instances_of(*claims.front());
    if (instances.empty()) return out;
    const InstanceData& in = instances.front();
    const core::json& curves = member(*in.evidence, "curves");
    const core::json& r = member(curves, "distances");
    const std::string where = "fig-2: evidence[0].evidence.curves.";
    const std::string fit = member(*in.evidence, "fit").is_string() ? member(*in.evidence, "fit").get<std::string>() : "";

    Figure a;
    a.id = "fig-2a";
    a.title = "Figure 2(a): activation of all-ones q = k over distance";
    a.caption = "f(r) = a(r)/a(0) = (2/d) sum_k cos(r g_k) for q = k = (1, ..., 1), " + fit +
                ". From fig-2's stored curves.";
    a.x = {"relative distance r (tokens)", false, {}};
    a.y = {"a(r) / a(0)", false, {}};
    a.series.push_back(parallel_series("all ones", where + "all_ones", SeriesStyle::line, r, member(curves, "all_ones")));

    Figure b;
    b.id = "fig-2b";
    b.title = "Figure 2(b): activation of Gaussian q, k over distance";
    b.caption = "a(r)/d for q, k ~ N(0, I_d): one draw, and the mean and mean |a| over the draws, " + fit +
                ". From fig-2's stored curves.";
    b.x = a.x;
    b.y = {"a(r) / d", false, {}};
    b.series.push_back(parallel_series("one Gaussian draw", where + "gaussian_single_draw", SeriesStyle::line, r,
                                       member(curves, "gaussian_single_draw")));
    b.series.push_back(
        parallel_series("mean over draws", where + "gaussian_mean", SeriesStyle::line, r, member(curves, "gaussian_mean")));
    b.series.push_back(parallel_series("mean |a| over draws", where + "gaussian_mean_abs", SeriesStyle::line, r,
                                       member(curves, "gaussian_mean_abs")));
    for (Figure* f : {&a, &b}) {
        bool any = false;
        for (const auto& s : f->series) any = any || !s.points.empty();
        if (any) out.push_back(std::move(*f));
    }
    return out;
}

}  // namespace ropecheck::report::figures
