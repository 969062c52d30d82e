#include <boost/test/unit_test.hpp>

#include <cmath>
#include <complex>

#include "../../src/claims/support/abel_bound.hpp"
#include "../../src/claims/support/first_increase.hpp"
#include "claim_test_support.hpp"
#include "ropecheck/numeric/certainty.hpp"
#include "ropecheck/numeric/invalid_input.hpp"
#include "ropecheck/numeric/precision_guard.hpp"

using ropecheck::core::json;
using ropecheck::numeric::interval;
using ropecheck::test::run_check;
namespace support = ropecheck::claims::support;

BOOST_AUTO_TEST_SUITE(su_decay_bound)

json grid(int d, const std::string& query, int window = 150) {
    return {{"head_dim", d}, {"theta", "10000"}, {"max_distance", window}, {"query", query}};
}

BOOST_AUTO_TEST_CASE(bound_is_certified_at_every_distance) {
    for (const char* query : {"gaussian", "ones"}) {
        const auto r = run_check("su-decay-bound", grid(8, query));
        BOOST_TEST_CONTEXT("query = " << query) {
            BOOST_TEST(to_string(r.verdict) == "certified");
            BOOST_REQUIRE(r.margin.has_value());
            BOOST_TEST(r.margin->lower.front() != '-');
            BOOST_TEST(r.evidence["distances_certified"].get<int>() == 151);
            BOOST_TEST(!r.counterexample.has_value());
        }
    }
}

// Independent double evaluation of both sides with the documented indices, and of the
// Abel identity sum_k h_k e_k = sum_{k=2}^{n+1} (h_{k-1} - h_k) S_k itself.
BOOST_AUTO_TEST_CASE(terms_match_a_direct_double_evaluation) {
    using C = std::complex<double>;
    const std::vector<double> a{1.5, -0.25, 2.0, 0.75, -1.0}, b{0.5, 1.25, -0.5, 0.0, 2.5};
    const std::vector<double> g{1.0, 0.3, 0.07, 0.011, 0.002};
    ropecheck::numeric::PrecisionGuard guard(128);
    ropecheck::rope::ChunkCoefficients<interval> c;
    std::vector<interval> freqs;
    for (std::size_t k = 0; k < a.size(); ++k) {
        c.aligned.emplace_back(a[k]);
        c.cross.emplace_back(b[k]);
        freqs.emplace_back(g[k]);
    }
    const auto weights = support::abel_weights(c);
    const std::size_t n = a.size();
    for (std::int64_t r : {0, 1, 7, 123, 4000}) {
        std::vector<C> h(n + 2, C(0)), e(n), s(n + 2, C(0));  // 1-based h[1..n+1] (h[n+1] = 0) and S[1..n+1]
        for (std::size_t k = 1; k <= n; ++k) {
            h[k] = C(a[k - 1], -b[k - 1]);
            e[k - 1] = std::polar(1.0, static_cast<double>(r) * g[k - 1]);
        }
        C lhs(0), abel(0);
        for (std::size_t k = 1; k <= n; ++k) lhs += h[k] * e[k - 1];
        for (std::size_t k = 2; k <= n + 1; ++k) s[k] = s[k - 1] + e[k - 2];
        double step = 0, sum_s = 0, sum_literal = 0, abel_sum = 0;
        for (std::size_t k = 1; k <= n; ++k) step = std::max(step, std::abs(h[k + 1] - h[k]));
        for (std::size_t k = 2; k <= n + 1; ++k) {
            abel += (h[k - 1] - h[k]) * s[k];
            sum_s += std::abs(s[k]);
            abel_sum += std::abs(h[k] - h[k - 1]) * std::abs(s[k]);
        }
        for (std::size_t k = 1; k <= n; ++k) sum_literal += std::abs(s[k]);
        BOOST_TEST_CONTEXT("r = " << r) {
            BOOST_TEST(std::abs(lhs - abel) < 1e-9);
            const auto t = support::abel_terms(weights, freqs, r);
            auto near = [](const interval& x, double v) {
                return std::abs(static_cast<double>(ropecheck::numeric::lower_bound(x)) - v) < 1e-9 * (1 + std::abs(v));
            };
            BOOST_TEST(near(t.modulus, std::abs(lhs)));
            BOOST_TEST(near(t.real_part, lhs.real()));  // a(r) = Re sum h_k e^{i r g_k}
            BOOST_TEST(near(t.bound, step * sum_s));
            BOOST_TEST(near(t.abel_sum, abel_sum));
            BOOST_TEST(near(t.literal, step * sum_literal));
            BOOST_TEST(near(weights.largest_step, step));
        }
    }
}

// The literal 1-based index range sum_{k=1}^{d/2} |S_k| leaves out S_{d/2+1}: at d = 4 with
// q = k = 1 and r = 0 it gives 2 * |S_2| = 2 < |a(0)| = 4; at d = 2 it gives 0.
BOOST_AUTO_TEST_CASE(literal_index_range_is_false) {
    const auto r = run_check("su-decay-bound", grid(4, "ones", 20));
    BOOST_TEST(to_string(r.verdict) == "certified");
    BOOST_TEST(r.evidence["literal_index_form_first_violation"].get<int>() == 0);
    ropecheck::numeric::PrecisionGuard guard(128);
    ropecheck::rope::ChunkCoefficients<interval> c{{interval(3)}, {interval(1)}};
    const auto t = support::abel_terms(support::abel_weights(c), {interval(1)}, 5);
    BOOST_TEST(ropecheck::numeric::certainly_negative(t.literal - t.modulus));
    BOOST_TEST(!ropecheck::numeric::certainly_positive(t.bound - t.modulus));  // an equality at d = 2
}

// The literal-index control runs the same MPFI scan with the literal 1-based range. For q = k = 1
// at d = 4 (h_k = 2, n = 2) the literal bound 2 |S_2| = 2 is below |sum| = 2 |S_3| =
// 2 |1 + e^{i r (g_2 - g_1)}| exactly where cos(r (g_1 - g_2)) > -1/2: every such distance
// must be found, and no other.
BOOST_AUTO_TEST_CASE(literal_index_control_is_refuted_where_derived) {
    for (const char* theta : {"10000", "500000"}) {
        json p = grid(4, "ones", 300);
        p["theta"] = theta;
        p["control"] = "literal-index-range";
        const auto r = run_check("su-decay-bound", p);
        const double relative = 1 - 1 / std::sqrt(std::stod(theta));  // g_1 - g_2, g_2 = theta^(-1/2)
        int expected = 0;
        for (int distance = 0; distance <= 300; ++distance) {
            const double c = std::cos(distance * relative);
            BOOST_REQUIRE(std::abs(c + 0.5) > 1e-6);  // no distance near the boundary
            if (c > -0.5) ++expected;
        }
        BOOST_TEST_CONTEXT("theta = " << theta) {
            BOOST_TEST(to_string(r.verdict) == "refuted");
            BOOST_REQUIRE(r.counterexample.has_value());
            BOOST_TEST(r.counterexample->kind == "the literal-index Abel bound fails");
            BOOST_TEST(r.evidence["literal_index_form_violations"].get<int>() == expected);
            BOOST_TEST(expected < 301);  // the scan also sees distances where the literal form holds
        }
    }
    // Gaussian pairs at d = 4: refuted where the relative phase lines the two terms up.
    json gaussian = grid(4, "gaussian", 300);
    gaussian["control"] = "literal-index-range";
    for (std::uint64_t seed : {1u, 2u, 3u, 7u}) {
        const auto r = run_check("su-decay-bound", gaussian, 128, seed);
        BOOST_TEST(to_string(r.verdict) == "refuted", "seed " << seed);
    }
    // For q = k = 1 and n >= 3 the literal form holds (|S_{n+1}| <= |S_n| + |S_2|): certified.
    json wide = grid(8, "ones", 300);
    wide["control"] = "literal-index-range";
    BOOST_TEST(to_string(run_check("su-decay-bound", wide).verdict) == "certified");
}

BOOST_AUTO_TEST_CASE(figure_2a_fit_values) {
    const auto r = run_check("su-decay-bound", grid(4, "ones", 2));
    const json& points = r.evidence["figure_2a_fit"]["points"];
    BOOST_TEST(points.size() == 2u);
    // (2/1024) sum_k cos(r g_k), theta = 10^4: 0.43679634.. at r = 100, 0.19540775.. at r = 1000.
    BOOST_TEST(points[0]["ours"].get<std::string>().find("4.36796343") != std::string::npos);
    BOOST_TEST(points[1]["ours"].get<std::string>().find("1.95407752") != std::string::npos);
    // The pinned second route, cross-checked with mpmath (docs/claims-group-a.md).
    BOOST_TEST(points[0]["reference"].get<std::string>().find("4.367963435") != std::string::npos);
    BOOST_TEST(points[1]["reference"].get<std::string>().find("1.954077528") != std::string::npos);
    json off = grid(4, "ones", 2);
    off["fit_at_1000"] = "0.25";
    const auto bad = run_check("su-decay-bound", off);
    BOOST_TEST(to_string(bad.verdict) == "refuted");
    BOOST_REQUIRE(bad.counterexample.has_value());
    BOOST_TEST(bad.counterexample->kind == "the stated fit does not reproduce Figure 2a");
    BOOST_TEST(bad.counterexample->replay["inputs"]["distance"].get<int>() == 1000);
}

BOOST_AUTO_TEST_CASE(belief_is_refuted_by_the_shrunk_pair) {
    json p = grid(64, "ones", 40);
    p["control"] = "decreasing-belief";
    const auto r = run_check("su-decay-bound", p);
    BOOST_TEST(to_string(r.verdict) == "refuted");
    BOOST_REQUIRE(r.counterexample.has_value());
    const json& in = r.counterexample->replay["inputs"];
    BOOST_TEST(in["head_dim"].get<int>() == 2);
    BOOST_TEST(in["r1"].get<int>() == 1);  // |a(3)| = 2|cos 3| > |a(1)| = 2 cos 1, not > |a(0)| = 2
    BOOST_TEST(in["r2"].get<int>() == 3);
    BOOST_TEST(r.counterexample->replay["version"].get<int>() == 3);  // replay records, version 3 (reports/README.md)
    BOOST_TEST(r.counterexample->replay["kind"].get<std::string>() == "claim");
    BOOST_TEST(r.counterexample->replay.contains("shrink"));
    // At the natural d = 64 the first increase is |a(6)| > |a(5)|.
    BOOST_TEST(r.evidence["first_pair_at_head_dim"]["r2"].get<int>() == 6);
    BOOST_TEST(r.evidence["first_pair_at_head_dim"]["r1"].get<int>() == 5);
}

// Brute force in double over every candidate, in the shrinker's order (d, then r2, then
// r1): the first pair whose increase exceeds a small guard, and no earlier candidate
// within the guard of being one (so double rounding cannot flip the answer).
struct BrutePair {
    bool found = false;
    std::int64_t r1 = 0, r2 = 0;
    bool ambiguous = false;
};

BrutePair brute_force(const std::string& theta, int d, std::int64_t max_distance) {
    const double base = std::stod(theta);
    std::vector<double> v;
    for (std::int64_t r = 0; r <= max_distance; ++r) {
        double s = 0;
        for (int k = 0; k < d / 2; ++k) s += 2 * std::cos(static_cast<double>(r) * std::pow(base, -2.0 * k / d));
        v.push_back(std::abs(s));
    }
    BrutePair out;
    for (std::int64_t r2 = 1; r2 <= max_distance; ++r2)
        for (std::int64_t r1 = 0; r1 < r2; ++r1) {
            const double diff = v[static_cast<std::size_t>(r2)] - v[static_cast<std::size_t>(r1)];
            if (std::abs(diff) < 1e-9) out.ambiguous = true;
            if (diff > 0) {
                out.found = true;
                out.r1 = r1;
                out.r2 = r2;
                return out;
            }
        }
    return out;
}

BOOST_AUTO_TEST_CASE(shrinker_answer_is_minimal_by_brute_force) {
    ropecheck::numeric::PrecisionGuard guard(128);
    for (const char* theta : {"10000", "500000", "100"})
        for (int d : {2, 4, 6, 8, 16, 32, 64}) {
            const auto ours = support::first_increase_all_ones(theta, d, 80);
            const auto brute = brute_force(theta, d, 80);
            BOOST_TEST_CONTEXT("theta = " << theta << ", d = " << d) {
                BOOST_REQUIRE(!brute.ambiguous);
                BOOST_TEST((ours.outcome == support::FirstIncrease::Outcome::found) == brute.found);
                BOOST_TEST(ours.r1 == brute.r1);
                BOOST_TEST(ours.r2 == brute.r2);
            }
        }
    // The dimension order: with r2 <= 2 no d up to 12 has a pair (brute force agrees),
    // so every d is excluded in turn; with r2 <= 3, d = 2 is the answer.
    const auto none = support::shrink_increase_all_ones("10000", 12, 2);
    BOOST_TEST(none.head_dim == 0);
    BOOST_TEST(none.excluded == (std::vector<int>{2, 4, 6, 8, 10, 12}));
    for (int d = 2; d <= 12; d += 2) BOOST_TEST(!brute_force("10000", d, 2).found);
    const auto found = support::shrink_increase_all_ones("10000", 12, 3);
    BOOST_TEST(found.head_dim == 2);
    BOOST_TEST(found.pair.r1 == 1);
    BOOST_TEST(found.pair.r2 == 3);
}

BOOST_AUTO_TEST_CASE(bad_parameters_are_rejected) {
    using ropecheck::InvalidInput;
    using ropecheck::test::validate_check;
    BOOST_CHECK_THROW(validate_check("su-decay-bound", grid(2, "gaussian")), InvalidInput);  // equality at d = 2
    BOOST_CHECK_THROW(validate_check("su-decay-bound", grid(7, "gaussian")), InvalidInput);
    BOOST_CHECK_THROW(validate_check("su-decay-bound", grid(8, "uniform")), InvalidInput);
    BOOST_CHECK_THROW(validate_check("su-decay-bound", grid(8, "ones", -1)), InvalidInput);
    json theta = grid(8, "ones");
    theta["theta"] = "1";
    BOOST_CHECK_THROW(validate_check("su-decay-bound", theta), InvalidInput);
    json tol = grid(8, "ones");
    tol["fit_tolerance"] = "0";
    BOOST_CHECK_THROW(validate_check("su-decay-bound", tol), InvalidInput);
    json search = grid(8, "ones");
    search["control"] = "decreasing-belief";
    search["search_max_head_dim"] = 7;
    BOOST_CHECK_THROW(validate_check("su-decay-bound", search), InvalidInput);
    json literal = grid(2, "ones");
    literal["control"] = "literal-index-range";
    BOOST_CHECK_THROW(validate_check("su-decay-bound", literal), InvalidInput);
    json unknown = grid(8, "ones");
    unknown["control"] = "literal";
    BOOST_CHECK_THROW(validate_check("su-decay-bound", unknown), InvalidInput);
    // d = 2 is fine for the belief search, whose natural d only feeds the evidence.
    json belief = grid(2, "ones");
    belief["control"] = "decreasing-belief";
    BOOST_CHECK_NO_THROW(validate_check("su-decay-bound", belief));
}

BOOST_AUTO_TEST_SUITE_END()
