#pragma once
// The shape every report.json and junit.xml must have, whoever wrote it
// (`run` or `audit --report-dir`): reports/README.md's schema, checked key by
// key, with the JUnit file's counts and test names tied to report.json's claims.
#include <string>

#include <nlohmann/json.hpp>

namespace report_shape {

// BOOST_TEST failures name what is missing or inconsistent.
void check_report_json(const nlohmann::json& report);
void check_junit_xml(const std::string& xml, const nlohmann::json& report);

}  // namespace report_shape
