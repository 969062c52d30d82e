#include "ropecheck/spec/spec_loader.hpp"

#include <algorithm>
#include <map>
#include <system_error>

#include "ropecheck/core/runner.hpp"
#include "ropecheck/numeric/invalid_input.hpp"

namespace ropecheck::spec {

namespace fs = std::filesystem;

namespace {

std::vector<fs::path> toml_files(const fs::path& dir) {
    const std::string name = dir.string();
    std::error_code ec;
    const fs::file_status status = fs::status(dir, ec);
    if (status.type() == fs::file_type::not_found) throw InvalidInput(name + ": no such directory");
    if (ec) throw InvalidInput(name + ": cannot read: " + ec.message());
    if (!fs::is_directory(status)) throw InvalidInput(name + ": not a directory");

    std::vector<fs::path> files;
    fs::directory_iterator it(dir, ec);
    for (; !ec && it != fs::directory_iterator(); it.increment(ec)) {
        // Every *.toml entry that is not a directory counts: an unreadable one
        // (a dangling link, no permission) must fail loudly, not vanish.
        std::error_code type_ec;
        if (it->path().extension() == ".toml" && !it->is_directory(type_ec)) files.push_back(it->path());
    }
    if (ec) throw InvalidInput(name + ": cannot read: " + ec.message());
    if (files.empty()) throw InvalidInput(name + ": holds no .toml claim spec");
    // Sorted so that the first bad file reported is the same on every machine.
    std::sort(files.begin(), files.end());
    return files;
}

}  // namespace

std::vector<core::ClaimSpec> load_claim_specs(const fs::path& dir) {
    std::vector<core::ClaimSpec> specs;
    for (const fs::path& file : toml_files(dir)) specs.push_back(load_claim_spec(file));
    std::sort(specs.begin(), specs.end(),
              [](const core::ClaimSpec& a, const core::ClaimSpec& b) { return a.id < b.id; });
    require_unique_ids(specs);
    return specs;
}

std::vector<core::ClaimSpec> load_all_claim_specs(const fs::path& dir) {
    std::vector<core::ClaimSpec> specs = load_claim_specs(dir);
    for (const core::ClaimSpec& spec : specs)
        if (core::is_literature_id(spec.id))
            throw InvalidInput(spec.file.string() + ": key \"id\": \"" + spec.id + "\" starts with \"" +
                               std::string(core::literature_prefix) + "\"; a literature claim belongs in " +
                               (dir / literature_directory).string());
    const fs::path literature = dir / literature_directory;
    std::error_code ec;
    if (!fs::is_directory(literature, ec)) return specs;
    for (core::ClaimSpec& spec : load_claim_specs(literature)) {
        if (!core::is_literature_id(spec.id))
            throw InvalidInput(spec.file.string() + ": key \"id\": \"" + spec.id + "\" does not start with \"" +
                               std::string(core::literature_prefix) + "\", as every spec in " + literature.string() + " must");
        specs.push_back(std::move(spec));
    }
    std::sort(specs.begin(), specs.end(),
              [](const core::ClaimSpec& a, const core::ClaimSpec& b) { return a.id < b.id; });
    require_unique_ids(specs);
    return specs;
}

std::vector<core::ClaimSpec> select_claim_specs(const std::vector<core::ClaimSpec>& specs,
                                                const std::vector<std::string>& globs) {
    std::vector<std::string> paper_globs, literature_globs;
    for (const std::string& g : globs) (g.starts_with("literature") ? literature_globs : paper_globs).push_back(g);
    std::vector<core::ClaimSpec> out;
    for (const core::ClaimSpec& spec : specs)
        if (core::matches_any(spec.id, core::is_literature_id(spec.id) ? literature_globs : paper_globs))
            out.push_back(spec);
    return out;
}

void require_unique_ids(const std::vector<core::ClaimSpec>& specs) {
    std::map<std::string, const core::ClaimSpec*> seen;
    for (const core::ClaimSpec& spec : specs) {
        const auto [it, inserted] = seen.emplace(spec.id, &spec);
        if (!inserted)
            throw InvalidInput(spec.file.string() + ": key \"id\": \"" + spec.id + "\" is also the id of " +
                               it->second->file.string());
    }
}

}  // namespace ropecheck::spec
