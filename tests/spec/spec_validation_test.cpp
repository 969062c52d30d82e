#include <boost/test/unit_test.hpp>

#include <filesystem>
#include <initializer_list>
#include <memory>
#include <string>
#include <vector>

#include "ropecheck/numeric/invalid_input.hpp"
#include "ropecheck/spec/spec_loader.hpp"
#include "../support/mentions.hpp"

namespace fs = std::filesystem;
using ropecheck::InvalidInput;
using ropecheck::core::ClaimSpec;
using ropecheck::core::json;
using ropecheck::spec::validate_claim_specs;

namespace {

using ropecheck::test::check_mentions;

// Accepts even head dimensions only, so a grid point can be made invalid
// without touching the schema.
class FakeEvenCheck : public ropecheck::core::Check {
public:
    std::string name() const override { return "fake-even"; }
    std::vector<ropecheck::core::ParameterSpec> parameters() const override {
        using ropecheck::core::ParameterKind;
        return {{"head_dim", ParameterKind::integer, "the head dimension d", true, nullptr},
                {"theta", ParameterKind::decimal, "the RoPE base", true, nullptr}};
    }
    void validate(const ropecheck::core::Parameters& params) const override {
        const auto d = params.integer("head_dim");
        if (d % 2 != 0) throw InvalidInput("head_dim = " + std::to_string(d) + " is odd");
    }
    ropecheck::core::InstanceResult run(const ropecheck::core::Instance&) const override {
        ropecheck::core::InstanceResult result;
        result.verdict = ropecheck::core::Verdict::certified;
        return result;
    }
};

struct Registry {
    Registry() { checks.add(std::make_unique<FakeEvenCheck>()); }
    ropecheck::core::CheckRegistry checks;
};

const fs::path fake_spec = fs::path(ROPECHECK_SOURCE_DIR) / "tests/spec/fixtures/fake-1.toml";

void set_axis(ropecheck::core::ParameterGrid& grid, const std::string& name, std::vector<json> values) {
    for (auto& [axis, old] : grid)
        if (axis == name) {
            old = std::move(values);
            return;
        }
    grid.emplace_back(name, std::move(values));
}

std::string validation_error(const std::vector<ClaimSpec>& specs, const ropecheck::core::CheckRegistry& registry) {
    try {
        validate_claim_specs(specs, registry);
    } catch (const InvalidInput& e) {
        BOOST_TEST_MESSAGE(e.what());
        return e.what();
    }
    BOOST_FAIL("no InvalidInput was thrown");
    return {};
}

}  // namespace

BOOST_FIXTURE_TEST_SUITE(spec_validation, Registry)

BOOST_AUTO_TEST_CASE(valid_spec_passes) {
    BOOST_CHECK_NO_THROW(validate_claim_specs({ropecheck::spec::load_claim_spec(fake_spec)}, checks));
}

BOOST_AUTO_TEST_CASE(odd_head_dim_in_full_profile_is_rejected) {
    ClaimSpec spec = ropecheck::spec::load_claim_spec(fake_spec);
    set_axis(spec.profiles.at("full"), "head_dim", {json(2), json(3)});
    check_mentions(validation_error({spec}, checks),
                   {fake_spec.string(), "[profiles.full]", "head_dim = 3 is odd"});
}

BOOST_AUTO_TEST_CASE(odd_head_dim_in_negative_control_is_rejected) {
    ClaimSpec spec = ropecheck::spec::load_claim_spec(fake_spec);
    set_axis(spec.negatives[0].overrides, "head_dim", {json(5)});
    check_mentions(validation_error({spec}, checks), {fake_spec.string(), "negative control", "is odd"});
}

BOOST_AUTO_TEST_CASE(unknown_parameter_is_rejected) {
    ClaimSpec spec = ropecheck::spec::load_claim_spec(fake_spec);
    set_axis(spec.profiles.at("ci"), "rotation", {json("left")});
    check_mentions(validation_error({spec}, checks),
                   {fake_spec.string(), "[profiles.ci]", "unknown parameter \"rotation\""});
}

BOOST_AUTO_TEST_CASE(badly_typed_parameter_is_rejected) {
    ClaimSpec spec = ropecheck::spec::load_claim_spec(fake_spec);
    set_axis(spec.profiles.at("full"), "theta", {json("ten thousand")});
    check_mentions(validation_error({spec}, checks), {fake_spec.string(), "theta", "not a decimal"});
}

BOOST_AUTO_TEST_CASE(unregistered_check_is_rejected) {
    ClaimSpec spec = ropecheck::spec::load_claim_spec(fake_spec);
    spec.check = "no-such-check";
    check_mentions(validation_error({spec}, checks),
                   {fake_spec.string(), "key \"check\"", "no check named \"no-such-check\""});
}

BOOST_AUTO_TEST_CASE(every_spec_is_validated_not_only_the_first) {
    const ClaimSpec good = ropecheck::spec::load_claim_spec(fake_spec);
    ClaimSpec bad = good;
    bad.id = "fake-2";
    bad.file = fake_spec.parent_path() / "fake-2.toml";
    set_axis(bad.profiles.at("full"), "head_dim", {json(7)});
    check_mentions(validation_error({good, bad}, checks), {"fake-2.toml", "head_dim = 7 is odd"});
}

BOOST_AUTO_TEST_SUITE_END()
