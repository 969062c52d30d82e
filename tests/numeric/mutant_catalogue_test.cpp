// The mutant catalogue and the sites in the source tree name the same set of
// mutants: a site whose name is missing from the catalogue could never be
// selected, a catalogue entry without a site would be a mutant that changes
// nothing and "survives" for no reason. Read from the sources themselves.
#include <boost/test/unit_test.hpp>

#include <boost/version.hpp>
#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <thread>

#include "ropecheck/numeric/mutant.hpp"
#include "ropecheck/numeric/precision_guard.hpp"
#include "ropecheck/numeric/runtime_checks.hpp"

namespace fs = std::filesystem;

namespace {

std::set<std::string> names_used_in_sources() {
    const std::regex site(R"re(ROPECHECK_MUTANT(?:_IF)?\("([a-z0-9-]+)")re");
    std::set<std::string> names;
    for (const char* dir : {"src", "include"})
        for (const auto& entry : fs::recursive_directory_iterator(fs::path(ROPECHECK_SOURCE_DIR) / dir)) {
            if (!entry.is_regular_file()) continue;
            const auto ext = entry.path().extension();
            if (ext != ".cpp" && ext != ".hpp") continue;
            if (entry.path().filename() == "mutant.hpp") continue;  // the macro definitions themselves
            std::ifstream in(entry.path());
            std::stringstream text;
            text << in.rdbuf();
            const std::string s = text.str();
            for (std::sregex_iterator it(s.begin(), s.end(), site), end; it != end; ++it) names.insert((*it)[1]);
        }
    return names;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(mutant_catalogue)

BOOST_AUTO_TEST_CASE(catalogue_and_source_sites_agree) {
    std::set<std::string> catalogue;
    for (const auto& m : ropecheck::numeric::mutant_catalogue()) {
        BOOST_TEST(catalogue.insert(std::string(m.name)).second, "duplicate mutant " << m.name);
        BOOST_TEST(!m.layer.empty());
        BOOST_TEST(!m.mutation.empty());
    }
    const std::set<std::string> sites = names_used_in_sources();
    for (const auto& name : sites) BOOST_TEST(catalogue.count(name) == 1u, "site " << name << " not in the catalogue");
    for (const auto& name : catalogue) BOOST_TEST(sites.count(name) == 1u, "mutant " << name << " has no site");
    BOOST_TEST(catalogue.size() >= 12u);
}

BOOST_AUTO_TEST_CASE(ordinary_builds_compile_the_mutants_away) {
    // This test program is built without ROPECHECK_MUTANTS: the switch is a constant.
    static_assert(!ROPECHECK_MUTANT("kernel-rotation-sign"));
    BOOST_TEST(!ROPECHECK_MUTANT("no-such-mutant"));
}

BOOST_AUTO_TEST_CASE(the_libraries_are_what_the_numeric_layer_assumes) {
    BOOST_CHECK_NO_THROW(ropecheck::numeric::verify_numeric_runtime());
    // Boost 1.74 keeps one process-wide default precision; 1.75 made it thread-local.
    BOOST_TEST(ropecheck::numeric::boost_precision_is_process_wide() == (BOOST_VERSION < 107500));
    // Observe the scope: set a precision here, read it in another thread.
    const unsigned bits = ropecheck::numeric::current_precision_bits() == 200 ? 300 : 200;
    ropecheck::numeric::PrecisionGuard guard(bits);
    const unsigned here = ropecheck::numeric::current_precision_bits();
    unsigned there = 0;
    std::thread([&] { there = ropecheck::numeric::current_precision_bits(); }).join();
    BOOST_TEST((there == here) == ropecheck::numeric::boost_precision_is_process_wide());
}

BOOST_AUTO_TEST_SUITE_END()
