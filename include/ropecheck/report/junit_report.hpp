#pragma once
// junit.xml for CI: one testcase per claim (or negative control). A claim whose
// verdict misses its expectation is a <failure> carrying the counterexample; an
// `error` verdict is an <error>. Times come from the run's timing section.
#include <string>

#include "ropecheck/core/run_result.hpp"

namespace ropecheck::report {

std::string junit_xml(const core::RunResult& run);

}  // namespace ropecheck::report
