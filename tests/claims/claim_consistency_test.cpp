// The claim consistency test: on the real tree every spec has a registered check, a test file
// and a README row, and every registered check a spec and a source file; on a fixture tree with
// one piece taken away, exactly that piece is reported.
#include <boost/test/unit_test.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <regex>
#include <string>
#include <vector>

#include "claim_consistency.hpp"
#include "ropecheck/claims/builtin_checks.hpp"
#include "ropecheck/core/check_registry.hpp"

namespace fs = std::filesystem;
using ropecheck::test::claim_consistency_problems;
using ropecheck::test::ClaimTree;

BOOST_AUTO_TEST_SUITE(claim_consistency)

namespace {

const fs::path source_dir = ROPECHECK_SOURCE_DIR;

std::string read(const fs::path& file) {
    std::ifstream in(file);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}
void write(const fs::path& file, const std::string& text) {
    fs::create_directories(file.parent_path());
    std::ofstream(file) << text;
}

// Two claims, prop-3.1 and prop-3.2, each with all four places (specs copied from theorems/).
struct Fixture {
    fs::path root;
    ClaimTree tree;
    std::vector<std::string> registered{"prop-3.1", "prop-3.2"};

    Fixture() {
        root = fs::temp_directory_path() / ("ropecheck-claim-consistency-" + std::to_string(::random()));
        tree = {root / "src/claims", root / "theorems", root / "tests/claims", root / "README.md"};
        for (const char* id : {"prop-3.1", "prop-3.2"}) {
            const std::string stem = ropecheck::test::file_stem_of(id);
            write(tree.claim_sources / (stem + ".cpp"), "// the check\n");
            write(tree.theorems / (std::string(id) + ".toml"), read(source_dir / "theorems" / (std::string(id) + ".toml")));
            write(tree.claim_tests / (stem + "_test.cpp"), "// the test\n");
        }
        write_readme({"prop-3.1", "prop-3.2"});
    }
    ~Fixture() { fs::remove_all(root); }

    void write_readme(const std::vector<std::string>& ids) {
        std::string text = "# ropecheck\n\n## The claims\n\n| id | paper | what is checked | negative control |\n|---|---|---|---|\n";
        for (const auto& id : ids) text += "| `" + id + "` | x | y | z |\n";
        text += "\n## Adding a claim\n\n| `not-a-row` | outside the claims section |\n";
        write(tree.readme, text);
    }
    std::vector<std::string> problems() const { return claim_consistency_problems(tree, registered); }
};

void expect_only(const std::vector<std::string>& problems, const std::vector<std::string>& expected) {
    BOOST_TEST(problems.size() == expected.size());
    for (const auto& p : problems) BOOST_TEST_MESSAGE(p);
    for (std::size_t i = 0; i < std::min(problems.size(), expected.size()); ++i)
        BOOST_TEST(problems[i].find(expected[i]) != std::string::npos, problems[i] << " lacks: " << expected[i]);
}

}  // namespace

BOOST_AUTO_TEST_CASE(the_tree_is_consistent) {
    ropecheck::core::CheckRegistry registry;
    ropecheck::claims::register_builtin_checks(registry);
    const ClaimTree tree{source_dir / "src/claims", source_dir / "theorems", source_dir / "tests/claims",
                         source_dir / "README.md"};
    const auto problems = claim_consistency_problems(tree, registry.names());
    for (const auto& p : problems) BOOST_ERROR(p);
    // Every spec file (the literature suite's too) is one claim of the table, one check each.
    std::size_t specs = 0;
    for (const fs::path& dir : {source_dir / "theorems", source_dir / "theorems" / "literature"})
        for (const auto& entry : fs::directory_iterator(dir)) specs += entry.path().extension() == ".toml";
    BOOST_TEST(ropecheck::test::readme_claim_ids(tree.readme).size() == specs);
    BOOST_TEST(registry.names().size() == specs);  // no check is shared today
}

BOOST_AUTO_TEST_CASE(test_file_stems_spell_dash_and_dot_as_underscore) {
    BOOST_TEST(ropecheck::test::file_stem_of("pipeline-thm-5.3") == "pipeline_thm_5_3");
    BOOST_TEST(ropecheck::test::file_stem_of("lemma-a.1") == "lemma_a_1");
}

BOOST_AUTO_TEST_CASE(a_complete_fixture_has_no_problem) {
    Fixture f;
    expect_only(f.problems(), {});
}

BOOST_AUTO_TEST_CASE(a_missing_test_file_is_reported) {
    Fixture f;
    fs::remove(f.tree.claim_tests / "prop_3_2_test.cpp");
    expect_only(f.problems(), {"spec prop-3.2: no test file"});
}

BOOST_AUTO_TEST_CASE(a_missing_readme_row_is_reported) {
    Fixture f;
    f.write_readme({"prop-3.1"});
    expect_only(f.problems(), {"spec prop-3.2: no row in the claims table"});
}

BOOST_AUTO_TEST_CASE(a_missing_spec_leaves_its_check_and_row_unused) {
    Fixture f;
    fs::remove(f.tree.theorems / "prop-3.2.toml");
    expect_only(f.problems(), {"check prop-3.2 is used by no spec", "README row prop-3.2 names no spec"});
}

BOOST_AUTO_TEST_CASE(an_unregistered_check_is_reported) {
    Fixture f;
    f.registered = {"prop-3.1"};  // prop_3_2.cpp without its ROPECHECK_REGISTER_CHECK marker
    expect_only(f.problems(), {"spec prop-3.2: its check \"prop-3.2\" is not registered"});
}

BOOST_AUTO_TEST_CASE(a_missing_claim_source_is_reported) {
    Fixture f;
    fs::remove(f.tree.claim_sources / "prop_3_2.cpp");
    expect_only(f.problems(), {"check prop-3.2: no source file"});
}

BOOST_AUTO_TEST_CASE(a_check_serving_one_spec_must_carry_its_id) {
    Fixture f;
    const fs::path spec = f.tree.theorems / "prop-3.2.toml";
    write(spec, std::regex_replace(read(spec), std::regex("check = \"prop-3.2\""), "check = \"gaussian\""));
    write(f.tree.claim_sources / "gaussian.cpp", "// the check\n");
    f.registered = {"prop-3.1", "gaussian"};
    expect_only(f.problems(), {"spec prop-3.2: check \"gaussian\" serves this spec alone"});
}

BOOST_AUTO_TEST_CASE(a_check_shared_by_two_specs_keeps_its_own_name) {
    Fixture f;
    const std::string text = read(f.tree.theorems / "prop-3.1.toml");
    write(f.tree.theorems / "prop-3.1-twin.toml",
          std::regex_replace(text, std::regex("id = \"prop-3.1\""), "id = \"prop-3.1-twin\""));
    write(f.tree.claim_tests / "prop_3_1_twin_test.cpp", "// the test\n");
    f.write_readme({"prop-3.1", "prop-3.2", "prop-3.1-twin"});
    expect_only(f.problems(), {});
}

BOOST_AUTO_TEST_SUITE_END()
