#include <boost/test/unit_test.hpp>

#include <string>
#include <vector>

#include "ropecheck/report/figure.hpp"
#include "ropecheck/report/plot_axis.hpp"
#include "ropecheck/report/report_figures.hpp"
#include "ropecheck/report/svg_plot.hpp"

using namespace ropecheck::report;
using ropecheck::core::json;

namespace {

// A report.json document with the claims the figures read, in their shapes.
json report_with(json claims) {
    return json{{"schema", "ropecheck-report"}, {"claims", std::move(claims)}};
}

json claim(const std::string& run_id, json evidence) {
    return json{{"run_id", run_id}, {"evidence", std::move(evidence)}};
}

json instance(json parameters, json evidence) {
    return json{{"instance", 0}, {"parameters", std::move(parameters)}, {"evidence", std::move(evidence)}};
}

const Figure* find(const std::vector<Figure>& figures, const std::string& id) {
    for (const auto& f : figures)
        if (f.id == id) return &f;
    return nullptr;
}

std::vector<std::string> texts(const PlotSeries& s, bool x) {
    std::vector<std::string> out;
    for (const auto& p : s.points) out.push_back(x ? p.x.text : p.y.text);
    return out;
}

using Texts = std::vector<std::string>;

}  // namespace

BOOST_AUTO_TEST_SUITE(figures)

BOOST_AUTO_TEST_CASE(log_axis_ticks_are_whole_decades) {
    const AxisScale s(3, 5000, true, 0, 400);
    std::vector<double> values;
    for (const auto& t : s.ticks()) values.push_back(t.value);
    BOOST_TEST(values == (std::vector<double>{1, 10, 100, 1000, 10000}), boost::test_tools::per_element());
    BOOST_TEST(s.pixel(1) == 0);
    BOOST_TEST(s.pixel(10000) == 400);
    BOOST_TEST(s.pixel(100) == 200, boost::test_tools::tolerance(1e-9));
    // Many decades: every second or third one labelled (18 decades: every third, -9, -6, ..., 9).
    const AxisScale wide(1e-9, 1e9, true, 0, 1);
    BOOST_TEST(wide.ticks().size() == 7u);
    BOOST_TEST(wide.ticks()[1].label == "-6");
    const AxisScale twelve(1, 1e12, true, 0, 1);
    BOOST_TEST(twelve.ticks().size() == 7u);  // every second: 0, 2, ..., 12
}

BOOST_AUTO_TEST_CASE(linear_axis_ticks_step_by_one_two_or_five) {
    const AxisScale s(0, 5000, false, 0, 100);
    BOOST_TEST(s.ticks().size() == 6u);
    BOOST_TEST(s.ticks()[1].label == "1000");
    // Span 1.1: a fifth is 0.22, so the step is 0.5 (the next of 0.1, 0.2, 0.5 above it).
    const AxisScale signed_range(-0.13, 0.97, false, 0, 100);
    BOOST_TEST(signed_range.ticks().size() == 4u);
    BOOST_TEST(signed_range.ticks().front().value == -0.5, boost::test_tools::tolerance(1e-12));
    BOOST_TEST(signed_range.ticks().back().value == 1.0, boost::test_tools::tolerance(1e-12));
    BOOST_TEST(tick_text(0.2) == "0.2");
    BOOST_TEST(tick_text(-0.0) == "0");
}

BOOST_AUTO_TEST_CASE(plot_values_keep_report_json_text) {
    BOOST_TEST(plot_value(json(0.1006771718622493))->text == "0.1006771718622493");
    BOOST_TEST(plot_value(json(710))->value == 710);
    BOOST_TEST(plot_value(json("4.7797163339826718165e+00"))->text == "4.7797163339826718165e+00");
    BOOST_TEST(!plot_value(json(nullptr)));
    BOOST_TEST(!plot_value(json("beyond 1000000")));
    BOOST_TEST(!plot_value(json("[1, 2]")));
    const auto lower = interval_lower(json("[4.5969769413186028259e-01, 4.5969769413186028260e-01]"));
    BOOST_REQUIRE(lower);
    BOOST_TEST(lower->text == "4.5969769413186028259e-01");
    BOOST_TEST(!interval_lower(json("0.5")));
}

BOOST_AUTO_TEST_CASE(no_figure_without_its_claims) {
    BOOST_TEST(report_figures(report_with(json::array())).empty());
    BOOST_TEST(report_figures(json::object()).empty());
}

BOOST_AUTO_TEST_CASE(figure_2_plots_the_stored_curves) {
    const json curves = {{"distances", {0, 50, 100}},
                         {"all_ones", {1.0, 0.5, -0.25}},
                         {"gaussian_single_draw", {0.3, -0.1, 0.2}},
                         {"gaussian_mean", {0.01, 0.02, 0.03}},
                         {"gaussian_mean_abs", {0.1, 0.2, 0.3}}};
    const auto figures = report_figures(
        report_with({claim("fig-2", {instance({{"head_dim", 8}}, {{"fit", "theta = 1"}, {"curves", curves}})}),
                     claim("fig-2/negative/x", json::array())}));
    const Figure* a = find(figures, "fig-2a");
    const Figure* b = find(figures, "fig-2b");
    BOOST_REQUIRE(a);
    BOOST_REQUIRE(b);
    BOOST_TEST(texts(a->series.at(0), true) == (Texts{"0", "50", "100"}), boost::test_tools::per_element());
    BOOST_TEST(texts(a->series.at(0), false) == (Texts{"1.0", "0.5", "-0.25"}), boost::test_tools::per_element());
    BOOST_TEST(b->series.size() == 3u);
    BOOST_TEST(texts(b->series.at(2), false) == (Texts{"0.1", "0.2", "0.3"}), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(thm_5_3_margin_and_scale_by_context) {
    json evidence = json::array();
    for (int n : {10, 400})
        for (const char* pattern : {"diagonal", "previous-token"})
            evidence.push_back(instance(
                {{"head_dim", 64}, {"theta", "10000"}, {"frequency_index", 1}, {"context", n}, {"epsilon", "0.1"},
                 {"pattern", pattern}},
                {{"s_star_upper", n == 10 ? "5.5e+01" : "7.3e+04"},
                 {"binding_margin", n == 10 ? "[3.9e-02, 4.0e-02]" : "[3.8e-05, 3.9e-05]"}}));
    const auto figures = report_figures(report_with({claim("thm-5.3", evidence)}));
    const Figure* margin = find(figures, "positional-margin");
    BOOST_REQUIRE(margin);
    BOOST_TEST(margin->series.size() == 1u);  // the pattern does not change the margin
    BOOST_TEST(texts(margin->series[0], true) == (Texts{"10", "400"}), boost::test_tools::per_element());
    BOOST_TEST(texts(margin->series[0], false) == (Texts{"3.9e-02", "3.8e-05"}), boost::test_tools::per_element());
    BOOST_TEST(margin->x.log);
    BOOST_TEST(margin->y.log);
    const Figure* scale = find(figures, "thm-5.3-scale");
    BOOST_REQUIRE(scale);
    BOOST_TEST(scale->series.size() == 2u);
    BOOST_TEST(texts(scale->series[1], false) == (Texts{"5.5e+01", "7.3e+04"}), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(semantic_breaks_per_channel_skip_the_missing) {
    const json by_channel = {{"rope", {2, 9, 5000}},
                             {"prope_rotated", {true, true, false}},
                             {"rope_theta_larger", {2, 40, nullptr}}};
    const auto figures = report_figures(report_with({claim(
        "thm-6.1", {instance({{"head_dim", 6}, {"theta", "10000"}, {"theta_larger", "500000"}, {"p", "0.5"},
                              {"max_distance", 1000000}},
                             {{"break_distance_by_channel", by_channel}})})}));
    const Figure* f = find(figures, "semantic-break");
    BOOST_REQUIRE(f);
    BOOST_TEST(texts(f->series[0], false) == (Texts{"2", "9", "5000"}), boost::test_tools::per_element());
    BOOST_TEST(texts(f->series[1], true) == (Texts{"1", "2"}), boost::test_tools::per_element());
    BOOST_TEST(texts(f->series[2], false) == (Texts{"2", "9"}), boost::test_tools::per_element());
    BOOST_TEST(f->references.back().y.text == "1000000");
}

BOOST_AUTO_TEST_CASE(audit_frequency_table_and_base_bound) {
    const json table = {{{"index", 1}, {"wavelength", "6.28e+00"}, {"first_break_distance", 2}},
                        {{"index", 2}, {"wavelength", "6.28e+05"}, {"first_break_distance", nullptr}}};
    const auto figures = report_figures(report_with(
        {claim("group-0/thm-6.1", {instance({{"group", 0}}, {{"max_distance", 65535}, {"frequencies", table}})}),
         claim("group-0/base-bound", {instance({{"group", 0}}, {{"context", 65536}, {"least_theta", "2.09e+06"},
                                                                  {"rope_theta", "5000000"}})})}));
    const Figure* f = find(figures, "frequencies-group-0");
    BOOST_REQUIRE(f);
    BOOST_TEST(texts(f->series[0], false) == (Texts{"6.28e+00", "6.28e+05"}), boost::test_tools::per_element());
    BOOST_TEST(texts(f->series[1], false) == (Texts{"2"}), boost::test_tools::per_element());
    BOOST_TEST(f->references.at(0).y.text == "65535");
    const Figure* b = find(figures, "base-bound");
    BOOST_REQUIRE(b);
    BOOST_TEST(texts(b->series[0], false) == (Texts{"2.09e+06"}), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(svg_escapes_hostile_labels_and_carries_the_values) {
    Figure f;
    f.id = "hostile";
    f.title = R"(<script>alert("x")</script> & 'quotes')";
    f.caption = "a < b && c > d";
    f.x = {"x <unit>", true, {}};
    f.y = {"y \"unit\"", false, {}};
    f.series.push_back({"series & <label>", "src \"quoted\"", SeriesStyle::points,
                        {{{"1", 1}, {"0.5", 0.5}}, {{"100", 100}, {"-2", -2}}}});
    const std::string svg = svg_document(f);
    BOOST_TEST(svg.find("<script") == std::string::npos);
    BOOST_TEST(svg.find("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &apos;quotes&apos;") !=
               std::string::npos);
    BOOST_TEST(svg.find(R"(data-label="series &amp; &lt;label&gt;")") != std::string::npos);
    BOOST_TEST(svg.find(R"(data-x="1 100")") != std::string::npos);
    BOOST_TEST(svg.find(R"(data-y="0.5 -2")") != std::string::npos);
    BOOST_TEST(svg.rfind("<?xml", 0) == 0);
}

BOOST_AUTO_TEST_SUITE_END()
