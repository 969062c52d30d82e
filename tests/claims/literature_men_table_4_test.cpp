// literature-men-table-4 against counts written here from the paper's formulas in long double
// (none of the check's code): Method 1 theta_i = 5e6^(-2i/128); Method 2 theta_i = 1e4^(-2i/128)/8
// for i >= 44 and (1e4 8^(128/88))^(-2i/128) for i < 44. Every |B| counted is required to exceed
// 1e-9, far above the long double error of the sum at m <= 30720, so the counts are exact.
#include <boost/test/unit_test.hpp>

#include <cmath>
#include <vector>

#include "claim_test_support.hpp"

using ropecheck::core::json;
using ropecheck::test::run_check;

namespace {

std::vector<long double> method(int which, long double method_1_base = 5e6L) {
    std::vector<long double> g;
    const long double stretched = 1e4L * std::pow(8.0L, 128.0L / 88.0L);
    for (int i = 0; i < 64; ++i)
        g.push_back(which == 1  ? std::pow(method_1_base, -2.0L * i / 128.0L)
                    : i >= 44   ? std::pow(1e4L, -2.0L * i / 128.0L) / 8.0L
                                : std::pow(stretched, -2.0L * i / 128.0L));
    return g;
}

long long count(const std::vector<long double>& g, long long L) {
    long long n = 0;
    for (long long m = 0; m <= L; ++m) {
        long double b = 0;
        for (long double f : g) b += std::cos(static_cast<long double>(m) * f);
        BOOST_REQUIRE(std::fabs(b) > 1e-9L);
        n += b < 0 ? 1 : 0;
    }
    return n;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(literature_men_table_4)

BOOST_AUTO_TEST_CASE(counts_are_the_papers_under_k_1024) {
    const auto m1 = method(1), m2 = method(2);
    for (const auto& [row, g, k, paper] : {std::tuple{"method-1-15k", &m1, 15LL, 0LL}, std::tuple{"method-1-30k", &m1, 30LL, 0LL},
                                           std::tuple{"method-2-15k", &m2, 15LL, 97LL},
                                           std::tuple{"method-2-30k", &m2, 30LL, 2554LL}}) {
        BOOST_TEST_CONTEXT(row) {
            const long long at_1000 = count(*g, k * 1000), at_1024 = count(*g, k * 1024);
            BOOST_TEST(at_1024 == paper);  // the reading under which the paper is right
            const auto r = run_check("literature-men-table-4", {{"row", row}, {"reading", 1024}});
            BOOST_TEST(to_string(r.verdict) == "certified");
            BOOST_TEST(r.evidence["count_k_1000"]["count"].get<long long>() == at_1000);
            BOOST_TEST(r.evidence["count_k_1024"]["count"].get<long long>() == at_1024);
            BOOST_TEST(r.evidence["literature"]["verdict"].get<std::string>() == "reproduced");
            if (at_1000 != paper) {
                const auto other = run_check("literature-men-table-4",
                                             {{"row", row}, {"reading", 1024}, {"control", "other-reading"}});
                BOOST_TEST(to_string(other.verdict) == "refuted");
                BOOST_TEST(other.counterexample->computed.find("certified count " + std::to_string(at_1000)) !=
                           std::string::npos);
            }
        }
    }
}

BOOST_AUTO_TEST_CASE(llama_2_base_has_negatives) {
    const long long expected = count(method(1, 1e4L), 15 * 1024);
    BOOST_REQUIRE(expected > 0);
    const auto r = run_check("literature-men-table-4", {{"row", "method-1-15k"}, {"reading", 1024}, {"control", "llama-2-base"}});
    BOOST_TEST(to_string(r.verdict) == "refuted");
    BOOST_TEST(r.evidence["count_k_1024"]["count"].get<long long>() == expected);
    BOOST_TEST(!r.evidence.contains("replay"));  // a perturbation: the Literature table links no replay
}

BOOST_AUTO_TEST_CASE(bad_parameters_are_rejected) {
    using ropecheck::test::expect_invalid;
    expect_invalid("literature-men-table-4", {{"row", "method-3-15k"}, {"reading", 1024}}, "row");
    expect_invalid("literature-men-table-4", {{"row", "method-1-15k"}, {"reading", 1023}}, "reading");
    expect_invalid("literature-men-table-4", {{"row", "method-2-15k"}, {"reading", 1024}, {"control", "llama-2-base"}},
                   "llama-2-base");
}

BOOST_AUTO_TEST_SUITE_END()
