#include "ropecheck/spec/spec_loader.hpp"

#include <algorithm>
#include <map>
#include <system_error>

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
