// literature-men-table-2 against sign scans written here from the definition,
// B_{m,theta} = sum_{i=0}^{63} cos(m base^(-2i/128)), in long double: none of the check's code
// (schedule, sweep, base-bound). Every |B| the scans below sign is required to exceed 1e-9,
// far above the long double error of a 64-term sum at m <= 2^15 (< 1e-13), so the signs are
// exact.
#include <boost/test/unit_test.hpp>

#include <cmath>
#include <string>
#include <vector>

#include "claim_test_support.hpp"

using ropecheck::core::json;
using ropecheck::test::run_check;

namespace {

struct Scan {
    std::vector<long long> negative;
    long double smallest_abs = 1e300L;
};

Scan scan(long double base, long long L) {
    std::vector<long double> g;
    for (int i = 0; i < 64; ++i) g.push_back(std::pow(base, -2.0L * i / 128.0L));
    Scan s;
    for (long long m = 0; m <= L; ++m) {
        long double b = 0;
        for (long double f : g) b += std::cos(static_cast<long double>(m) * f);
        s.smallest_abs = std::min(s.smallest_abs, std::fabs(b));
        if (b < 0) s.negative.push_back(m);
    }
    return s;
}

std::vector<long long> as_list(const json& j) { return j.get<std::vector<long long>>(); }

}  // namespace

BOOST_AUTO_TEST_SUITE(literature_men_table_2)

// 16k: the printed 3.1e5 fails under both readings of k; the failing distances are the scan's.
BOOST_AUTO_TEST_CASE(sixteen_k_fails_where_the_scan_says) {
    for (const long long unit : {1000LL, 1024LL}) {
        const Scan s = scan(3.1e5L, 16 * unit);
        BOOST_REQUIRE(s.smallest_abs > 1e-9L);
        BOOST_REQUIRE(!s.negative.empty());
        const auto r = run_check("literature-men-table-2", {{"row", "16k"}, {"unit", unit}});
        BOOST_TEST_CONTEXT("unit " << unit) {
            BOOST_TEST(to_string(r.verdict) == "certified");
            BOOST_TEST(r.evidence["negative_count"].get<long long>() == static_cast<long long>(s.negative.size()));
            const auto listed = as_list(r.evidence["negative_m"]);
            BOOST_TEST(listed == std::vector<long long>(s.negative.begin(), s.negative.begin() + listed.size()),
                       boost::test_tools::per_element());
            BOOST_TEST(r.evidence["literature"]["verdict"].get<std::string>() == "wrong");

            const auto neg = run_check("literature-men-table-2",
                                       {{"row", "16k"}, {"unit", unit}, {"control", "paper-as-printed"}});
            BOOST_TEST(to_string(neg.verdict) == "refuted");
            BOOST_REQUIRE(neg.counterexample.has_value());
            BOOST_TEST(neg.counterexample->replay["inputs"]["m"].get<long long>() == s.negative.front());
            BOOST_TEST(neg.evidence.contains("replay"));  // one replay file per refuted row
        }
    }
}

// 4k: 2.7e4 passes to 4000 but fails before 4096; the infimum (certified by base-bound) lies
// in (theta_lower, least_theta], which the scans confirm: least_theta passes, theta_lower fails.
BOOST_AUTO_TEST_CASE(four_k_depends_on_the_reading_and_the_infimum_brackets) {
    const Scan at_4000 = scan(2.7e4L, 4000), at_4096 = scan(2.7e4L, 4096);
    BOOST_REQUIRE(at_4000.smallest_abs > 1e-9L);
    BOOST_REQUIRE(at_4096.smallest_abs > 1e-9L);
    for (const long long unit : {1000LL, 1024LL}) {
        const auto r = run_check("literature-men-table-2", {{"row", "4k"}, {"unit", unit}, {"infimum_up_to", 4096}});
        BOOST_TEST_CONTEXT("unit " << unit) {
            const Scan& s = unit == 1000 ? at_4000 : at_4096;
            BOOST_TEST(to_string(r.verdict) == "certified");
            BOOST_TEST(r.evidence["negative_count"].get<long long>() == static_cast<long long>(s.negative.size()));
            const long double least = std::stold(r.evidence["infimum"]["least_theta"].get<std::string>());
            const long double lower = std::stold(r.evidence["infimum"]["theta_lower"].get<std::string>());
            BOOST_TEST(lower < least);
            BOOST_TEST(scan(least, 4 * unit).negative.empty());
            BOOST_TEST(!scan(lower, 4 * unit).negative.empty());
            // The printed 2.7e4 stands for [2.65e4, 2.75e4).
            const std::string relation = r.evidence["infimum"]["relation_to_printed"].get<std::string>();
            BOOST_TEST(relation == (least < 2.65e4L ? "below" : least < 2.75e4L ? "rounds" : "above"));
            const bool holds = s.negative.empty() && relation == "rounds";
            BOOST_TEST(r.evidence["literature"]["verdict"].get<std::string>() == (holds ? "reproduced" : "wrong"));

            const auto below = run_check("literature-men-table-2",
                                         {{"row", "4k"}, {"unit", unit}, {"infimum_up_to", 4096}, {"control", "below-infimum"}});
            BOOST_TEST(to_string(below.verdict) == "refuted");
            const auto printed = run_check("literature-men-table-2",
                                           {{"row", "4k"}, {"unit", unit}, {"infimum_up_to", 4096}, {"control", "paper-as-printed"}});
            BOOST_TEST(to_string(printed.verdict) == (holds ? "certified" : "refuted"));
        }
    }
}

// 1k and 2k pass under both readings (the scans find no negative m).
BOOST_AUTO_TEST_CASE(short_rows_pass) {
    for (const auto& [row, base, k] : {std::tuple{"1k", 4.3e3L, 1LL}, std::tuple{"2k", 1.6e4L, 2LL}})
        for (const long long unit : {1000LL, 1024LL}) {
            const Scan s = scan(base, k * unit);
            BOOST_REQUIRE(s.smallest_abs > 1e-9L);
            BOOST_TEST(s.negative.empty());
            const auto r = run_check("literature-men-table-2", {{"row", row}, {"unit", unit}});
            BOOST_TEST(to_string(r.verdict) == "certified");
            BOOST_TEST(r.evidence["negative_count"].get<long long>() == 0);
        }
}

BOOST_AUTO_TEST_CASE(bad_parameters_are_rejected) {
    using ropecheck::test::expect_invalid;
    expect_invalid("literature-men-table-2", {{"row", "3k"}, {"unit", 1000}}, "row");
    expect_invalid("literature-men-table-2", {{"row", "1k"}, {"unit", 1001}}, "unit");
    expect_invalid("literature-men-table-2", {{"row", "1k"}, {"unit", 1000}, {"head_dim", 7}}, "head dimension");
    expect_invalid("literature-men-table-2", {{"row", "8k"}, {"unit", 1024}, {"infimum_up_to", 100}, {"control", "below-infimum"}},
                   "infimum_up_to");
    expect_invalid("literature-men-table-2", {{"row", "1k"}, {"unit", 1000}, {"control", "bogus"}}, "control");
}

BOOST_AUTO_TEST_SUITE_END()
