// The probe registry against the tree: adding a probe is one file
// src/probes/<name, - as _>_probe.cpp, one test tests/probes/<name, - as _>_test.cpp
// and one row of the README's probe table (README "Adding a probe"); each
// registered probe must have all three, and every probe file must be
// registered. Also: the schemas keep the shared parts shared.
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>

#include "ropecheck/numeric/invalid_input.hpp"
#include "ropecheck/probes/probe_parameters.hpp"
#include "ropecheck/probes/probe_registry.hpp"

namespace fs = std::filesystem;
using namespace ropecheck;

namespace {

const fs::path source_dir = ROPECHECK_SOURCE_DIR;

std::string file_stem(const std::string& probe_name) {
    std::string stem = probe_name;
    std::replace(stem.begin(), stem.end(), '-', '_');
    return stem;
}

std::string read(const fs::path& file) {
    std::ifstream in(file);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

// The README's section of `ropecheck probe` up to the next subcommand.
std::string readme_probe_section() {
    const std::string readme = read(source_dir / "README.md");
    const auto begin = readme.find("### `ropecheck probe");
    BOOST_REQUIRE(begin != std::string::npos);
    return readme.substr(begin, readme.find("\n### ", begin + 1) - begin);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(probe_registry)

BOOST_AUTO_TEST_CASE(every_probe_file_is_registered_and_has_a_test_and_a_readme_row) {
    const auto& registry = probes::builtin_probes();
    std::set<std::string> registered;
    for (const auto& name : registry.names()) registered.insert(file_stem(name));
    BOOST_TEST(registered.size() == registry.names().size());

    std::set<std::string> files;
    for (const auto& entry : fs::directory_iterator(source_dir / "src" / "probes")) {
        const std::string file = entry.path().filename().string();
        const std::string suffix = "_probe.cpp";
        if (file.size() > suffix.size() && file.compare(file.size() - suffix.size(), suffix.size(), suffix) == 0)
            files.insert(file.substr(0, file.size() - suffix.size()));
    }
    BOOST_TEST(files == registered, boost::test_tools::per_element());

    const std::string section = readme_probe_section();
    for (const auto& name : registry.names()) {
        BOOST_TEST_CONTEXT(name) {
            BOOST_TEST(fs::exists(source_dir / "src" / "probes" / (file_stem(name) + "_probe.cpp")));
            BOOST_TEST(fs::exists(source_dir / "tests" / "probes" / (file_stem(name) + "_test.cpp")));
            const bool row = section.find("\n| `" + name + "`") != std::string::npos ||
                             section.find("\n| `" + name + " ") != std::string::npos;
            BOOST_TEST(row, "no row | `" << name << " ...` in the README's probe table");
        }
    }
    BOOST_TEST(read(source_dir / "README.md").find("\n## Adding a probe\n") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(the_registry_lists_in_rank_order_and_finds_by_name) {
    const auto& registry = probes::builtin_probes();
    const auto all = registry.all();
    BOOST_REQUIRE(all.size() >= 8u);
    for (std::size_t i = 1; i < all.size(); ++i)
        BOOST_TEST(all[i - 1]->listing_rank() < all[i]->listing_rank(), all[i]->name());
    for (const auto* p : all) BOOST_TEST(registry.find(p->name()) == p);
    BOOST_TEST(registry.find("no-such-probe") == nullptr);
    probes::ProbeRegistry twice;
    probes::register_builtin_probes(twice);
    BOOST_CHECK_THROW(probes::register_builtin_probes(twice), std::logic_error);
}

BOOST_AUTO_TEST_CASE(every_schema_starts_with_the_request_and_shares_the_one_schedule) {
    const auto request = probes::request_parameters("");
    const auto schedule = probes::schedule_parameters();
    for (const auto* probe : probes::builtin_probes().all()) {
        BOOST_TEST_CONTEXT(probe->name()) {
            const auto schema = probe->parameters();
            BOOST_REQUIRE(schema.size() >= request.size());
            for (std::size_t i = 0; i < request.size(); ++i) BOOST_TEST(schema[i].name == request[i].name);
            std::set<std::string> flags;
            for (const auto& p : schema) {
                BOOST_TEST(flags.insert(core::flag_of(p)).second, "flag twice: " << core::flag_of(p));
                for (const auto& w : p.words) BOOST_TEST(flags.insert(w.flag).second, "flag twice: " << w.flag);
                if (p.required) BOOST_TEST(!p.value_name.empty(), p.name << " is required but has no value name");
                BOOST_TEST(!p.description.empty(), p.name);
            }
            // A probe of a schedule ends with exactly the shared schedule schema.
            if (probes::takes_schedule(schema)) {
                BOOST_REQUIRE(schema.size() >= request.size() + schedule.size());
                const std::size_t from = schema.size() - schedule.size();
                for (std::size_t i = 0; i < schedule.size(); ++i) {
                    BOOST_TEST(schema[from + i].name == schedule[i].name);
                    BOOST_TEST(schema[from + i].within == schedule[i].within);
                    BOOST_TEST(core::flag_of(schema[from + i]) == core::flag_of(schedule[i]));
                }
            }
            BOOST_TEST(!probe->replay_fields().empty());
        }
    }
}

BOOST_AUTO_TEST_CASE(a_request_is_completed_in_schema_order_and_checked) {
    const auto& registry = probes::builtin_probes();
    const probes::Probe& semantic = *registry.find("semantic-break");
    // The schedule given before the other options still lands at the end, its keys in name order.
    const core::json given = {{"scaling", {{"type", "linear"}, {"factor", "2"}}}, {"head_dim", 16}};
    const auto r = probes::request_of(semantic, given, "test");
    std::vector<std::string> keys;
    for (auto it = r.values().begin(); it != r.values().end(); ++it) keys.push_back(it.key());
    BOOST_TEST(keys == (std::vector<std::string>{"theta", "head_dim", "frequency", "precision", "max_distance",
                                                 "scaling"}),
               boost::test_tools::per_element());
    BOOST_TEST(r.values().at("frequency") == 8);  // semantic-break's default: d/2
    BOOST_TEST(r.values().at("scaling").begin().key() == "factor");
    // Completing a complete request changes nothing.
    BOOST_TEST(probes::request_of(semantic, r.values(), "test").values() == r.values());

    const auto fails = [&](const std::string& probe, const core::json& values, const std::string& message) {
        try {
            probes::request_of(*registry.find(probe), values, "test");
            BOOST_ERROR(probe << " accepted " << values.dump());
        } catch (const InvalidInput& e) {
            BOOST_TEST(std::string(e.what()).find(message) != std::string::npos, e.what());
        }
    };
    fails("positional-margin", core::json::object(), "probe positional-margin needs --max-distance N");
    fails("density", core::json::object(), "probe density needs --gap DELTA (radians)");
    fails("semantic-break", {{"precision", 40}}, "--precision 40");
    fails("semantic-break", {{"frequency", 200}}, "--frequency 200: expected 1 to d/2 = 128");
    fails("semantic-break", {{"frequency", "most"}}, "frequency");
    fails("density", {{"gap", "0.5"}, {"frequency", "all"}}, "frequency");  // "all" is not density's
    fails("semantic-break", {{"context", 10}}, "unknown parameter \"context\"");
    fails("semantic-break", {{"scaling", {{"kind", "linear"}}}}, "unknown parameter \"scaling.kind\"");
    fails("semantic-break", {{"partial_rotary_factor", "0.5"}, {"p_rope", "0.5"}}, "exclude each other");
    fails("base-bound", {{"context", 10}, {"scaling", {{"type", "linear"}}}}, "unknown parameter \"scaling\"");
}

BOOST_AUTO_TEST_SUITE_END()
