#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <initializer_list>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "ropecheck/numeric/invalid_input.hpp"
#include "ropecheck/spec/spec_loader.hpp"
#include "../support/mentions.hpp"

namespace fs = std::filesystem;
using ropecheck::InvalidInput;
using ropecheck::core::json;
using ropecheck::core::Verdict;
using ropecheck::spec::load_claim_spec;
using ropecheck::spec::load_claim_specs;

namespace {

using ropecheck::test::check_mentions;

const fs::path fixture = fs::path(ROPECHECK_SOURCE_DIR) / "tests/spec/fixtures/fake-1.toml";

std::string fixture_text() {
    std::ifstream in(fixture);
    BOOST_REQUIRE_MESSAGE(in, "cannot open " << fixture);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

std::string replaced(std::string text, const std::string& from, const std::string& to) {
    const auto at = text.find(from);
    BOOST_REQUIRE_MESSAGE(at != std::string::npos, "the fixture has no \"" << from << "\"");
    return text.replace(at, from.size(), to);
}

// A fresh directory under the system temp dir, removed with its contents.
class TempDir {
public:
    TempDir() {
        std::random_device random;
        do path_ = fs::temp_directory_path() / ("ropecheck-spec-test-" + std::to_string(random()));
        while (!fs::create_directory(path_));
    }
    ~TempDir() {
        std::error_code ec;
        fs::remove_all(path_, ec);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;

    fs::path write(const fs::path& name, const std::string& text) const {
        const fs::path file = path_ / name;
        fs::create_directories(file.parent_path());
        std::ofstream(file, std::ios::binary) << text;
        return file;
    }
    const fs::path& path() const { return path_; }

private:
    fs::path path_;
};

template <class Load>
std::string error_of(Load&& load) {
    try {
        load();
    } catch (const InvalidInput& e) {
        return e.what();
    }
    BOOST_FAIL("no InvalidInput was thrown");
    return {};
}

// Writes `text` as `name` and checks that loading it fails, naming the file
// and each of `fragments`.
void expect_rejected(const std::string& name, const std::string& text,
                     std::initializer_list<std::string> fragments) {
    TempDir dir;
    const fs::path file = dir.write(name, text);
    const std::string message = error_of([&] { load_claim_spec(file); });
    BOOST_TEST_MESSAGE(message);
    check_mentions(message, {file.string()});
    check_mentions(message, fragments);
}

json axis(const ropecheck::core::ParameterGrid& grid, std::size_t i) { return json(grid.at(i).second); }

}  // namespace

BOOST_AUTO_TEST_SUITE(spec_loader)

BOOST_AUTO_TEST_CASE(valid_spec_reads_every_field) {
    const auto spec = load_claim_spec(fixture);
    BOOST_TEST(spec.file == fixture);
    BOOST_TEST(spec.id == "fake-1");
    BOOST_TEST(spec.title == "Even head dimensions");
    BOOST_TEST(spec.source == "Test suite, Fixture 1");
    BOOST_TEST(spec.statement == "Every head dimension in the grid is even.");
    BOOST_TEST(spec.check == "fake-even");
    BOOST_TEST(spec.precision_bits == 128u);
    BOOST_TEST((spec.expected == Verdict::certified));
    BOOST_REQUIRE_EQUAL(spec.negatives.size(), 2u);
    BOOST_TEST(spec.negatives[0].name == "odd-dimension");
    BOOST_TEST(spec.negatives[0].description == "An odd head dimension must be refuted.");
    BOOST_TEST((spec.negatives[0].expected == Verdict::refuted));
    BOOST_TEST(spec.negatives[1].name == "big-theta");
    BOOST_TEST(spec.negatives[1].description == "A second, named control.");
    BOOST_TEST(spec.profiles.size() == 2u);
}

BOOST_AUTO_TEST_CASE(axes_keep_file_order_and_values) {
    const auto spec = load_claim_spec(fixture);
    const auto& ci = spec.profiles.at("ci");
    BOOST_REQUIRE_EQUAL(ci.size(), 2u);
    BOOST_TEST(ci[0].first == "theta");
    BOOST_TEST(ci[1].first == "head_dim");
    BOOST_TEST(axis(ci, 0) == json::parse(R"(["10000", "0.75"])"));
    BOOST_TEST(axis(ci, 1) == json::parse("[2, 16, 64]"));

    const auto& full = spec.profiles.at("full");
    BOOST_REQUIRE_EQUAL(full.size(), 2u);
    BOOST_TEST(full[0].first == "head_dim");
    BOOST_TEST(full[1].first == "theta");
    BOOST_TEST(axis(full, 1) == json::parse(R"(["10000", "500000", "2500000"])"));

    const auto& overrides = spec.negatives[0].overrides;
    BOOST_REQUIRE_EQUAL(overrides.size(), 2u);
    BOOST_TEST(overrides[0].first == "theta");
    BOOST_TEST(axis(overrides, 0) == json::parse(R"(["1.5"])"));
    BOOST_TEST(overrides[1].first == "head_dim");
}

BOOST_AUTO_TEST_CASE(grid_expands_to_the_product_last_axis_fastest) {
    const auto spec = load_claim_spec(fixture);
    const auto ci = ropecheck::core::expand_grid(spec.profiles.at("ci"));
    BOOST_REQUIRE_EQUAL(ci.size(), 2u * 3u);
    BOOST_TEST(ci[0] == json::parse(R"({"theta": "10000", "head_dim": 2})"));
    BOOST_TEST(ci[1] == json::parse(R"({"theta": "10000", "head_dim": 16})"));
    BOOST_TEST(ci[5] == json::parse(R"({"theta": "0.75", "head_dim": 64})"));
    BOOST_TEST(ropecheck::core::expand_grid(spec.profiles.at("full")).size() == 4u * 3u);
    const auto negative = ropecheck::core::expand_grid(grid_for(spec, "ci", spec.negatives[0]));
    BOOST_TEST(negative.size() == 1u * 2u);
    // The second control replaces only theta: the claim's three head dimensions stay.
    const auto second = ropecheck::core::expand_grid(grid_for(spec, "ci", spec.negatives[1]));
    BOOST_REQUIRE_EQUAL(second.size(), 3u);
    BOOST_TEST(second[0] == json::parse(R"({"theta": "1e9", "head_dim": 2})"));
}

BOOST_AUTO_TEST_CASE(values_convert_to_json_scalars) {
    TempDir dir;
    const std::string text = replaced(fixture_text(), "head_dim = [2, 16, 64]\n",
                                      "head_dim = [2, 16, 64]\nflag = true\np = [0.1, 0.75, -2.0]\n"
                                      "big = 1e20\nn = -3\nname = \"x\"\n");
    const auto spec = load_claim_spec(dir.write("fake-1.toml", text));
    const auto& ci = spec.profiles.at("ci");
    BOOST_REQUIRE_EQUAL(ci.size(), 7u);
    BOOST_TEST(ci[2].first == "flag");
    BOOST_TEST(axis(ci, 2) == json::parse("[true]"));
    BOOST_TEST(axis(ci, 3) == json::parse(R"(["0.1", "0.75", "-2"])"));
    BOOST_TEST(axis(ci, 4) == json::parse(R"(["1e+20"])"));
    BOOST_TEST(axis(ci, 5) == json::parse("[-3]"));
    BOOST_TEST(axis(ci, 5)[0].is_number_integer());
    BOOST_TEST(axis(ci, 6) == json::parse(R"(["x"])"));
}

BOOST_AUTO_TEST_CASE(negative_params_are_optional) {
    TempDir dir;
    const std::string text =
        replaced(fixture_text(), "[negative.params]\ntheta = 1.5\nhead_dim = [6, 8]\n", "");
    const auto spec = load_claim_spec(dir.write("fake-1.toml", text));
    BOOST_TEST(spec.negatives[0].overrides.empty());
}

BOOST_AUTO_TEST_CASE(holds_is_an_accepted_expectation) {
    TempDir dir;
    const auto spec = load_claim_spec(
        dir.write("fake-1.toml", replaced(fixture_text(), "expected = \"certified\"", "expected = \"holds\"")));
    BOOST_TEST((spec.expected == Verdict::holds));
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(spec_loader_errors)

BOOST_AUTO_TEST_CASE(unknown_top_level_key) {
    expect_rejected("fake-1.toml", "colour = \"red\"\n" + fixture_text(), {"key \"colour\"", "unknown key"});
}

BOOST_AUTO_TEST_CASE(unknown_key_in_negative) {
    expect_rejected("fake-1.toml", replaced(fixture_text(), "[[negative]]\n", "[[negative]]\nseverity = 3\n"),
                    {"key \"negative[0].severity\"", "unknown key"});
}

BOOST_AUTO_TEST_CASE(version_1_single_negative_table_is_rejected_with_the_change_named) {
    std::string v1 = replaced(fixture_text(), "spec_version = 2\n", "");
    expect_rejected("fake-1.toml", v1, {"key \"spec_version\"", "missing", "[[negative]]"});
    expect_rejected("fake-1.toml", replaced(fixture_text(), "spec_version = 2", "spec_version = 1"),
                    {"key \"spec_version\"", "1 is not supported", "name"});
    // A version-2 file that kept the old single [negative] table.
    const std::string single = "[negative]\ndescription = \"d\"\nexpected = \"refuted\"\n";
    std::string text = fixture_text();
    text = text.substr(0, text.find("[[negative]]")) + single;
    expect_rejected("fake-1.toml", text, {"key \"negative\"", "array of tables"});
}

BOOST_AUTO_TEST_CASE(negative_names_are_required_valid_and_unique) {
    expect_rejected("fake-1.toml", replaced(fixture_text(), "name = \"odd-dimension\"\n", ""),
                    {"key \"negative[0].name\"", "missing"});
    expect_rejected("fake-1.toml", replaced(fixture_text(), "name = \"odd-dimension\"", "name = \"Odd dim\""),
                    {"key \"negative[0].name\"", "not a valid name"});
    expect_rejected("fake-1.toml", replaced(fixture_text(), "name = \"big-theta\"", "name = \"odd-dimension\""),
                    {"key \"negative[1].name\"", "names two negative controls"});
}

BOOST_AUTO_TEST_CASE(a_spec_without_negative_controls_is_rejected) {
    std::string text = fixture_text();
    text = text.substr(0, text.find("[[negative]]"));
    expect_rejected("fake-1.toml", text, {"key \"negative\"", "missing"});
}

BOOST_AUTO_TEST_CASE(missing_title) {
    expect_rejected("fake-1.toml", replaced(fixture_text(), "title = \"Even head dimensions\"\n", ""),
                    {"key \"title\"", "missing"});
}

BOOST_AUTO_TEST_CASE(empty_or_mistyped_title) {
    expect_rejected("fake-1.toml", replaced(fixture_text(), "\"Even head dimensions\"", "\"\""),
                    {"key \"title\"", "empty"});
    expect_rejected("fake-1.toml", replaced(fixture_text(), "\"Even head dimensions\"", "3"),
                    {"key \"title\"", "expected a string"});
}

BOOST_AUTO_TEST_CASE(precision_below_minimum) {
    expect_rejected("fake-1.toml", replaced(fixture_text(), "precision = 128", "precision = 40"),
                    {"key \"precision\"", "40 bits is below the minimum of 53", "too low to decide"});
}

BOOST_AUTO_TEST_CASE(precision_above_maximum_or_not_an_integer) {
    expect_rejected("fake-1.toml", replaced(fixture_text(), "precision = 128", "precision = 70000"),
                    {"key \"precision\"", "above the maximum"});
    expect_rejected("fake-1.toml", replaced(fixture_text(), "precision = 128", "precision = \"128\""),
                    {"key \"precision\"", "expected an integer"});
}

BOOST_AUTO_TEST_CASE(claim_expecting_refuted) {
    expect_rejected("fake-1.toml", replaced(fixture_text(), "expected = \"certified\"", "expected = \"refuted\""),
                    {"key \"expected\"", "\"refuted\""});
}

BOOST_AUTO_TEST_CASE(unknown_verdict_name) {
    expect_rejected("fake-1.toml", replaced(fixture_text(), "expected = \"certified\"", "expected = \"proved\""),
                    {"key \"expected\"", "unknown verdict"});
}

BOOST_AUTO_TEST_CASE(negative_expecting_certified) {
    expect_rejected("fake-1.toml", replaced(fixture_text(), "expected = \"refuted\"", "expected = \"certified\""),
                    {"key \"negative[0].expected\"", "must expect \"refuted\""});
}

BOOST_AUTO_TEST_CASE(missing_full_profile) {
    const std::string full = "[profiles.full]\nhead_dim = [2, 4, 8, 16]\ntheta = [\"10000\", \"500000\", 2.5e6]\n";
    expect_rejected("fake-1.toml", replaced(fixture_text(), full, ""), {"key \"profiles.full\"", "missing"});
}

BOOST_AUTO_TEST_CASE(extra_profile_name) {
    expect_rejected("fake-1.toml", fixture_text() + "\n[profiles.fast]\nhead_dim = 2\n",
                    {"key \"profiles.fast\"", "unknown key"});
}

BOOST_AUTO_TEST_CASE(empty_axis) {
    expect_rejected("fake-1.toml", replaced(fixture_text(), "head_dim = [2, 16, 64]", "head_dim = []"),
                    {"key \"profiles.ci.head_dim\"", "empty array"});
}

BOOST_AUTO_TEST_CASE(nested_array_axis) {
    expect_rejected("fake-1.toml", replaced(fixture_text(), "head_dim = [2, 16, 64]", "head_dim = [[2, 16], 64]"),
                    {"key \"profiles.ci.head_dim\"", "element 0 is an array"});
}

BOOST_AUTO_TEST_CASE(table_and_date_values) {
    expect_rejected("fake-1.toml", replaced(fixture_text(), "head_dim = [2, 16, 64]", "head_dim = { min = 2 }"),
                    {"key \"profiles.ci.head_dim\"", "table is not a parameter value"});
    expect_rejected("fake-1.toml", replaced(fixture_text(), "head_dim = [2, 16, 64]", "head_dim = 1979-05-27"),
                    {"key \"profiles.ci.head_dim\"", "date is not a parameter value"});
    expect_rejected("fake-1.toml", replaced(fixture_text(), "theta = 1.5", "theta = inf"),
                    {"key \"negative[0].params.theta\"", "not a finite number"});
}

BOOST_AUTO_TEST_CASE(id_differs_from_file_stem) {
    expect_rejected("other.toml", fixture_text(), {"key \"id\"", "\"fake-1\"", "other.toml"});
}

BOOST_AUTO_TEST_CASE(id_with_invalid_characters) {
    expect_rejected("Fake_1.toml", replaced(fixture_text(), "id = \"fake-1\"", "id = \"Fake_1\""),
                    {"key \"id\"", "not a valid id"});
}

BOOST_AUTO_TEST_CASE(syntax_error_gives_line_and_column) {
    const std::string text = fixture_text();
    const std::string line = "title = \"Even head dimensions\"";
    const auto line_number = 1 + std::count(text.begin(), text.begin() + text.find(line), '\n');
    expect_rejected("fake-1.toml", replaced(text, line, "title = \"Even head dimensions"),
                    {"fake-1.toml:" + std::to_string(line_number) + ":"});
}

BOOST_AUTO_TEST_CASE(missing_or_unreadable_file) {
    TempDir dir;
    const fs::path absent = dir.path() / "absent.toml";
    check_mentions(error_of([&] { load_claim_spec(absent); }), {absent.string(), "cannot read"});
    const fs::path folder = dir.path() / "folder.toml";
    fs::create_directory(folder);
    check_mentions(error_of([&] { load_claim_spec(folder); }), {folder.string(), "cannot read"});
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(spec_directory)

BOOST_AUTO_TEST_CASE(reads_every_toml_file_sorted_by_id) {
    TempDir dir;
    const std::string text = fixture_text();
    dir.write("b-2.toml", replaced(text, "id = \"fake-1\"", "id = \"b-2\""));
    dir.write("a-1.toml", replaced(text, "id = \"fake-1\"", "id = \"a-1\""));
    dir.write("notes.txt", "not a spec");
    dir.write("nested/c-3.toml", "not toml at all [");  // not read: the search is not recursive
    const auto specs = load_claim_specs(dir.path());
    BOOST_REQUIRE_EQUAL(specs.size(), 2u);
    BOOST_TEST(specs[0].id == "a-1");
    BOOST_TEST(specs[0].file == dir.path() / "a-1.toml");
    BOOST_TEST(specs[1].id == "b-2");
}

BOOST_AUTO_TEST_CASE(missing_directory) {
    TempDir dir;
    const fs::path absent = dir.path() / "theorems";
    check_mentions(error_of([&] { load_claim_specs(absent); }), {absent.string(), "no such directory"});
}

BOOST_AUTO_TEST_CASE(not_a_directory) {
    TempDir dir;
    const fs::path file = dir.write("fake-1.toml", fixture_text());
    check_mentions(error_of([&] { load_claim_specs(file); }), {file.string(), "not a directory"});
}

BOOST_AUTO_TEST_CASE(directory_without_specs) {
    TempDir dir;
    dir.write("README.md", "no specs here");
    check_mentions(error_of([&] { load_claim_specs(dir.path()); }), {dir.path().string(), "no .toml"});
}

BOOST_AUTO_TEST_CASE(a_bad_file_fails_the_directory) {
    TempDir dir;
    dir.write("fake-1.toml", fixture_text());
    const fs::path bad = dir.write("bad.toml", replaced(fixture_text(), "id = \"fake-1\"", "id = \"bad\"") +
                                                   "\n[profiles.x]\nhead_dim = 2\n");
    check_mentions(error_of([&] { load_claim_specs(dir.path()); }), {bad.string()});
}

BOOST_AUTO_TEST_CASE(duplicate_ids_name_both_files) {
    // Two directories, because within one the id-equals-stem rule makes a
    // duplicate impossible.
    TempDir dir;
    const fs::path first = dir.write("a/fake-1.toml", fixture_text());
    const fs::path second = dir.write("b/fake-1.toml", fixture_text());
    std::vector<ropecheck::core::ClaimSpec> specs = load_claim_specs(dir.path() / "a");
    specs.push_back(load_claim_specs(dir.path() / "b").at(0));
    check_mentions(error_of([&] { ropecheck::spec::require_unique_ids(specs); }),
                   {first.string(), second.string(), "key \"id\"", "\"fake-1\""});
}

// The literature suite: theorems/literature/*.toml, ids starting "literature-", selected only by
// a glob that starts with "literature".
BOOST_AUTO_TEST_CASE(the_literature_subdirectory_is_its_own_suite) {
    TempDir dir;
    const std::string text = fixture_text();
    dir.write("fake-1.toml", text);
    dir.write("literature/literature-x.toml", replaced(text, "id = \"fake-1\"", "id = \"literature-x\""));
    const auto all = ropecheck::spec::load_all_claim_specs(dir.path());
    BOOST_REQUIRE_EQUAL(all.size(), 2u);
    BOOST_TEST(all[0].id == "fake-1");
    BOOST_TEST(all[1].id == "literature-x");
    BOOST_TEST(load_claim_specs(dir.path()).size() == 1u);  // the paper's directory alone
    const auto ids = [&](const std::vector<std::string>& globs) {
        std::vector<std::string> out;
        for (const auto& s : ropecheck::spec::select_claim_specs(all, globs)) out.push_back(s.id);
        return out;
    };
    BOOST_TEST(ids({"*"}) == std::vector<std::string>{"fake-1"}, boost::test_tools::per_element());
    BOOST_TEST(ids({"literature-*"}) == std::vector<std::string>{"literature-x"}, boost::test_tools::per_element());
    BOOST_TEST(ids({"*", "literature-*"}) == (std::vector<std::string>{"fake-1", "literature-x"}),
               boost::test_tools::per_element());
    BOOST_TEST(ids({"literature-y*"}).empty());
    // Without the subdirectory the paper's specs load as before.
    TempDir plain;
    plain.write("fake-1.toml", text);
    BOOST_TEST(ropecheck::spec::load_all_claim_specs(plain.path()).size() == 1u);
}

BOOST_AUTO_TEST_CASE(literature_ids_stay_on_their_side) {
    const std::string text = fixture_text();
    {
        TempDir dir;
        dir.write("fake-1.toml", text);
        const fs::path stray = dir.write("literature/fake-2.toml", replaced(text, "id = \"fake-1\"", "id = \"fake-2\""));
        check_mentions(error_of([&] { ropecheck::spec::load_all_claim_specs(dir.path()); }),
                       {stray.string(), "\"fake-2\"", "literature-"});
    }
    {
        TempDir dir;
        const fs::path stray = dir.write("literature-z.toml", replaced(text, "id = \"fake-1\"", "id = \"literature-z\""));
        check_mentions(error_of([&] { ropecheck::spec::load_all_claim_specs(dir.path()); }),
                       {stray.string(), "literature"});
    }
}

BOOST_AUTO_TEST_SUITE_END()
