#include <boost/test/unit_test.hpp>

#include "claim_test_support.hpp"
#include "ropecheck/numeric/invalid_input.hpp"
#include "ropecheck/numeric/precision_guard.hpp"
#include "ropecheck/numeric/types.hpp"

using ropecheck::core::json;
using ropecheck::test::run_check;

namespace {

json thm_6_1_point(int d, const char* theta, std::int64_t n, const char* p = "1") {
    return {{"head_dim", d}, {"theta", theta}, {"theta_larger", "500000"}, {"max_distance", n}, {"p", p}};
}

// floor(pi / (2 g_k)) + 1 with g_k = theta^(-2(k-1)/d) by MPFR's pow at 300 bits:
// the test's own derivation of every break distance.
std::int64_t closed_form_break(const char* theta, int d, int k) {
    ropecheck::numeric::PrecisionGuard fine(300);
    using ropecheck::numeric::real;
    real pi;
    mpfr_const_pi(pi.backend().data(), MPFR_RNDN);
    const real g = pow(real(theta), real(-2 * (k - 1)) / d);
    return floor(pi / (2 * g)).convert_to<std::int64_t>() + 1;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(thm_6_1)

BOOST_AUTO_TEST_CASE(every_channel_breaks_and_removed_ones_never_do) {
    for (const char* p : {"1", "0.5", "0"}) {
        for (int d : {2, 8, 64}) {
            const auto r = run_check("thm-6.1", thm_6_1_point(d, "10000", 1'000'000, p));
            BOOST_TEST_CONTEXT("d = " << d << ", p = " << p) {
                BOOST_TEST(to_string(r.verdict) == "certified", r.message);
                BOOST_REQUIRE(r.margin.has_value());
                BOOST_TEST(r.margin->lower.front() != '-');
                BOOST_TEST(r.evidence["break_distance_highest_g_1"].get<int>() == 2);  // cos 1 > 0 > cos 2
                BOOST_TEST(!r.counterexample.has_value());
            }
        }
    }
    // d = 8, theta = 10^4: the lowest frequency is exactly 10^-3, so it breaks at
    // floor(1000 pi / 2) + 1 = 1571; p = 0.5 removes two of the four channels.
    const auto r = run_check("thm-6.1", thm_6_1_point(8, "10000", 100'000, "0.5"));
    BOOST_TEST(r.evidence["break_distance_lowest_g_4"].get<int>() == 1571);
    BOOST_TEST(closed_form_break("10000", 8, 4) == 1571);
    BOOST_TEST(r.evidence["closed_form_cross_checks"].get<int>() == 4);
    BOOST_TEST(r.evidence["prope_removed_channels"].get<int>() == 2);
}

// The by-channel list the report plots: every channel's break at theta and at
// theta_larger equals the test's closed form (null beyond N), and p-RoPE keeps
// the highest frequencies, p d / 2 of them.
BOOST_AUTO_TEST_CASE(break_distance_by_channel_is_every_channel_in_order) {
    const std::int64_t n = 1'000'000;
    const auto r = run_check("thm-6.1", thm_6_1_point(16, "10000", n, "0.25"));
    BOOST_TEST(to_string(r.verdict) == "certified", r.message);
    const json& by = r.evidence.at("break_distance_by_channel");
    BOOST_REQUIRE(by.at("rope").size() == 8u);
    BOOST_REQUIRE(by.at("rope_theta_larger").size() == 8u);
    BOOST_REQUIRE(by.at("prope_rotated").size() == 8u);
    for (int k = 1; k <= 8; ++k) {
        const auto i = static_cast<std::size_t>(k - 1);
        BOOST_TEST_CONTEXT("k = " << k) {
            BOOST_TEST(by["rope"][i].get<std::int64_t>() == closed_form_break("10000", 16, k));
            const std::int64_t larger = closed_form_break("500000", 16, k);
            if (larger <= n) BOOST_TEST(by["rope_theta_larger"][i].get<std::int64_t>() == larger);
            else BOOST_TEST(by["rope_theta_larger"][i].is_null());
            BOOST_TEST(by["prope_rotated"][i].get<bool>() == (k <= 2));
        }
    }
}

// The perturbation: every channel claimed to break one distance early. Refuted on
// every grid point of the negative (ci: d = 2, 8, 64, 256; full adds 128 and theta
// = 10^5), each channel's claimed break being the test's closed form minus one.
BOOST_AUTO_TEST_CASE(early_break_is_refuted_on_every_channel) {
    for (const char* theta : {"10000", "100000"}) {
        for (int d : {2, 8, 64, 256}) {
            json values = thm_6_1_point(d, theta, 1'000'000);
            values["control"] = "early-break";
            const auto r = run_check("thm-6.1", values);
            BOOST_TEST_CONTEXT("theta = " << theta << ", d = " << d) {
                BOOST_TEST(to_string(r.verdict) == "refuted");
                BOOST_REQUIRE(r.counterexample.has_value());
                const json& claimed = r.evidence["claimed_breaks"];
                BOOST_TEST(claimed.size() == static_cast<std::size_t>(d / 2));
                for (const auto& c : claimed) {
                    const int k = c["k"].get<int>();
                    if (k % 17 != 1 && k != d / 2) continue;  // a sample: MPFR at 300 bits per channel
                    BOOST_TEST(c["closed_form_break"].get<std::int64_t>() == closed_form_break(theta, d, k));
                    BOOST_TEST(c["claimed_break"].get<std::int64_t>() == closed_form_break(theta, d, k) - 1);
                }
                BOOST_REQUIRE(r.margin.has_value());
                BOOST_TEST(r.margin->lower.front() != '-');  // cos at the claimed break is >= 0
            }
        }
    }
}

BOOST_AUTO_TEST_CASE(a_channel_beyond_max_distance_is_inconclusive_not_certified) {
    const auto r = run_check("thm-6.1", thm_6_1_point(8, "10000", 1000));
    BOOST_TEST(to_string(r.verdict) == "inconclusive");
    BOOST_TEST(r.message.find("max_distance") != std::string::npos, r.message);
}

BOOST_AUTO_TEST_CASE(robust_channel_claim_is_refuted_at_the_break_distance) {
    // Gemma 7B's lowest channel g_128 = 10^4^(-254/256) breaks at
    // floor(pi / (2 g_128)) + 1 = 14618, computed here by MPFR's pow at 300 bits.
    const std::int64_t expected = closed_form_break("10000", 256, 128);
    BOOST_TEST(expected == 14618);
    json values = thm_6_1_point(256, "10000", 1'000'000);
    values["control"] = "robust-up-to";
    values["robust_length"] = 1'000'000;
    const auto r = run_check("thm-6.1", values);
    BOOST_TEST(to_string(r.verdict) == "refuted");
    BOOST_REQUIRE(r.counterexample.has_value());
    BOOST_TEST(r.counterexample->replay["inputs"]["break_distance"].get<std::int64_t>() == expected);
    BOOST_TEST(r.counterexample->replay["claim"].get<std::string>() == "thm-6.1");
    BOOST_TEST(r.counterexample->replay["precision"].get<unsigned>() == 128u);
    // Up to one distance before the break the robustness claim is true.
    values["robust_length"] = expected - 1;
    BOOST_TEST(to_string(run_check("thm-6.1", values).verdict) == "certified");
}

BOOST_AUTO_TEST_CASE(bad_parameters_are_rejected) {
    using ropecheck::InvalidInput;
    using ropecheck::test::validate_check;
    BOOST_CHECK_THROW(validate_check("thm-6.1", thm_6_1_point(7, "10000", 100)), InvalidInput);
    BOOST_CHECK_THROW(validate_check("thm-6.1", thm_6_1_point(8, "1", 100)), InvalidInput);
    BOOST_CHECK_THROW(validate_check("thm-6.1", thm_6_1_point(8, "10000", 0)), InvalidInput);
    BOOST_CHECK_THROW(validate_check("thm-6.1", thm_6_1_point(8, "10000", -5)), InvalidInput);
    BOOST_CHECK_THROW(validate_check("thm-6.1", thm_6_1_point(8, "10000", 100, "1.5")), InvalidInput);
    BOOST_CHECK_THROW(validate_check("thm-6.1", thm_6_1_point(8, "500000", 100)), InvalidInput);  // theta_larger not larger
    BOOST_CHECK_THROW(validate_check("thm-6.1", thm_6_1_point(8, "600000", 100)), InvalidInput);
    json no_length = thm_6_1_point(8, "10000", 100);
    no_length["control"] = "robust-up-to";
    BOOST_CHECK_THROW(validate_check("thm-6.1", no_length), InvalidInput);
    json stray_length = thm_6_1_point(8, "10000", 100);
    stray_length["robust_length"] = 50;
    BOOST_CHECK_THROW(validate_check("thm-6.1", stray_length), InvalidInput);
    json bad_control = thm_6_1_point(8, "10000", 100);
    bad_control["control"] = "fragile";
    json early_with_length = thm_6_1_point(8, "10000", 100);
    early_with_length["control"] = "early-break";
    early_with_length["robust_length"] = 50;
    BOOST_CHECK_THROW(validate_check("thm-6.1", early_with_length), InvalidInput);
    BOOST_CHECK_THROW(validate_check("thm-6.1", bad_control), InvalidInput);
    BOOST_CHECK_NO_THROW(validate_check("thm-6.1", thm_6_1_point(2, "10000", 100)));
}

BOOST_AUTO_TEST_SUITE_END()
