#include <boost/test/unit_test.hpp>

#include <cmath>
#include <string>

#include "claim_test_support.hpp"
#include "ropecheck/numeric/invalid_input.hpp"

using ropecheck::core::json;
using ropecheck::test::run_check;

BOOST_AUTO_TEST_SUITE(thm_5_3)

namespace {
json explicit_grid(const std::string& g, int n, const std::string& eps, const std::string& pattern) {
    return {{"frequency", g}, {"context", n}, {"epsilon", eps}, {"pattern", pattern}};
}
json schedule_grid(int k, int n, const std::string& eps, const std::string& pattern,
                   const std::string& theta = "10000") {
    return {{"head_dim", 64}, {"theta", theta}, {"frequency_index", k}, {"context", n}, {"epsilon", eps},
            {"pattern", pattern}};
}
double evidence_number(const ropecheck::core::InstanceResult& r, const std::string& key) {
    return std::stod(r.evidence[key].get<std::string>());
}
}  // namespace

// s*(400, 0.1) for g = 1, from an independent 40-digit bisection of the full
// sum (mpmath): 73789.932877560285; the binding distance is 333 (53 turns).
BOOST_AUTO_TEST_CASE(diagonal_scale_matches_an_independent_root) {
    const auto r = run_check("thm-5.3", explicit_grid("1", 400, "0.1", "diagonal"));
    BOOST_TEST(to_string(r.verdict) == "certified");
    BOOST_TEST(r.evidence["binding_distance"].get<int>() == 333);
    BOOST_TEST(r.evidence["kernel_row_checked"].get<bool>());
    BOOST_TEST(evidence_number(r, "s_star_lower") <= 73789.932877560285);
    BOOST_TEST(evidence_number(r, "s_star_upper") >= 73789.932877560285);
    BOOST_REQUIRE(r.margin.has_value());
    BOOST_TEST(std::stod(r.margin->upper) < 1e-11);
}

// Previous-token at N = 3: F(s) = 2 exp(-s (1 - cos 1)), s* = ln 18 / (1 - cos 1).
BOOST_AUTO_TEST_CASE(previous_token_closed_form) {
    const auto r = run_check("thm-5.3", schedule_grid(1, 3, "0.1", "previous-token"));
    BOOST_TEST(to_string(r.verdict) == "certified");
    const double expected = std::log(18.0) / (1 - std::cos(1.0));
    BOOST_TEST(evidence_number(r, "s_star_lower") == expected, boost::test_tools::tolerance(1e-12));
}

// The claim's closed-form pins, recomputed here in double from the formula
// s* = ln(c (1 - eps) / eps) / (1 - cos g): N = 2 has one competitor at
// distance 1 for either pattern, N = 3 previous-token two.
BOOST_AUTO_TEST_CASE(small_contexts_are_pinned_by_the_closed_form) {
    struct Pin {
        int n;
        const char* pattern;
        double competitors;
    };
    for (const Pin& pin : {Pin{2, "diagonal", 1}, Pin{2, "previous-token", 1}, Pin{3, "previous-token", 2}}) {
        for (const std::string eps : {"0.1", "0.01"}) {
            for (int k : {1, 8}) {
                const auto r = run_check("thm-5.3", schedule_grid(k, pin.n, eps, pin.pattern));
                BOOST_TEST_CONTEXT("N = " << pin.n << ", " << pin.pattern << ", eps = " << eps << ", K = " << k) {
                    BOOST_TEST(to_string(r.verdict) == "certified");
                    BOOST_TEST(r.evidence.contains("s_star_closed_form"));
                    const double g = std::pow(10000.0, -2.0 * (k - 1) / 64);
                    const double e = std::stod(eps);
                    const double expected = std::log(pin.competitors * (1 - e) / e) / (1 - std::cos(g));
                    BOOST_TEST(evidence_number(r, "s_star_lower") == expected, boost::test_tools::tolerance(1e-9));
                    BOOST_TEST(evidence_number(r, "s_star_upper") == expected, boost::test_tools::tolerance(1e-9));
                }
            }
        }
    }
    // The diagonal at N = 3 has competitors at distances 1 and 2: no closed form, no pin.
    BOOST_TEST(!run_check("thm-5.3", schedule_grid(1, 3, "0.1", "diagonal")).evidence.contains("s_star_closed_form"));
}

BOOST_AUTO_TEST_CASE(long_contexts_and_low_frequencies) {
    const auto longer = run_check("thm-5.3", schedule_grid(1, 200000, "0.01", "diagonal"));
    BOOST_TEST(to_string(longer.verdict) == "certified");
    BOOST_TEST(longer.evidence["binding_distance"].get<int>() == 103993);
    BOOST_TEST(!longer.evidence["kernel_row_checked"].get<bool>());
    // g_32 = 500000^(-62/64) ~ 3e-6: no distance below N completes a turn, so
    // the nearest competitor (r = 1) binds.
    const auto low = run_check("thm-5.3", schedule_grid(32, 1000, "0.1", "previous-token", "500000"));
    BOOST_TEST(to_string(low.verdict) == "certified");
    BOOST_TEST(low.evidence["binding_distance"].get<int>() == 1);
}

// At 53 bits a full softmax row cannot resolve the 2^-40 bracket; it must
// still corroborate it at a coarser relative width, and the claim stay certified.
BOOST_AUTO_TEST_CASE(low_precision_still_certifies) {
    const auto r = run_check("thm-5.3", explicit_grid("1", 400, "0.1", "diagonal"), 53);
    BOOST_TEST(to_string(r.verdict) == "certified");
    BOOST_TEST(r.evidence["kernel_row_widening"].get<std::string>() != "none");
    BOOST_TEST(evidence_number(r, "s_star_lower") <= 73789.932877560285);
    BOOST_TEST(evidence_number(r, "s_star_upper") >= 73789.932877560285);
}

// Every instance of the ci grid's shape, the small N included, is refuted.
BOOST_AUTO_TEST_CASE(half_scale_is_refuted) {
    for (int n : {2, 3, 50}) {
        for (const std::string pattern : {"diagonal", "previous-token"}) {
            json values = schedule_grid(n == 50 ? 1 : 8, n, "0.1", pattern);
            values["control"] = "half-scale";
            const auto r = run_check("thm-5.3", values);
            BOOST_TEST_CONTEXT("N = " << n << ", " << pattern) {
                BOOST_TEST(to_string(r.verdict) == "refuted");
                BOOST_REQUIRE(r.counterexample.has_value());
                BOOST_TEST(r.counterexample->kind == "the pattern fails at half the least scale");
                BOOST_TEST(r.counterexample->replay["claim"].get<std::string>() == "thm-5.3");
                BOOST_TEST(r.counterexample->replay["inputs"]["pattern"].get<std::string>() == pattern);
                BOOST_TEST(r.counterexample->replay["inputs"]["scale_upper"].get<std::string>() != "");
            }
        }
    }
}

BOOST_AUTO_TEST_CASE(bad_parameters_are_rejected) {
    using ropecheck::InvalidInput;
    using ropecheck::test::validate_check;
    json both = schedule_grid(1, 10, "0.1", "diagonal");
    both["frequency"] = "1";
    BOOST_CHECK_THROW(validate_check("thm-5.3", both), InvalidInput);
    BOOST_CHECK_THROW(validate_check("thm-5.3", {{"context", 10}, {"epsilon", "0.1"}, {"pattern", "diagonal"}}),
                      InvalidInput);
    BOOST_CHECK_THROW(validate_check("thm-5.3", schedule_grid(33, 10, "0.1", "diagonal")), InvalidInput);
    BOOST_CHECK_THROW(validate_check("thm-5.3", explicit_grid("0", 10, "0.1", "diagonal")), InvalidInput);
    BOOST_CHECK_THROW(validate_check("thm-5.3", explicit_grid("1", 1, "0.1", "diagonal")), InvalidInput);
    BOOST_CHECK_THROW(validate_check("thm-5.3", explicit_grid("1", 10, "0.6", "diagonal")), InvalidInput);
    BOOST_CHECK_THROW(validate_check("thm-5.3", explicit_grid("1", 10, "0", "diagonal")), InvalidInput);
    BOOST_CHECK_THROW(validate_check("thm-5.3", explicit_grid("1", 10, "0.1", "sideways")), InvalidInput);
}

BOOST_AUTO_TEST_SUITE_END()
