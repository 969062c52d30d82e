// The sweep filter's block evaluators, distance by distance, against an
// independent 384-bit evaluation of the series' definitions (bound_audit.hpp):
// every enclosure must contain the exact value, and for each term of the error
// bound (error_bound.hpp) a case below must NEED it, i.e. the actual error
// there exceeds the bound without that term, so that a bound missing the term
// fails this test. Terms that no input can make necessary are listed by the
// `terms_no_case_needs` test's message (they hold the proof together at a size
// no measurement can tell from zero).
//
// Cases: near-returns of g = 1 (r near 2 pi q: the numerators of 2 pi's
// convergents up to 2^31, and the brief's list from pi's, whose odd ones are
// half-turns, t near +-1/2); RoPE schedules at random distances up to 2^31;
// huge weights and cancelling huge coefficients; wide enclosures (53-bit
// schedules, explicitly wide coefficients); a sum built to lose a whole ulp
// per term; subnormal and overflowing coefficients.
#include <boost/test/unit_test.hpp>

#include <random>
#include <sstream>

#include "../support/test_multiplier.hpp"
#include "bound_audit.hpp"
#include "ropecheck/numeric/certainty.hpp"
#include "ropecheck/numeric/precision_guard.hpp"
#include "ropecheck/rope/frequency_schedule.hpp"
#include "ropecheck/sweep/sweep.hpp"

using namespace ropecheck;
using numeric::interval;
using test::SeriesCase;
namespace sd = sweep::detail;
using Term = sd::BoundTerm;

namespace {


// r g_1 close to a multiple of 2 pi (full turns), from the convergents of 2 pi,
// and the numerators of pi's convergents (the odd ones: half-turns).
const std::vector<std::int64_t> near_returns{
    355,     710,     103993,   104348,    208341,    312689,     833719,     1146408,
    1980127, 2292816, 4272943,  10838702,  80143857,  411557987,  2137933792};

std::vector<std::pair<std::int64_t, int>> around(const std::vector<std::int64_t>& centres, int half) {
    std::vector<std::pair<std::int64_t, int>> blocks;
    for (std::int64_t r : centres) {
        const std::int64_t last = std::min<std::int64_t>(r + half, sd::max_fast_distance);
        blocks.emplace_back(last - 2 * half, 2 * half + 1);
        blocks.emplace_back(-last, 2 * half + 1);
    }
    return blocks;
}

std::vector<std::pair<std::int64_t, int>> random_blocks(std::mt19937_64& rng, int n, int count) {
    std::uniform_int_distribution<std::int64_t> pick(-sd::max_fast_distance, sd::max_fast_distance - count);
    std::vector<std::pair<std::int64_t, int>> blocks;
    for (int i = 0; i < n; ++i) blocks.emplace_back(pick(rng), count);
    return blocks;
}

std::vector<std::pair<std::int64_t, int>> join(std::vector<std::pair<std::int64_t, int>> a,
                                                const std::vector<std::pair<std::int64_t, int>>& b) {
    a.insert(a.end(), b.begin(), b.end());
    return a;
}

interval enclosure(double lo, double hi) {
    interval x;
    mpfi_interv_d(x.backend().data(), lo, hi);
    return x;
}

interval two_pi() {
    interval x;
    mpfi_const_pi(x.backend().data());
    return x * 2;
}

std::vector<interval> schedule(const char* theta, int d) {
    return rope::FrequencySchedule::rope(theta, d).frequencies<interval>();
}

std::vector<interval> normals(std::mt19937_64& rng, std::size_t n, double scale = 1) {
    std::normal_distribution<double> normal;
    std::vector<interval> out;
    for (std::size_t i = 0; i < n; ++i) out.emplace_back(scale * normal(rng));
    return out;
}

// The denominators q in [from, to] of the convergents of x (x exact at its
// precision, computed at the reference precision): r = q is a near-return of
// the frequency 2 pi x.
std::vector<std::int64_t> convergent_denominators(const interval& x, std::int64_t from, std::int64_t to) {
    mpfr_t y, a, t;
    mpfr_inits2(test::reference_bits, y, a, t, static_cast<mpfr_ptr>(nullptr));
    mpfi_mid(y, x.backend().data());
    std::int64_t q2 = 1, q1 = 0;  // q_{-2}, q_{-1}
    std::vector<std::int64_t> out;
    for (int i = 0; i < 80; ++i) {
        mpfr_floor(a, y);
        const std::int64_t q = mpfr_get_si(a, MPFR_RNDN) * q1 + q2;
        if (q > to) break;
        if (q >= from) out.push_back(q);
        q2 = q1;
        q1 = q;
        mpfr_sub(t, y, a, MPFR_RNDN);
        if (mpfr_zero_p(t)) break;
        mpfr_ui_div(y, 1, t, MPFR_RNDN);
    }
    mpfr_clears(y, a, t, static_cast<mpfr_ptr>(nullptr));
    return out;
}

std::vector<SeriesCase> margin_cases() {
    std::mt19937_64 rng(20241006);
    const int n = 8 * ropecheck::test::test_multiplier();
    std::vector<SeriesCase> cases;
    numeric::PrecisionGuard guard(128);
    const std::vector<std::pair<std::int64_t, int>> edges{{-3, 7}, {sd::max_fast_distance - 4, 5}};
    cases.push_back({"margin g=1 near-returns", true, {interval(1)}, {interval(1)}, {},
                     join(around(near_returns, 2), edges)});
    {
        // g = 2 pi (f1 + f2 + f3) for the split of g = 1: the filter's split of this g is
        // exact (delta ~ 2^-250), so the phase's only absolute error is reduced_phase's
        // rounding of r f3, which phase_rounding alone must cover.
        numeric::PrecisionGuard fine(320);
        const auto s = sd::split_frequency(interval(1));
        const interval g = two_pi() * (interval(s.f1) + interval(s.f2) + interval(s.f3));
        cases.push_back({"margin g=1 with an exact split, near-returns", true, {g}, {interval(1)}, {},
                         around(near_returns, 2)});
    }
    {
        // The same with |f3| near its largest (2^-48 for g ~ 1; g = 1 has 2^-53.6), so that
        // reduced_phase's rounding of r f3 is large; at the convergents of g / (2 pi) beyond 10^6.
        numeric::PrecisionGuard fine(320);
        const auto s = sd::split_frequency(interval(1));
        const double f2 = 0x1.e6b3p-26, f3 = 0x1.fedcba987654p-49;
        const interval f = interval(s.f1) + interval(f2) + interval(f3);
        const interval g = two_pi() * f;
        cases.push_back({"margin large f3 with an exact split, near-returns", true, {g}, {interval(1)}, {},
                         around(convergent_denominators(f, 1000000, sd::max_fast_distance - 2), 2)});
    }
    const auto gemma = schedule("10000", 256);
    cases.push_back({"margin theta=1e4 d=256 unit weights", true, gemma,
                     std::vector<interval>(gemma.size(), interval(1)), {},
                     join(random_blocks(rng, n, 8), around({312689, 2137933792}, 2))});
    {
        const auto g = schedule("10000", 32);
        std::uniform_real_distribution<double> exponent(6, 15);
        std::vector<interval> w;
        for (std::size_t k = 0; k < g.size(); ++k) w.emplace_back(std::pow(10.0, exponent(rng)));
        cases.push_back({"margin huge weights 1e6..1e15", true, g, w, {},
                         join(random_blocks(rng, n, 8), around({103993, 411557987}, 2))});
        cases.push_back({"margin weight 1e15 on g=1, near-returns", true, {interval(1)}, {interval(1e15)}, {},
                         around(near_returns, 1)});
    }
    {
        numeric::PrecisionGuard coarse(53);
        const auto g = schedule("10000", 16);
        cases.push_back({"margin 53-bit frequency enclosures", true, g, std::vector<interval>(g.size(), interval(1)),
                         {}, random_blocks(rng, n, 4), true});
    }
    {
        const auto g = schedule("10000", 8);
        std::vector<interval> w;
        for (std::size_t k = 0; k < g.size(); ++k) w.push_back(enclosure(1 - 0x1p-30, 1 + 0x1p-30));
        cases.push_back({"margin wide weights [1 -+ 2^-30]", true, g, w, {}, random_blocks(rng, n, 4), true});
    }
    {
        // 2 w_0 s_0^2 in [2, 4) and 999 terms each below half its ulp: every one is
        // rounded away, a relative loss near 1000 u / 3 that only gamma_K covers.
        std::vector<interval> g{interval(1)}, w{interval(1.5)};
        for (int k = 1; k < 1000; ++k) {
            g.emplace_back(1 + k * 0x1p-30);
            w.emplace_back(0x1.fcp-54);
        }
        cases.push_back({"margin sum losing an ulp per term", true, g, w, {}, {{0, 32}}});
    }
    cases.push_back({"margin subnormal weight 2^-1060", true, {interval(1)}, {interval(0x1p-1060)}, {},
                     join(around({710, 103993, 312689}, 2), {{1, 16}})});
    // 2 w~ = 1.2e308 is finite but the sum overflows (at r = +-3, 2 w s^2 ~ 1.19e308 each)
    // while the bound does not: the value is inf, and so was the lower bound before.
    cases.push_back({"margin overflowing sum", true, {interval(1), interval(1 + 0x1p-30)},
                     {interval(0.6e308), interval(0.6e308)}, {}, {{-4, 9}, {2137933790, 5}}});
    // 2 w~ itself overflows: inf * 0 = NaN at r = 0.
    cases.push_back({"margin overflowing weights", true, {interval(1)}, {interval(0.9e308)}, {}, {{-2, 5}}});
    return cases;
}

std::vector<SeriesCase> cosine_cases() {
    std::mt19937_64 rng(7);
    const int n = 8 * ropecheck::test::test_multiplier();
    std::vector<SeriesCase> cases;
    numeric::PrecisionGuard guard(128);
    cases.push_back({"cosine g=1 aligned near-returns", false, {interval(1)}, {interval(1)}, {interval(0)},
                     join(around(near_returns, 2), {{-3, 7}, {sd::max_fast_distance - 4, 5}})});
    cases.push_back({"cosine g=1 cross near-returns", false, {interval(1)}, {interval(0.75)}, {interval(-1.25)},
                     around(near_returns, 2)});
    {
        const auto g = schedule("10000", 64);
        cases.push_back({"cosine theta=1e4 d=64 gaussian", false, g, normals(rng, g.size()), normals(rng, g.size()),
                         join(random_blocks(rng, n, 8), around({312689, 2137933792}, 2))});
        const auto llama = schedule("500000", 128);
        cases.push_back({"cosine theta=5e5 d=128 gaussian", false, llama, normals(rng, llama.size()),
                         normals(rng, llama.size()), random_blocks(rng, n, 8)});
    }
    {
        // Equal and opposite huge coefficients on frequencies 2^-40 apart: the
        // sum cancels to ~1e15 r 2^-40 while every term is ~1e15.
        std::vector<interval> g, a, b;
        const std::vector<std::pair<double, double>> scaled{{1.0, 1e15}, {0.25, 1e12}, {1e-2, 1e9}, {1e-4, 1e6}};
        for (const auto& [base, scale] : scaled) {
            for (double sign : {1.0, -1.0}) {
                g.emplace_back(sign > 0 ? base : base * (1 + 0x1p-40));
                a.emplace_back(sign * scale);
                b.emplace_back(-sign * scale * 0.5);
            }
        }
        cases.push_back({"cosine huge cancelling coefficients", false, g, a, b,
                         join(random_blocks(rng, n, 8), join(around({710, 2137933792}, 2), {{-4, 9}}))});
        const auto g16 = schedule("10000", 16);
        std::uniform_real_distribution<double> exponent(6, 15);
        std::vector<interval> ha, hb;
        for (std::size_t k = 0; k < g16.size(); ++k) {
            ha.emplace_back((k % 2 ? -1 : 1) * std::pow(10.0, exponent(rng)));
            hb.emplace_back((k % 3 ? 1 : -1) * std::pow(10.0, exponent(rng)));
        }
        cases.push_back({"cosine huge mixed-sign coefficients", false, g16, ha, hb, random_blocks(rng, n, 8)});
    }
    {
        numeric::PrecisionGuard coarse(53);
        const auto g = schedule("10000", 16);
        cases.push_back({"cosine 53-bit frequency enclosures", false, g, normals(rng, g.size()),
                         normals(rng, g.size()), random_blocks(rng, n, 4), true});
    }
    {
        const auto g = schedule("10000", 8);
        std::vector<interval> a, b;
        for (std::size_t k = 0; k < g.size(); ++k) {
            a.push_back(enclosure(1 - 0x1p-30, 1 + 0x1p-30));
            b.push_back(enclosure(-0.5 - 0x1p-30, -0.5 + 0x1p-30));
        }
        cases.push_back({"cosine wide coefficients [c -+ 2^-30]", false, g, a, b, random_blocks(rng, n, 4), true});
    }
    {
        // acc = 1.5 cos(r) in [1, 2) at r = 0 and where |cos r| >= 2/3, then 1999
        // terms of 0.99 u: each below half an ulp of acc, so each is lost.
        std::vector<interval> g{interval(1)}, a{interval(1.5)}, b{interval(0)};
        for (int k = 1; k < 2000; ++k) {
            g.emplace_back(1 + k * 0x1p-30);
            a.emplace_back(0x1.fcp-54);
            b.emplace_back(0);
        }
        cases.push_back({"cosine sum losing an ulp per term", false, g, a, b, {{0, 16}}});
    }
    cases.push_back({"cosine subnormal coefficients", false, {interval(1)}, {interval(0x1p-1060)},
                     {interval(0x1p-1061)}, join(around({710, 103993}, 2), {{1, 16}})});
    cases.push_back({"cosine overflowing coefficients", false, {interval(1), interval(0x1p-20)},
                     {interval(1e308), interval(1e308)}, {interval(0), interval(0)}, {{-2, 5}}});
    return cases;
}

// Audited once, shared by the test cases below.
const std::vector<test::CaseAudit>& audits() {
    static const std::vector<test::CaseAudit> all = [] {
        std::vector<test::CaseAudit> out;
        for (const auto& c : margin_cases()) out.push_back(test::audit_case(c));
        for (const auto& c : cosine_cases()) out.push_back(test::audit_case(c));
        return out;
    }();
    return all;
}

const test::CaseAudit& audit_named(const std::string& name) {
    for (const auto& a : audits())
        if (a.name == name) return a;
    throw std::logic_error("no case " + name);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(block_evaluator_bound)

// The exact-split case isolates phase_rounding only if its split has no remainder to speak of.
BOOST_AUTO_TEST_CASE(the_exact_split_case_has_no_remainder) {
    for (const auto& c : margin_cases()) {
        if (c.name != "margin g=1 with an exact split, near-returns") continue;
        const auto s = sd::split_frequency(c.g[0]);
        BOOST_TEST_MESSAGE("exact split: delta = " << s.delta << ", f3 = " << s.f3);
        BOOST_TEST(s.delta < 1e-70);
        return;
    }
    BOOST_FAIL("no exact-split case");
}

BOOST_AUTO_TEST_CASE(every_enclosure_holds_the_exact_value) {
    double worst = 0;
    std::string worst_case;
    std::int64_t worst_r = 0;
    for (const auto& a : audits()) {
        BOOST_TEST_MESSAGE(a.name << ": " << a.checked << " points, error/bound " << a.error_over_bound.ratio
                                  << " at r = " << a.error_over_bound.r);
        BOOST_TEST_CONTEXT(a.name) {
            BOOST_TEST(a.checked > 0u);
            BOOST_TEST(a.violations == 0u, "first violation at r = " << a.first_violation);
            BOOST_TEST(a.evaluate_matches_parts);
        }
        if (a.error_over_bound.ratio > worst) {
            worst = a.error_over_bound.ratio;
            worst_case = a.name;
            worst_r = a.error_over_bound.r;
        }
    }
    BOOST_TEST_MESSAGE("worst actual error / bound over all cases: " << worst << " (" << worst_case << ", r = "
                                                                      << worst_r << ")");
    BOOST_TEST(worst <= 1.0);
}

// For each term with a case that needs it: the actual error there exceeds the
// bound without the term (by the factor `at_least`, so that the case keeps
// telling even if the other terms are tightened a little).
BOOST_AUTO_TEST_CASE(each_necessary_term_has_a_case_that_needs_it) {
    struct Need {
        Term term;
        const char* case_name;
        double at_least;
    };
    const std::vector<Need> needs{
        {Term::phase_rounding, "margin large f3 with an exact split, near-returns", 2},
        {Term::frequency_remainder, "margin 53-bit frequency enclosures", 10},
        {Term::coefficients, "margin wide weights [1 -+ 2^-30]", 10},
        {Term::summation, "margin sum losing an ulp per term", 2},
        {Term::underflow, "margin subnormal weight 2^-1060", 10},
        {Term::frequency_remainder, "cosine 53-bit frequency enclosures", 10},
        {Term::coefficients, "cosine wide coefficients [c -+ 2^-30]", 10},
        {Term::summation, "cosine sum losing an ulp per term", 2},
        {Term::underflow, "cosine subnormal coefficients", 10},
    };
    for (const Need& n : needs) {
        const auto& f = audit_named(n.case_name).error_over_bound_without[static_cast<std::size_t>(n.term)];
        BOOST_TEST_MESSAGE(sd::to_string(n.term) << " needed by '" << n.case_name << "': error / (bound without it) "
                                                  << f.ratio << " at r = " << f.r);
        BOOST_TEST_CONTEXT(sd::to_string(n.term) << " in " << n.case_name) { BOOST_TEST(f.ratio > n.at_least); }
    }
}

// The rest: for every term, the case that comes closest to needing it. None
// reaches 1 (the bound holds without it in every tested case); the message is
// the record of which terms are proof obligations no test can observe.
BOOST_AUTO_TEST_CASE(terms_no_case_needs) {
    BOOST_TEST(!audits().empty());
    auto closest = [](bool margin, auto pick) {
        test::Finding best;
        std::string where = "-";
        for (const auto& a : audits()) {
            if (a.margin != margin) continue;
            const test::Finding& f = pick(a);
            if (f.ratio > best.ratio) {
                best = f;
                where = a.name;
            }
        }
        std::ostringstream out;
        out << best.ratio << (best.ratio > 1 ? " NEEDED" : "") << " (" << where << ", r = " << best.r << ")";
        return out.str();
    };
    for (std::size_t t = 0; t < sd::bound_term_count; ++t) {
        auto pick = [t](const test::CaseAudit& a) -> const test::Finding& { return a.error_over_bound_without[t]; };
        BOOST_TEST_MESSAGE(sd::to_string(static_cast<Term>(t)) << ": largest error / (bound without it): margin "
                                                                << closest(true, pick) << "; cosine "
                                                                << closest(false, pick));
    }
    for (std::size_t i = 0; i < test::term_groups().size(); ++i) {
        auto pick = [i](const test::CaseAudit& a) -> const test::Finding& {
            return a.error_over_bound_without_group[i];
        };
        BOOST_TEST_MESSAGE(test::term_groups()[i].name << " at once: margin " << closest(true, pick) << "; cosine "
                                                       << closest(false, pick));
    }
}

// Groups of terms that no single member is needed for, but together are.
BOOST_AUTO_TEST_CASE(term_groups_are_needed_together) {
    const auto& groups = test::term_groups();
    BOOST_REQUIRE(groups.size() == 2u);
    // g = 1's f3 is small (2^-53.6) and so is the rounding of f3 that frequency_remainder
    // carries: only together, and only at r = 2137933792, do the two phase terms tell.
    const auto& near = audit_named("margin g=1 near-returns");
    BOOST_TEST_MESSAGE("g = 1 near-returns without both absolute phase terms: error / bound "
                       << near.error_over_bound_without_group[1].ratio << " at r = "
                       << near.error_over_bound_without_group[1].r);
    BOOST_TEST(near.error_over_bound_without_group[1].ratio > 2, "both absolute phase terms, g = 1");
    const auto& huge = audit_named("margin weight 1e15 on g=1, near-returns");
    BOOST_TEST(huge.error_over_bound_without_group[0].ratio > 1, "every u-scale term, g = 1");
}

// Sweep answers that need the underflow term: S(r) = 2^-1060 cos(r g) with
// r g crossing pi/2 by 1e-6 at r = 1000, so S(1000) ~ -2^-1080 rounds to -0 in
// double. Without the term the filter "certainly" put r = 1000 above 0 and the
// sweep certified 1001.
BOOST_AUTO_TEST_CASE(a_crossing_that_underflows_is_found) {
    numeric::PrecisionGuard guard(128);
    const interval g = (two_pi() / 4 + numeric::enclose_decimal("0.000001")) / 1000;
    const sweep::CosineSeries series{{g}, {interval(0x1p-1060)}, {interval(0)}};
    const auto fast = sweep::first_below(series, interval(0), 1, 2000);
    BOOST_REQUIRE(fast.first.has_value());
    BOOST_TEST(*fast.first == 1000);
    BOOST_TEST(fast.certified);
    sweep::SweepOptions exact;
    exact.exact_only = true;
    BOOST_TEST(sweep::first_below(series, interval(0), 1, 2000, exact).first.value_or(-1) == 1000);
}

BOOST_AUTO_TEST_SUITE_END()
