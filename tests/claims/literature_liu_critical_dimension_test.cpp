// literature-liu-critical-dimension against Eq. 13 and Eq. 16d evaluated here in double (the
// arguments are far from integers and rounding boundaries: 45.03, 2607.59, 651.90).
#include <boost/test/unit_test.hpp>

#include <cmath>

#include "claim_test_support.hpp"

using ropecheck::core::json;
using ropecheck::test::run_check;

namespace {

const json llama2 = {{"head_dim", 128}, {"theta", "10000"}, {"train_length", 4096}, {"paper_d_extra", 92},
                     {"paper_beta_1", "2608"}, {"paper_beta_3", "652"}};

long long d_extra(double T) { return 2 * static_cast<long long>(std::ceil(64.0 * std::log(T / (2 * M_PI)) / std::log(1e4))); }

}  // namespace

BOOST_AUTO_TEST_SUITE(literature_liu_critical_dimension)

BOOST_AUTO_TEST_CASE(llama2_values_are_reproduced) {
    BOOST_REQUIRE(d_extra(4096) == 92);
    const auto r = run_check("literature-liu-critical-dimension", llama2);
    BOOST_TEST(to_string(r.verdict) == "certified");
    BOOST_TEST(r.evidence["d_extra"].get<long long>() == 92);
    // Pairs k = 0..45 have 2 pi 10000^(2k/128) < 4096 (k < 45.03).
    BOOST_TEST(r.evidence["pairs_with_wavelength_below_T"].get<long long>() == 46);
    BOOST_TEST(r.evidence["beta_1"].get<std::string>().find("2.6075945") != std::string::npos);
    BOOST_TEST(r.evidence["beta_3"].get<std::string>().find("6.5189864") != std::string::npos);
    BOOST_TEST(r.evidence["literature"]["verdict"].get<std::string>() == "reproduced");
}

BOOST_AUTO_TEST_CASE(half_context_is_refuted) {
    BOOST_REQUIRE(d_extra(2048) == 82);
    json p = llama2;
    p["control"] = "half-context";
    const auto r = run_check("literature-liu-critical-dimension", p);
    BOOST_TEST(to_string(r.verdict) == "refuted");
    BOOST_TEST(r.evidence["d_extra"].get<long long>() == 82);
    BOOST_TEST(!r.evidence.contains("replay"));  // a perturbation: the Literature table links no replay
    BOOST_TEST(r.counterexample.has_value());
}

BOOST_AUTO_TEST_CASE(bad_parameters_are_rejected) {
    using ropecheck::test::expect_invalid;
    json p = llama2;
    p["train_length"] = 0;
    expect_invalid("literature-liu-critical-dimension", p, "train_length");
    p = llama2;
    p["paper_beta_1"] = "2,608";
    expect_invalid("literature-liu-critical-dimension", p, "paper_beta_1");
}

BOOST_AUTO_TEST_SUITE_END()
