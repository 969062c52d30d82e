#include <boost/test/unit_test.hpp>

#include "ropecheck/core/claim_spec.hpp"
#include "ropecheck/core/parameters.hpp"
#include "ropecheck/numeric/invalid_input.hpp"

using namespace ropecheck::core;
using ropecheck::InvalidInput;

BOOST_AUTO_TEST_SUITE(grid_and_parameters)

BOOST_AUTO_TEST_CASE(expand_grid_is_the_cartesian_product_last_axis_fastest) {
    const ParameterGrid grid{{"d", {2, 4}}, {"theta", {"10", "20", "30"}}};
    const auto points = expand_grid(grid);
    BOOST_REQUIRE_EQUAL(points.size(), 6u);
    BOOST_TEST(points[0]["d"].get<int>() == 2);
    BOOST_TEST(points[0]["theta"].get<std::string>() == "10");
    BOOST_TEST(points[1]["theta"].get<std::string>() == "20");
    BOOST_TEST(points[3]["d"].get<int>() == 4);
    BOOST_TEST(points[5]["theta"].get<std::string>() == "30");
}

BOOST_AUTO_TEST_CASE(negative_overrides_replace_or_add_axes) {
    ClaimSpec spec;
    spec.id = "x";
    spec.profiles["ci"] = {{"p", {"0", "1"}}, {"d", {8}}};
    NegativeControl flip;
    flip.name = "flip";
    flip.overrides = {{"p", {"0.5"}}, {"control", {"flip"}}};
    spec.negatives = {flip};
    const auto claim = expand_grid(grid_for(spec, "ci"));
    const auto negative = expand_grid(grid_for(spec, "ci", spec.negatives[0]));
    BOOST_TEST(claim.size() == 2u);
    BOOST_REQUIRE_EQUAL(negative.size(), 1u);
    BOOST_TEST(negative[0]["p"].get<std::string>() == "0.5");
    BOOST_TEST(negative[0]["control"].get<std::string>() == "flip");
    BOOST_CHECK_THROW(grid_for(spec, "full"), InvalidInput);
    BOOST_CHECK_THROW(grid_for(spec, "full", flip), InvalidInput);
}

const std::vector<ParameterSpec> schema{
    {"head_dim", ParameterKind::integer, "d"},
    {"theta", ParameterKind::decimal, "base"},
    {"p", ParameterKind::fraction, "kept share", false, "1"},
};

BOOST_AUTO_TEST_CASE(conform_fills_defaults_and_types) {
    const auto p = conform(json{{"head_dim", 64}, {"theta", "10000"}}, schema, "f.toml");
    BOOST_TEST(p.integer("head_dim") == 64);
    BOOST_TEST(p.decimal("theta") == "10000");
    BOOST_TEST(p.fraction("p").numerator == p.fraction("p").denominator);
}

BOOST_AUTO_TEST_CASE(conform_rejects_with_named_keys) {
    auto message_of = [](const json& values) {
        try {
            conform(values, schema, "f.toml");
        } catch (const InvalidInput& e) {
            return std::string(e.what());
        }
        return std::string("no error");
    };
    BOOST_TEST(message_of({{"head_dim", 64}, {"theta", "1e4"}, {"tau", 1}}).find("unknown parameter \"tau\"") !=
               std::string::npos);
    BOOST_TEST(message_of({{"theta", "1e4"}}).find("missing required parameter \"head_dim\"") != std::string::npos);
    BOOST_TEST(message_of({{"head_dim", "64"}, {"theta", "1e4"}}).find("head_dim") != std::string::npos);
    BOOST_TEST(message_of({{"head_dim", 64}, {"theta", "ten"}}).find("theta") != std::string::npos);
    BOOST_TEST(message_of({{"head_dim", 64}, {"theta", "1e4"}, {"p", "1.5"}}).find("outside [0, 1]") !=
               std::string::npos);
    BOOST_TEST(message_of({{"head_dim", 64}, {"theta", "1e4"}, {"p", "-0.5"}}).find("outside [0, 1]") !=
               std::string::npos);
    BOOST_TEST(message_of({{"head_dim", 64}, {"theta", "1e4"}}) == "no error");
}

BOOST_AUTO_TEST_SUITE_END()
