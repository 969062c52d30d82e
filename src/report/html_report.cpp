#include "ropecheck/report/html_report.hpp"

#include <cctype>

#include "ropecheck/report/report_figures.hpp"
#include "ropecheck/report/svg_plot.hpp"
#include "ropecheck/report/xml_escape.hpp"

namespace ropecheck::report {

namespace {

using core::json;

// Print and screen alike; system fonts only.
constexpr const char* style = R"(
body { font-family: "DejaVu Sans", Helvetica, Arial, sans-serif; margin: 2em auto; max-width: 62em; color: #1a1a1a; line-height: 1.4; padding: 0 1em; }
h1 { font-size: 1.7em; } h2 { border-bottom: 1px solid #bbb; margin-top: 2em; } h3 { margin-bottom: 0.3em; }
table { border-collapse: collapse; margin: 0.8em 0; font-size: 0.92em; }
th, td { border: 1px solid #ccc; padding: 0.25em 0.5em; text-align: left; vertical-align: top; }
th { background: #f0f0ec; }
.ok { color: #006d2c; font-weight: bold; } .mismatch { color: #b30000; font-weight: bold; }
figure { margin: 1.5em 0; page-break-inside: avoid; } figcaption { max-width: 48em; font-size: 0.92em; }
pre { background: #f6f6f3; padding: 0.6em; overflow-x: auto; font-size: 0.85em; white-space: pre-wrap; word-break: break-all; }
code { font-family: "DejaVu Sans Mono", monospace; }
dl { display: grid; grid-template-columns: max-content auto; gap: 0.2em 1em; } dt { font-weight: bold; } dd { margin: 0; }
article { border-top: 1px solid #ddd; padding-top: 0.5em; }
@media print { details { display: block; } body { max-width: none; } }
)";

std::string esc(const std::string& s) { return escape_xml_text(s); }
std::string esc_attr(const std::string& s) { return escape_xml_attribute(s); }

// A JSON value as text: strings unquoted, anything else in its JSON form.
std::string text_of(const json& v) {
    if (v.is_string()) return v.get<std::string>();
    if (v.is_null()) return "—";
    return v.dump(-1, ' ', false, json::error_handler_t::replace);
}

const json& at(const json& object, const std::string& key) {
    static const json null_value = nullptr;
    if (!object.is_object()) return null_value;
    const auto it = object.find(key);
    return it == object.end() ? null_value : *it;
}

std::string pretty(const json& v) { return v.dump(2, ' ', false, json::error_handler_t::replace); }

std::string anchor_of(const std::string& run_id) {
    std::string out = "claim-";
    for (char c : run_id) out += (std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '.') ? c : '_';
    return out;
}

// One term of a definition list; `value` is markup already escaped.
std::string definition(const std::string& term, const std::string& value) {
    return "<dt>" + esc(term) + "</dt><dd>" + value + "</dd>\n";
}

std::string key_value_table(const json& object) {
    std::string out = "<table>\n";
    for (const auto& [key, value] : object.items())
        out += "<tr><th>" + esc(key) + "</th><td>" + esc(text_of(value)) + "</td></tr>\n";
    return out + "</table>\n";
}

std::string summary_section(const json& report) {
    const json& summary = at(report, "summary");
    const bool all_ok = at(summary, "all_ok") == true;
    std::string out = "<section id=\"summary\">\n<h2>Summary</h2>\n<p><span class=\"" +
                      std::string(all_ok ? "ok\">OK" : "mismatch\">MISMATCH") + "</span>: " +
                      esc(text_of(at(summary, "claims"))) + " claims, " + esc(text_of(at(summary, "ok"))) +
                      " met their expected verdict";
    const json& findings = at(summary, "findings");
    if (findings.is_number() && findings.get<long>() > 0)
        out += " (" + esc(text_of(findings)) + " of them findings, which only must not err)";
    out += "; " + esc(text_of(at(summary, "mismatched"))) + " mismatched.</p>\n";
    out += "<h3>Verdicts</h3>\n" + key_value_table(at(summary, "verdicts"));
    out += "<h3>Run</h3>\n" + key_value_table(at(report, "run"));
    out += "<h3>Provenance</h3>\n" + key_value_table(at(report, "provenance"));
    return out + "</section>\n";
}

std::string figures_section(const std::vector<Figure>& figures) {
    std::string out = "<section id=\"figures\">\n<h2>Figures</h2>\n";
    if (figures.empty()) out += "<p>The claims this run selected have no figure.</p>\n";
    for (const Figure& f : figures) {
        out += "<figure id=\"figure-" + esc_attr(f.id) + "\">\n" + svg_element(f) + "<figcaption>" + esc(f.caption) +
               " Standalone: <a href=\"" + esc_attr(f.id + ".svg") + "\">" + esc(f.id + ".svg") +
               "</a>.</figcaption>\n</figure>\n";
    }
    return out + "</section>\n";
}

std::string margin_text(const json& m) {
    if (!m.is_object()) return "—";
    std::string out = "[" + text_of(at(m, "lower")) + ", " + text_of(at(m, "upper")) + "]";
    if (at(m, "where").is_string() && !at(m, "where").get<std::string>().empty()) out += " at " + text_of(at(m, "where"));
    if (!at(m, "instance").is_null()) out += " (instance " + text_of(at(m, "instance")) + ")";
    return out;
}

std::string overview_table(const json& claims) {
    std::string out = "<table>\n<tr><th>Claim</th><th>Source</th><th>Expected</th><th>Actual</th><th>OK</th>"
                      "<th>Instances</th><th>Smallest margin (lower end)</th></tr>\n";
    for (const json& c : claims) {
        const std::string id = text_of(at(c, "run_id"));
        const bool ok = at(c, "ok") != false;
        const json& m = at(c, "smallest_margin");
        out += "<tr><td><a href=\"#" + esc_attr(anchor_of(id)) + "\">" + esc(id) + "</a></td><td>" +
               esc(text_of(at(c, "source"))) + "</td><td>" +
               esc(at(c, "expected").is_null() ? std::string("— (finding)") : text_of(at(c, "expected"))) + "</td><td>" +
               esc(text_of(at(c, "actual"))) + "</td><td class=\"" + (ok ? "ok\">yes" : "mismatch\">no") + "</td><td>" +
               esc(text_of(at(c, "instances"))) + "</td><td>" + esc(m.is_object() ? text_of(at(m, "lower")) : "—") +
               "</td></tr>\n";
    }
    return out + "</table>\n";
}

std::string counterexample_block(const json& c) {
    const json& ce = at(c, "counterexample");
    if (!ce.is_object()) return "";
    std::string out = "<h4>Counterexample</h4>\n<dl>\n" + definition("Kind", esc(text_of(at(ce, "kind"))));
    const json& inputs = at(ce, "inputs");
    if (inputs.is_array())
        for (const json& input : inputs)
            out += definition(text_of(at(input, "name")), "<code>" + esc(text_of(at(input, "value"))) + "</code>");
    out += definition("Claimed", esc(text_of(at(ce, "claimed"))));
    out += definition("Computed", esc(text_of(at(ce, "computed")))) + "</dl>\n";
    const json& replay = at(ce, "replay");
    if (replay.is_object() && !replay.empty()) {
        out += "<p>Reproduce: <code>ropecheck replay " + esc(replay_file_name(text_of(at(c, "run_id")))) +
               "</code> (the record below, which <code>ropecheck run</code> writes there beside this report)</p>\n";
        out += "<pre>" + esc(pretty(replay)) + "</pre>\n";
    }
    return out;
}

std::string claim_article(const json& c) {
    const std::string id = text_of(at(c, "run_id"));
    const bool ok = at(c, "ok") != false;
    std::string out = "<article id=\"" + esc_attr(anchor_of(id)) + "\">\n<h3>" + esc(id);
    if (at(c, "title").is_string() && !at(c, "title").get<std::string>().empty()) out += " — " + esc(text_of(at(c, "title")));
    out += "</h3>\n<dl>\n";
    out += definition("Source", esc(text_of(at(c, "source"))));
    out += definition("Statement", esc(text_of(at(c, "statement"))));
    out += definition("Verdict", "<span class=\"" + std::string(ok ? "ok" : "mismatch") + "\">" +
                                     esc(text_of(at(c, "actual"))) + "</span>" +
                                     esc(at(c, "expected").is_null()
                                             ? std::string(" (a finding: no expected verdict)")
                                             : " (expected " + text_of(at(c, "expected")) + ")"));
    out += definition("Instances", esc(text_of(at(c, "instances")) + ": " + text_of(at(c, "verdict_counts"))));
    out += definition("Message", esc(text_of(at(c, "message"))));
    out += definition("Smallest margin", esc(margin_text(at(c, "smallest_margin")))) + "</dl>\n";
    const json& failed = at(c, "failed_instances");
    if (failed.is_array() && !failed.empty()) {
        out += "<h4>Failed instances</h4>\n<ul>\n";
        for (const json& f : failed)
            out += "<li>instance " + esc(text_of(at(f, "instance"))) + " (" + esc(text_of(at(f, "parameters"))) +
                   "): " + esc(text_of(at(f, "verdict"))) + ": " + esc(text_of(at(f, "message"))) + "</li>\n";
        out += "</ul>\n";
    }
    out += counterexample_block(c);
    const json& evidence = at(c, "evidence");
    out += "<details><summary>Evidence, instance by instance (" + esc(std::to_string(evidence.size())) +
           ")</summary>\n<pre>" + esc(pretty(evidence)) + "</pre>\n</details>\n";
    return out + "</article>\n";
}

std::string claims_section(const json& report) {
    const json& claims = at(report, "claims");
    std::string out = "<section id=\"claims\">\n<h2>Claims</h2>\n";
    if (!claims.is_array()) return out + "</section>\n";
    out += overview_table(claims);
    for (const json& c : claims) out += claim_article(c);
    return out + "</section>\n";
}

}  // namespace

std::string replay_file_name(const std::string& run_id) {
    std::string name = run_id;
    for (char& c : name)
        if (c == '/') c = '_';
    return "replays/" + name + ".json";
}

std::string html_report(const json& report) {
    std::string out = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n"
                      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n"
                      "<title>ropecheck report</title>\n<style>" +
                      std::string(style) + "</style>\n</head>\n<body>\n<h1>ropecheck report</h1>\n";
    out += summary_section(report);
    out += figures_section(report_figures(report));
    out += claims_section(report);
    return out + "</body>\n</html>\n";
}

}  // namespace ropecheck::report
