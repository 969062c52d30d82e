#pragma once
// Runs one registered check on one hand-written grid point, as the runner would.
#include <string>

#include <boost/test/unit_test.hpp>

#include "ropecheck/claims/builtin_checks.hpp"
#include "ropecheck/core/check_registry.hpp"
#include "ropecheck/core/counter_rng.hpp"
#include "ropecheck/numeric/invalid_input.hpp"
#include "ropecheck/numeric/precision_guard.hpp"

namespace ropecheck::test {

inline core::InstanceResult run_check(const std::string& check_name, const core::json& values,
                                      unsigned precision_bits = 128, std::uint64_t seed = 1) {
    static const core::CheckRegistry registry = [] {
        core::CheckRegistry r;
        claims::register_builtin_checks(r);
        return r;
    }();
    const core::Check* check = registry.find(check_name);
    if (check == nullptr) throw std::logic_error("no check " + check_name);
    core::Instance instance;
    instance.claim_id = check_name;
    instance.variant = "claim";
    instance.params = core::conform(values, check->parameters(), "test");
    check->validate(instance.params);
    instance.seed = core::derive_seed(seed, check_name, "claim", 0);
    instance.precision_bits = precision_bits;
    numeric::PrecisionGuard guard(precision_bits);
    return check->run(instance);
}

inline void validate_check(const std::string& check_name, const core::json& values) {
    core::CheckRegistry r;
    claims::register_builtin_checks(r);
    const core::Check* check = r.find(check_name);
    check->validate(core::conform(values, check->parameters(), "test"));
}

// validate_check must throw InvalidInput whose message names `parameter`.
inline void expect_invalid(const std::string& check_name, const core::json& values, const std::string& parameter) {
    try {
        validate_check(check_name, values);
        BOOST_ERROR("no InvalidInput for " + parameter);
    } catch (const InvalidInput& e) {
        BOOST_TEST(std::string(e.what()).find(parameter) != std::string::npos, e.what());
    }
}

}  // namespace ropecheck::test
