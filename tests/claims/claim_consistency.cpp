#include "claim_consistency.hpp"

#include <algorithm>
#include <fstream>
#include <map>
#include <set>

#include "ropecheck/numeric/invalid_input.hpp"
#include "ropecheck/spec/spec_loader.hpp"

namespace ropecheck::test {

namespace fs = std::filesystem;

std::string file_stem_of(const std::string& id) {
    std::string stem = id;
    std::replace(stem.begin(), stem.end(), '-', '_');
    std::replace(stem.begin(), stem.end(), '.', '_');
    return stem;
}

std::vector<std::string> readme_claim_ids(const fs::path& readme) {
    std::ifstream in(readme);
    if (!in) throw InvalidInput("cannot read " + readme.string());
    std::vector<std::string> ids;
    std::string line;
    bool in_section = false;
    while (std::getline(in, line)) {
        if (line.rfind("## ", 0) == 0) in_section = line == "## The claims";
        // A row: | `id` | ... ; the header and the |---| rule have no backquoted first cell.
        if (!in_section || line.rfind("| `", 0) != 0) continue;
        const auto end = line.find('`', 3);
        if (end != std::string::npos) ids.push_back(line.substr(3, end - 3));
    }
    return ids;
}

std::vector<std::string> claim_consistency_problems(const ClaimTree& tree,
                                                    const std::vector<std::string>& registered_checks) {
    std::vector<std::string> problems;
    const auto specs = spec::load_all_claim_specs(tree.theorems);  // the literature suite too
    const std::set<std::string> registered(registered_checks.begin(), registered_checks.end());
    std::map<std::string, std::vector<std::string>> users;  // check -> the spec ids using it
    for (const auto& s : specs) users[s.check].push_back(s.id);

    for (const auto& s : specs) {
        if (!registered.count(s.check))
            problems.push_back("spec " + s.id + ": its check \"" + s.check + "\" is not registered");
        if (s.check != s.id && users[s.check].size() < 2)
            problems.push_back("spec " + s.id + ": check \"" + s.check +
                               "\" serves this spec alone, so it must be named by the spec id");
        const fs::path test = tree.claim_tests / (file_stem_of(s.id) + "_test.cpp");
        if (!fs::exists(test)) problems.push_back("spec " + s.id + ": no test file " + test.string());
    }
    for (const auto& check : registered_checks) {
        if (!users.count(check)) problems.push_back("check " + check + " is used by no spec in " + tree.theorems.string());
        const fs::path source = tree.claim_sources / (file_stem_of(check) + ".cpp");
        if (!fs::exists(source)) problems.push_back("check " + check + ": no source file " + source.string());
    }

    const auto rows = readme_claim_ids(tree.readme);
    const std::set<std::string> row_set(rows.begin(), rows.end());
    std::set<std::string> ids;
    for (const auto& s : specs) {
        ids.insert(s.id);
        if (!row_set.count(s.id)) problems.push_back("spec " + s.id + ": no row in the claims table of " + tree.readme.string());
    }
    for (const auto& row : rows)
        if (!ids.count(row)) problems.push_back("README row " + row + " names no spec in " + tree.theorems.string());
    return problems;
}

}  // namespace ropecheck::test
