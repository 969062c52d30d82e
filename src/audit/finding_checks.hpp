#pragma once
// The finding checks, one file each (src/audit/<name>_finding.cpp); make_finding_checks
// (finding_check.cpp) lists them in report order. Private to src/audit.
#include <memory>

#include "ropecheck/audit/finding_check.hpp"

namespace ropecheck::audit {

std::unique_ptr<FindingCheck> make_channel_breaks_finding(std::shared_ptr<const AuditSubject> subject);
std::unique_ptr<FindingCheck> make_all_frequency_break_finding(std::shared_ptr<const AuditSubject> subject);
std::unique_ptr<FindingCheck> make_positional_head_finding(std::shared_ptr<const AuditSubject> subject);
std::unique_ptr<FindingCheck> make_nope_finding(std::shared_ptr<const AuditSubject> subject);
std::unique_ptr<FindingCheck> make_prope_finding(std::shared_ptr<const AuditSubject> subject);
std::unique_ptr<FindingCheck> make_float_collision_finding(std::shared_ptr<const AuditSubject> subject);
std::unique_ptr<FindingCheck> make_base_bound_finding(std::shared_ptr<const AuditSubject> subject);

}  // namespace ropecheck::audit
