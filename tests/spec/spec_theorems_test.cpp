#include <boost/test/unit_test.hpp>

#include <filesystem>

#include "ropecheck/claims/builtin_checks.hpp"
#include "ropecheck/spec/spec_loader.hpp"

// The shipped specs must load and plan against the shipped checks in both
// profiles (the literature suite in theorems/literature/ too), so a broken spec fails the tests, not a user's run.
BOOST_AUTO_TEST_SUITE(shipped_theorems)

BOOST_AUTO_TEST_CASE(every_shipped_spec_loads_and_validates) {
    const auto specs = ropecheck::spec::load_all_claim_specs(std::filesystem::path(ROPECHECK_SOURCE_DIR) / "theorems");
    BOOST_TEST(!specs.empty());
    ropecheck::core::CheckRegistry registry;
    ropecheck::claims::register_builtin_checks(registry);
    BOOST_CHECK_NO_THROW(ropecheck::spec::validate_claim_specs(specs, registry));
}

BOOST_AUTO_TEST_SUITE_END()
