#pragma once
// Whether the places a claim lives in agree: its check's file in src/claims/, its spec in
// theorems/, its test in tests/claims/ and its row in README's claims table. Adding a claim is
// the change README's "Adding a claim" describes; this names whatever that change left out.
#include <filesystem>
#include <string>
#include <vector>

namespace ropecheck::test {

struct ClaimTree {
    std::filesystem::path claim_sources;  // src/claims
    std::filesystem::path theorems;       // theorems
    std::filesystem::path claim_tests;    // tests/claims
    std::filesystem::path readme;         // README.md
};

// tests/claims/<id>_test.cpp with '-' and '.' spelt '_' ("pipeline-thm-5.3" -> pipeline_thm_5_3).
std::string file_stem_of(const std::string& id);

// The ids in the first column of README's claims table (the table under "## The claims").
std::vector<std::string> readme_claim_ids(const std::filesystem::path& readme);

// One line per disagreement, empty when the tree is consistent:
//  - a spec whose check is not registered, or a registered check no spec uses;
//  - a spec whose check is not its id although no other spec shares that check;
//  - a registered check without its file claim_sources/<stem>.cpp;
//  - a spec without claim_tests/<stem>_test.cpp, or without a README row; a README row for no spec.
std::vector<std::string> claim_consistency_problems(const ClaimTree& tree,
                                                    const std::vector<std::string>& registered_checks);

}  // namespace ropecheck::test
