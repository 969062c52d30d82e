// literature-roformer-relative-bound against RoFormer's relative upper bound written here from its
// definition in long double, (1/(d/2)) sum_{j=1}^{d/2} |sum_{k=0}^{j-1} e^{i m 10000^(-2k/d)}| (none
// of the check's code), and a brute-force search for the least increasing pair. Every pair the
// search decides is required to differ by more than 1e-9, far above the long double error.
#include <boost/test/unit_test.hpp>

#include <cmath>
#include <complex>
#include <string>
#include <utility>
#include <vector>

#include "claim_test_support.hpp"

using ropecheck::core::json;
using ropecheck::test::run_check;

namespace {

long double relative_bound(int d, long long m) {
    std::complex<long double> partial = 0;
    long double sum = 0;
    for (int k = 0; k < d / 2; ++k) {
        const long double angle = m * std::pow(1e4L, -2.0L * k / d);
        partial += std::complex<long double>(std::cos(angle), std::sin(angle));
        sum += std::abs(partial);
    }
    return sum / (d / 2);
}

struct Pair {
    int d = 0;
    long long r1 = -1, r2 = -1;
};

// The least r2, then the least r1 < r2, with value(r2) > value(r1), for one d.
Pair first_pair(int d, long long max_r2) {
    std::vector<long double> values{relative_bound(d, 0)};
    for (long long r2 = 1; r2 <= max_r2; ++r2) {
        values.push_back(relative_bound(d, r2));
        for (long long r1 = 0; r1 < r2; ++r1) {
            const long double gap = values.back() - values[static_cast<std::size_t>(r1)];
            BOOST_REQUIRE(std::fabs(gap) > 1e-9L);
            if (gap > 0) return {d, r1, r2};
        }
    }
    return {d};
}

}  // namespace

BOOST_AUTO_TEST_SUITE(literature_roformer_relative_bound)

const json ci = {{"head_dim", 128}, {"theta", "10000"}, {"max_distance", 300}, {"search_max_head_dim", 64}};

BOOST_AUTO_TEST_CASE(value_at_zero_and_the_first_increases) {
    BOOST_REQUIRE(std::fabs(relative_bound(128, 0) - 32.5L) < 1e-12L);
    const Pair least = first_pair(4, 300), natural = first_pair(128, 300);
    BOOST_REQUIRE(least.r2 > 0 && natural.r2 > 0);
    const auto r = run_check("literature-roformer-relative-bound", ci);
    BOOST_TEST(to_string(r.verdict) == "certified");
    BOOST_TEST(r.evidence["at_zero"].get<std::string>().find("3.25000000000e+01") != std::string::npos,
               r.evidence["at_zero"]);
    const std::string shrunk = r.evidence["least_increase"].get<std::string>();
    BOOST_TEST(shrunk.find("d = 4:") == 0u, shrunk);
    BOOST_TEST(shrunk.find("at m = " + std::to_string(least.r2) + " >") != std::string::npos, shrunk);
    BOOST_TEST(shrunk.find("at m = " + std::to_string(least.r1)) != std::string::npos, shrunk);
    const std::string at_128 = r.evidence["first_increase_at_head_dim"].get<std::string>();
    BOOST_TEST(at_128.find("at m = " + std::to_string(natural.r2) + " >") != std::string::npos, at_128);
    BOOST_TEST(at_128.find("at m = " + std::to_string(natural.r1)) != std::string::npos, at_128);
    BOOST_TEST(r.evidence["literature"]["verdict"].get<std::string>() == "wrong");
}

BOOST_AUTO_TEST_CASE(monotone_reading_is_refuted_by_the_shrunk_pair) {
    const Pair least = first_pair(4, 300);
    json p = ci;
    p["control"] = "monotone-reading";
    const auto r = run_check("literature-roformer-relative-bound", p);
    BOOST_TEST(to_string(r.verdict) == "refuted");
    BOOST_TEST(r.evidence.contains("replay"));  // the paper's sentence: its refutation is linked
    BOOST_TEST(r.counterexample->replay["inputs"]["head_dim"].get<int>() == 4);
    BOOST_TEST(r.counterexample->replay["inputs"]["r1"].get<long long>() == least.r1);
    BOOST_TEST(r.counterexample->replay["inputs"]["r2"].get<long long>() == least.r2);
}

BOOST_AUTO_TEST_CASE(bad_parameters_are_rejected) {
    // Each bad value alone on the ci point; the message names its parameter.
    for (const auto& [name, bad] : {std::pair<std::string, json>{"max_distance", 0}, {"search_max_head_dim", 7},
                                    {"search_max_head_dim", 2}}) {
        json p = ci;
        p[name] = bad;
        ropecheck::test::expect_invalid("literature-roformer-relative-bound", p, name);
    }
}

BOOST_AUTO_TEST_SUITE_END()
