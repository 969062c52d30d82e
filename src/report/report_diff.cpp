#include "ropecheck/report/report_diff.hpp"

#include <cmath>
#include <cstdlib>
#include <map>
#include <stdexcept>

namespace ropecheck::report {

namespace {

using core::json;

std::string string_at(const json& object, const char* key) {
    const auto it = object.find(key);
    return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

// The lower bound of the smallest margin as written, or "" when there is none.
std::string margin_lower(const json& claim) {
    const auto it = claim.find("smallest_margin");
    if (it == claim.end() || !it->is_object()) return "";
    return string_at(*it, "lower");
}

std::optional<double> decimal(const std::string& text) {
    if (text.empty()) return std::nullopt;
    char* end = nullptr;
    const double v = std::strtod(text.c_str(), &end);
    if (end != text.c_str() + text.size() || !std::isfinite(v)) return std::nullopt;
    return v;
}

// A finding (no expectation) is "ok" when it did not err, as in the report.
bool ok_of(const json& claim) {
    const auto it = claim.find("ok");
    if (it != claim.end() && it->is_boolean()) return it->get<bool>();
    return string_at(claim, "actual") != "error";
}

}  // namespace

bool ReportDiff::regressed() const {
    for (const auto& c : changes)
        if (c.regression) return true;
    return false;
}

void validate_report_document(const json& doc) {
    if (!doc.is_object() || string_at(doc, "schema") != "ropecheck-report")
        throw std::invalid_argument("not a ropecheck report.json (no \"schema\": \"ropecheck-report\")");
    const auto claims = doc.find("claims");
    if (claims == doc.end() || !claims->is_array()) throw std::invalid_argument("has no \"claims\" array");
    for (std::size_t i = 0; i < claims->size(); ++i)
        if (!(*claims)[i].is_object() || string_at((*claims)[i], "run_id").empty())
            throw std::invalid_argument("claims[" + std::to_string(i) + "] has no \"run_id\"");
}

ReportDiff diff_reports(const json& old_report, const json& new_report, double tolerance) {
    validate_report_document(old_report);
    validate_report_document(new_report);
    const json& before = old_report.at("claims");
    const json& after = new_report.at("claims");
    std::map<std::string, const json*> old_by_id, new_by_id;
    for (const auto& c : before) old_by_id[string_at(c, "run_id")] = &c;
    for (const auto& c : after) new_by_id[string_at(c, "run_id")] = &c;

    ReportDiff diff;
    diff.old_claims = before.size();
    diff.new_claims = after.size();
    for (const auto& c : after) {
        const std::string id = string_at(c, "run_id");
        const auto it = old_by_id.find(id);
        if (it == old_by_id.end()) {
            diff.changes.push_back({id, "added", "", string_at(c, "actual"), false, "new claim"});
            continue;
        }
        const json& o = *it->second;
        const std::string was = string_at(o, "actual"), now = string_at(c, "actual");
        const bool was_ok = ok_of(o), now_ok = ok_of(c);
        if (was != now || was_ok != now_ok) {
            const bool regression = was_ok && !now_ok;
            diff.changes.push_back({id, "verdict", was, now, regression,
                                    regression ? "no longer meets its expectation"
                                               : (now_ok ? "still meets its expectation" : "still mismatched")});
        }
        const std::string m_was = margin_lower(o), m_now = margin_lower(c);
        if (m_was == m_now) continue;
        const auto a = decimal(m_was), b = decimal(m_now);
        if (a && b) {
            const double allowed = std::fabs(*a) * tolerance;
            if (std::fabs(*b - *a) <= allowed) continue;
            const bool fell = *b < *a;
            diff.changes.push_back({id, "margin", m_was, m_now, fell,
                                    fell ? "smallest margin fell beyond the tolerance" : "smallest margin grew"});
        } else {
            // One side has no margin (or not a number): a change, and a loss when it is gone.
            const bool lost = !m_was.empty() && m_now.empty();
            diff.changes.push_back({id, "margin", m_was.empty() ? "none" : m_was, m_now.empty() ? "none" : m_now,
                                    lost, lost ? "smallest margin no longer reported" : "smallest margin changed"});
        }
    }
    for (const auto& c : before) {
        const std::string id = string_at(c, "run_id");
        if (!new_by_id.count(id))
            diff.changes.push_back({id, "removed", string_at(c, "actual"), "", true, "claim no longer run"});
    }
    return diff;
}

}  // namespace ropecheck::report
