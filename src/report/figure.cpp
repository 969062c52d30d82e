#include "ropecheck/report/figure.hpp"

#include <cerrno>
#include <cmath>
#include <cstdlib>

namespace ropecheck::report {

namespace {

// The whole string must be one finite decimal number.
std::optional<double> parse_decimal(const std::string& text) {
    if (text.empty()) return std::nullopt;
    errno = 0;
    char* end = nullptr;
    const double v = std::strtod(text.c_str(), &end);
    if (errno == ERANGE || end != text.c_str() + text.size() || !std::isfinite(v)) return std::nullopt;
    return v;
}

}  // namespace

std::optional<PlotValue> plot_value(const core::json& v) {
    if (v.is_number()) {
        const double d = v.get<double>();
        if (!std::isfinite(d)) return std::nullopt;
        // dump() is the text report_json_text writes for this number.
        return PlotValue{v.dump(), d};
    }
    if (v.is_string()) {
        const std::string text = v.get<std::string>();
        if (const auto d = parse_decimal(text)) return PlotValue{text, *d};
    }
    return std::nullopt;
}

std::optional<PlotValue> interval_lower(const core::json& v) {
    if (!v.is_string()) return std::nullopt;
    const std::string s = v.get<std::string>();
    const auto comma = s.find(',');
    if (s.size() < 5 || s.front() != '[' || s.back() != ']' || comma == std::string::npos) return std::nullopt;
    const std::string lower = s.substr(1, comma - 1);
    if (const auto d = parse_decimal(lower)) return PlotValue{lower, *d};
    return std::nullopt;
}

}  // namespace ropecheck::report
