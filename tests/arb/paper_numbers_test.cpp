// paper-numbers: every formula row's certified value ("ours") and the two
// apostrophe-head products, recomputed in Arb from the formulas (docs/claims-group-a.md, section 8).
// (The Appendix E table rows compare printed decimals only; nothing to enclose.)
#include <boost/test/unit_test.hpp>

#include <functional>
#include <map>

#include "arb_rope.hpp"
#include "claim_runs.hpp"
#include "cross_check.hpp"

using namespace ropecheck;
using namespace ropecheck::arbcheck;

namespace {

Ball g119(std::int64_t exponent = 236) { return theta_power("10000", exponent, 256); }
Ball gemma_lowest() { return theta_power("10000", 254, 256); }
Ball two_pi() { return mul_si(Ball::pi(), 2); }
Ball product(const char* q0, const char* q1, const char* k0, const char* k1) {
    return add(mul(Ball::decimal(q0), Ball::decimal(k0)), mul(Ball::decimal(q1), Ball::decimal(k1)));
}

const std::map<std::string, std::function<Ball()>>& formulas() {
    static const std::map<std::string, std::function<Ball()>> f{
        {"gemma-band-onset", [] { return pow(Ball::integer(10000), neg(Ball::decimal("0.8"))); }},
        {"llama-3.1-band", [] { return theta_power("500000", 40, 64); }},
        {"rotations-128k", [] { return div(div(Ball::integer(128000), Ball::integer(10000)), two_pi()); }},
        {"gemma-g119", [] { return g119(); }},
        {"gemma-g119-3-digits", [] { return g119(); }},
        {"gemma-8000-g119", [] { return mul_si(g119(), 8000); }},
        {"gemma-8000-g119-quarter-turn", [] { return div(mul_si(g119(), 8000), div(Ball::pi(), Ball::integer(2))); }},
        {"gemma-lowest-frequency", [] { return gemma_lowest(); }},
        {"gemma-lowest-wavelength", [] { return div(two_pi(), gemma_lowest()); }},
        {"one-radian-lowest", [] { return div(Ball::integer(1), gemma_lowest()); }},
        {"one-radian-highest", [] { return div(Ball::integer(1), theta_power("10000", 0, 256)); }},
        {"gemma-chunks-per-head", [] { return Ball::integer(256 / 2); }},
        {"apostrophe-other", [] { return product("-4.1", "11.3", "11.2", "-3.5"); }},
        {"apostrophe-bos", [] { return product("-4.1", "11.3", "-2.5", "1.3"); }},
    };
    return f;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(arb_paper_numbers)

BOOST_AUTO_TEST_CASE(formula_rows_agree) {
    const auto instances = ci_instances("paper-numbers", "claim",
                                        [](const core::Parameters& p) { return formulas().count(p.text("row")) > 0; });
    BOOST_TEST(instances.size() == formulas().size());
    for (const auto& instance : instances) {
        const std::string row = instance.params.text("row");
        const auto result = run_instance(instance);
        BOOST_TEST(to_string(result.verdict) == "certified", row);
        expect_agree_text("paper-numbers", "formula rows and quoted products (\"ours\")", row, formulas().at(row)(),
                          result.evidence["ours"].get<std::string>());
    }
}

BOOST_AUTO_TEST_CASE(perturbed_exponent_is_disjoint) {
    const auto instance = ci_instances("paper-numbers", "claim",
                                       [](const core::Parameters& p) { return p.text("row") == "gemma-g119"; }).front();
    const auto result = run_instance(instance);
    // g_120's exponent (238/256) for g_119's (236/256): the k - 1 slip.
    expect_disjoint("paper number (exponent 238/256 for 236/256)", "gemma-g119", g119(238),
                    from_enclosure_text(result.evidence["ours"].get<std::string>()));
}

BOOST_AUTO_TEST_SUITE_END()
