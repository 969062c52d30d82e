// literature-resonance-rope against the wavelengths 2 pi 1e4^(2i/128) in long double and the LCM
// from prime factorisations written here (none of the check's code). Every wavelength rounded is
// at least 0.004 from a half-integer, far above the long double error.
#include <boost/test/unit_test.hpp>

#include <cmath>
#include <string>
#include <vector>

#include "claim_test_support.hpp"

using ropecheck::core::json;
using ropecheck::test::run_check;

namespace {

constexpr long double resonance_two_pi = 6.283185307179586476925286766559L;

std::vector<long double> pre_critical(long double base) {
    std::vector<long double> out;
    for (int i = 0; i < 64; ++i) {
        const long double w = resonance_two_pi * std::pow(base, 2.0L * i / 128.0L);
        BOOST_REQUIRE(std::fabs(w - 4096) > 1e-3L);
        if (w < 4096) out.push_back(w);
    }
    return out;
}

std::vector<long long> rounded_pre_critical(long double base) {
    std::vector<long long> out;
    for (const long double w : pre_critical(base)) {
        const long double frac = w - std::floor(w);
        BOOST_REQUIRE(std::fabs(frac - 0.5L) > 1e-3L);
        out.push_back(std::llround(w));
    }
    return out;
}

// n mod k for a decimal n.
long long remainder(const std::string& n, long long k) {
    long long r = 0;
    for (char c : n) r = (r * 10 + (c - '0')) % k;
    return r;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(literature_resonance_rope)

BOOST_AUTO_TEST_CASE(wavelength_range_is_reproduced) {
    const long double longest = 2 * std::pow(1e4L, 126.0L / 128.0L) * (resonance_two_pi / 2);
    BOOST_REQUIRE(std::fabs(longest - 54410.14L) < 0.005L);
    const auto r = run_check("literature-resonance-rope", {{"row", "wavelength-range"}});
    BOOST_TEST(to_string(r.verdict) == "certified");
    BOOST_TEST(r.evidence["longest"].get<std::string>().find("5.44101431") != std::string::npos);
    BOOST_TEST(r.evidence["shortest"].get<std::string>().find("6.28318530") != std::string::npos);
    BOOST_TEST(r.evidence["literature"]["verdict"].get<std::string>() == "reproduced");
}

BOOST_AUTO_TEST_CASE(lcm_is_exact_and_above_the_bound) {
    const std::vector<long long> rounded = rounded_pre_critical(1e4L);
    BOOST_REQUIRE(rounded.size() == 46u);
    const auto r = run_check("literature-resonance-rope", {{"row", "lcm"}});
    BOOST_TEST(to_string(r.verdict) == "certified");
    BOOST_TEST(r.evidence["pre_critical"].get<std::size_t>() == rounded.size());
    std::vector<long long> ours;
    for (const json& v : r.evidence["rounded_wavelengths"]) ours.push_back(std::stoll(v.get<std::string>()));
    BOOST_TEST(ours == rounded, boost::test_tools::per_element());
    // The LCM is exact: it is a common multiple (each remainder is 0), hence a multiple of the
    // least one, the product over primes of the largest power dividing some wavelength; and it is
    // that product within 1e-15 (long double), where the next multiple is twice as large.
    const std::string lcm = r.evidence["lcm"].get<std::string>();
    for (long long k : rounded) BOOST_TEST(remainder(lcm, k) == 0, k);
    long double by_primes = 1;
    for (long long p = 2; p < 4096; ++p) {
        bool prime = true;
        for (long long q = 2; q * q <= p; ++q) prime = prime && p % q != 0;
        if (!prime) continue;
        long long best = 1;
        for (long long k : rounded) {
            long long power = 1;
            while (k % (power * p) == 0) power *= p;
            best = std::max(best, power);
        }
        by_primes *= best;
    }
    BOOST_TEST(lcm.size() == 52u);
    BOOST_TEST(std::fabs(std::stold(lcm) / by_primes - 1) < 1e-15L);
    BOOST_TEST(by_primes > 7e51L);
    BOOST_TEST(r.evidence["literature"]["verdict"].get<std::string>() == "reproduced");
}

BOOST_AUTO_TEST_CASE(llama_3_base_is_refuted) {
    for (const char* row : {"wavelength-range", "lcm"}) {
        const auto r = run_check("literature-resonance-rope", {{"row", row}, {"control", "llama-3-base"}});
        BOOST_TEST(to_string(r.verdict) == "refuted", row);
        BOOST_TEST(!r.evidence.contains("replay"));
    }
    const auto r = run_check("literature-resonance-rope", {{"row", "lcm"}, {"control", "llama-3-base"}});
    BOOST_TEST(r.evidence["pre_critical"].get<std::size_t>() == pre_critical(5e5L).size());
}

BOOST_AUTO_TEST_CASE(bad_parameters_are_rejected) {
    using ropecheck::test::expect_invalid;
    expect_invalid("literature-resonance-rope", {{"row", "range"}}, "row");
    expect_invalid("literature-resonance-rope", {{"row", "lcm"}, {"control", "half-context"}}, "control");
}

BOOST_AUTO_TEST_SUITE_END()
