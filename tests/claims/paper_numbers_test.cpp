#include <boost/test/unit_test.hpp>

#include <cmath>

#include "../../src/claims/support/paper_numbers_data.hpp"
#include "../../src/claims/support/printed_decimal.hpp"
#include "claim_test_support.hpp"
#include "ropecheck/numeric/certainty.hpp"
#include "ropecheck/numeric/invalid_input.hpp"

using ropecheck::core::json;
using ropecheck::test::run_check;
namespace support = ropecheck::claims::support;

BOOST_AUTO_TEST_SUITE(paper_numbers)

std::vector<std::string> every_row() {
    std::vector<std::string> ids;
    for (const auto& r : support::formula_rows) ids.emplace_back(r.id);
    for (const auto& t : support::activation_tables) ids.emplace_back(t.id);
    for (const auto& p : support::quoted_products) ids.emplace_back(p.id);
    return ids;
}

BOOST_AUTO_TEST_CASE(every_row_meets_its_expectation) {
    for (const std::string& id : every_row()) {
        const auto r = run_check("paper-numbers", {{"row", id}});
        BOOST_TEST_CONTEXT("row " << id) {
            BOOST_TEST(to_string(r.verdict) == "certified");
            const std::string expect = r.evidence["expect"].get<std::string>();
            BOOST_TEST(r.evidence["finding"].get<std::string>() == (expect == "agree" ? "agree" : "disagree"));
            BOOST_REQUIRE(r.margin.has_value());
            BOOST_TEST(r.margin->lower.front() != '-');
        }
    }
}

BOOST_AUTO_TEST_CASE(llama_row_is_the_paper_error) {
    const auto r = run_check("paper-numbers", {{"row", "llama-3.1-band"}});
    BOOST_TEST(r.evidence["expect"].get<std::string>() == "paper-error");
    BOOST_TEST(r.evidence["ours"].get<std::string>().find("2.74248175") != std::string::npos);
    const auto wrong = run_check("paper-numbers", {{"row", "llama-3.1-band"}, {"control", "paper-is-right"}});
    BOOST_TEST(to_string(wrong.verdict) == "refuted");
    BOOST_REQUIRE(wrong.counterexample.has_value());
    BOOST_TEST(wrong.counterexample->kind == "the paper's number disagrees with the formula");
    BOOST_TEST(wrong.counterexample->computed.find("2.74248175") != std::string::npos);
    BOOST_TEST(wrong.counterexample->replay["inputs"]["row"].get<std::string>() == "llama-3.1-band");
    // The rows where the paper is right belong to the claim: the control rejects them.
    for (const std::string& id : every_row())
        if (id != "llama-3.1-band")
            BOOST_CHECK_THROW(ropecheck::test::validate_check("paper-numbers", {{"row", id}, {"control", "paper-is-right"}}),
                              ropecheck::InvalidInput);
}

// The same rows with each base 1% larger: each theta-sensitive row disagrees, with the
// value recomputed here (10,100^(-236/256) = 2.0348e-4 for g_119, outside 2.05e-4 +- 5e-7).
BOOST_AUTO_TEST_CASE(perturbed_theta_rows_disagree) {
    for (const char* id : {"gemma-g119-3-digits", "gemma-8000-g119", "gemma-lowest-frequency",
                           "gemma-lowest-wavelength", "rotations-128k"}) {
        const auto r = run_check("paper-numbers", {{"row", id}, {"control", "perturbed-theta"}});
        BOOST_TEST_CONTEXT(id) {
            BOOST_TEST(to_string(r.verdict) == "refuted");
            BOOST_TEST(r.evidence["finding"].get<std::string>() == "disagree");
            BOOST_TEST(r.evidence["bases"]["gemma"].get<std::string>() == "10100");
        }
    }
    const auto g119 = run_check("paper-numbers", {{"row", "gemma-g119-3-digits"}, {"control", "perturbed-theta"}});
    const double expected = std::pow(10100.0, -236.0 / 256);
    BOOST_TEST(std::abs(std::stod(g119.evidence["ours"].get<std::string>().substr(1)) - expected) < 1e-12);
    // Rows with no theta cannot be perturbed: rejected.
    for (const char* id : {"one-radian-highest", "gemma-chunks-per-head", "table-3", "apostrophe-bos"})
        BOOST_CHECK_THROW(ropecheck::test::validate_check("paper-numbers", {{"row", id}, {"control", "perturbed-theta"}}),
                          ropecheck::InvalidInput);
}

BOOST_AUTO_TEST_CASE(wavelength_is_58470_to_the_nearest_token) {
    const auto r = run_check("paper-numbers", {{"row", "gemma-lowest-wavelength"}});
    BOOST_TEST(r.evidence["whole_tokens"].get<std::string>() == "58469");
    BOOST_TEST(r.evidence["nearest_token"].get<std::string>() == "58470");
}

BOOST_AUTO_TEST_CASE(appendix_e_and_apostrophe_rows) {
    for (const char* id : {"table-3", "table-4", "table-5"}) {
        const auto r = run_check("paper-numbers", {{"row", id}});
        BOOST_TEST(r.evidence["cells"].size() == 15u, id);  // 8 diagonal + 7 previous-token
        BOOST_TEST(r.evidence["violations"].empty(), id);
    }
    const auto other = run_check("paper-numbers", {{"row", "apostrophe-other"}});
    BOOST_TEST(other.evidence["ours"].get<std::string>().find("-8.547") != std::string::npos);  // -85.47
    BOOST_TEST(other.evidence["rounds_to_paper_value"].get<bool>());
    const auto bos = run_check("paper-numbers", {{"row", "apostrophe-bos"}});
    BOOST_TEST(bos.evidence["ours"].get<std::string>().find("2.494") != std::string::npos);  // 24.94
}

BOOST_AUTO_TEST_CASE(half_unit_follows_the_printed_digits) {
    using ropecheck::numeric::enclose_decimal;
    using ropecheck::numeric::overlaps;
    const std::vector<std::pair<const char*, const char*>> cases{
        {"0.0006", "0.00005"}, {"2.04", "0.005"}, {"2.05e-4", "5e-7"}, {"58470", "5"}, {"10000", "5000"},
        {"128", "0.5"},        {"1", "0.5"},      {"-85.5", "0.05"},   {"119.60", "0.005"}, {"57.2", "0.05"},
        {"0", "0.5"}};
    for (const auto& [printed, half] : cases)
        BOOST_TEST(overlaps(support::half_unit(printed), enclose_decimal(half)), printed);
    for (const char* bad : {"", "-", "abc", "1.2.3", "1e", "1,5", "e5"})
        BOOST_CHECK_THROW(support::half_unit(bad), std::invalid_argument);
}

BOOST_AUTO_TEST_CASE(bad_parameters_are_rejected) {
    using ropecheck::InvalidInput;
    using ropecheck::test::validate_check;
    BOOST_CHECK_THROW(validate_check("paper-numbers", {{"row", "gemma-band"}}), InvalidInput);
    BOOST_CHECK_THROW(validate_check("paper-numbers", {{"row", "table-3"}, {"control", "paper-is-wrong"}}),
                      InvalidInput);
    BOOST_CHECK_THROW(validate_check("paper-numbers", json::object()), InvalidInput);
}

BOOST_AUTO_TEST_SUITE_END()
