#pragma once
// The views of `audit --precision-slips` (audit/precision_slips.hpp): a compact
// text table per layer group, and the JSON key "precision_slips" (audit JSON
// schema version 4, reports/README.md).
#include <string>
#include <vector>

#include "ropecheck/audit/precision_slips.hpp"
#include "ropecheck/core/parameters.hpp"

namespace ropecheck::cli {

core::json slips_json(const std::vector<audit::GroupSlips>& slips, numeric::IeeeFormat dtype);
std::string slips_text(const std::vector<audit::GroupSlips>& slips, numeric::IeeeFormat dtype);

}  // namespace ropecheck::cli
