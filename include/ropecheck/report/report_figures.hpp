#pragma once
// The figures a report shows, read from its report.json document (never from
// the run itself), so that each plotted value is one report.json holds. A
// figure whose claim the run did not select, or whose data is absent, is left out.
#include <vector>

#include "ropecheck/core/parameters.hpp"
#include "ropecheck/report/figure.hpp"

namespace ropecheck::report {

// In the order the HTML shows them: the paper's Figure 2, the positional
// margin and the Thm 5.3 scale against the context, the semantic break per
// frequency, finite precision; for an audit, the frequency table and the base bound.
std::vector<Figure> report_figures(const core::json& report);

}  // namespace ropecheck::report
