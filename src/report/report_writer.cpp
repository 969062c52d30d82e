#include "ropecheck/report/report_writer.hpp"

#include <stdexcept>
#include <system_error>
#include <utility>

#include "ropecheck/report/atomic_file.hpp"
#include "ropecheck/report/html_report.hpp"
#include "ropecheck/report/json_report.hpp"
#include "ropecheck/report/junit_report.hpp"
#include "ropecheck/report/markdown_report.hpp"
#include "ropecheck/report/report_figures.hpp"
#include "ropecheck/report/svg_plot.hpp"

namespace ropecheck::report {

namespace {

namespace fs = std::filesystem;

void ensure_directory(const fs::path& dir) {
    std::error_code ec;
    fs::create_directories(dir, ec);
    if (!ec) {
        const bool is_directory = fs::is_directory(dir, ec);
        if (!ec && !is_directory) ec = std::make_error_code(std::errc::not_a_directory);
    }
    if (ec)
        throw std::runtime_error("cannot create report directory " + dir.string() + ": " +
                                 ec.message());
}

// rename(2) cannot replace a directory with a file; finding that out before the
// first rename keeps the set from being half replaced.
void check_replaceable(const fs::path& target) {
    std::error_code ec;
    if (fs::is_directory(fs::symlink_status(target, ec)))
        throw std::runtime_error("cannot replace " + target.string() + ": " +
                                 std::make_error_code(std::errc::is_a_directory).message());
}

}  // namespace

std::vector<std::string> report_file_names() { return {"report.json", "junit.xml", "report.md", "report.html"}; }

void write_reports(const core::RunResult& run, const fs::path& dir) {
    // Rendered before touching the disk, so a renderer that throws leaves
    // nothing behind. The HTML and the figures are drawn from the report.json
    // document itself, so they show exactly what it holds.
    std::vector<std::string> names = report_file_names();
    const core::json document = report_json(run);
    std::vector<std::string> documents = {report_json_text(run), junit_xml(run), markdown_report(run),
                                          html_report(document)};
    for (const Figure& f : report_figures(document)) {
        names.push_back(f.id + ".svg");
        documents.push_back(svg_document(f));
    }

    ensure_directory(dir);
    std::vector<std::pair<fs::path, fs::path>> pending;  // temporary, target
    try {
        for (std::size_t i = 0; i < names.size(); ++i) {
            const fs::path target = dir / names[i];
            const fs::path temporary = temporary_path_for(target);
            write_temporary(temporary, documents[i]);  // removes its own file on failure
            pending.emplace_back(temporary, target);
        }
        for (const auto& [temporary, target] : pending) check_replaceable(target);
        while (!pending.empty()) {
            commit_temporary(pending.front().first, pending.front().second);
            pending.erase(pending.begin());
        }
    } catch (...) {
        for (const auto& [temporary, target] : pending) {
            std::error_code ignored;
            fs::remove(temporary, ignored);
        }
        throw;
    }
    sync_directory(dir);
}

}  // namespace ropecheck::report
