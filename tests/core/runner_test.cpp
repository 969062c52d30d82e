// The runner with small fake checks: determinism across thread counts,
// exceptions becoming `error`, validation before running, and folding.
#include <boost/test/unit_test.hpp>

#include "ropecheck/core/counter_rng.hpp"
#include "ropecheck/core/runner.hpp"
#include "ropecheck/numeric/invalid_input.hpp"
#include "ropecheck/numeric/precision_guard.hpp"

using namespace ropecheck::core;
using ropecheck::InvalidInput;

namespace {

// Refutes instances whose random draw falls below `threshold`, certifies the rest.
class CoinCheck final : public Check {
public:
    std::string name() const override { return "coin"; }
    std::vector<ParameterSpec> parameters() const override {
        return {{"n", ParameterKind::integer, "index"},
                {"threshold", ParameterKind::decimal, "refute below", false, "0"},
                {"throw", ParameterKind::boolean, "throw from run", false, false}};
    }
    void validate(const Parameters& p) const override {
        if (p.integer("n") < 0) throw InvalidInput("n must be >= 0");
    }
    InstanceResult run(const Instance& instance) const override {
        if (instance.params.boolean("throw")) throw std::runtime_error("boom");
        CounterRng rng(instance.seed);
        const double u = rng.uniform_open();
        InstanceResult r;
        r.verdict = u < std::stod(instance.params.decimal("threshold")) ? Verdict::refuted : Verdict::certified;
        r.message = "u = " + std::to_string(u);
        r.margin = Margin{std::to_string(u), std::to_string(u), "n = " + std::to_string(instance.params.integer("n"))};
        r.evidence["precision_seen"] = ropecheck::numeric::current_precision_bits() >= instance.precision_bits;
        if (r.verdict == Verdict::refuted) r.counterexample = Counterexample{"coin", {{"u", r.message}}, "", "", {}};
        return r;
    }
};

ClaimSpec coin_spec(const std::string& id, json threshold, Verdict expected) {
    ClaimSpec s;
    s.id = id;
    s.file = id + ".toml";
    s.check = "coin";
    s.expected = expected;
    std::vector<json> ns;
    for (int i = 0; i < 40; ++i) ns.push_back(i);
    s.profiles["ci"] = {{"n", ns}, {"threshold", {std::move(threshold)}}};
    NegativeControl always;
    always.name = "always";
    always.overrides = {{"threshold", {"1.5"}}};  // every draw refutes
    s.negatives = {always};
    return s;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(runner)

BOOST_AUTO_TEST_CASE(results_do_not_depend_on_thread_count) {
    CheckRegistry registry;
    registry.add(std::make_unique<CoinCheck>());
    const std::vector<ClaimSpec> specs{coin_spec("a", "0.3", Verdict::refuted), coin_spec("b", "0", Verdict::certified)};
    RunParameters params;
    params.seed = 99;
    const auto plan = plan_run(specs, registry, params);
    BOOST_REQUIRE_EQUAL(plan.size(), 4u);
    const auto one = run_plan(plan, params, 1);
    const auto two = run_plan(plan, params, 2);
    BOOST_REQUIRE_EQUAL(one.claims.size(), two.claims.size());
    for (std::size_t i = 0; i < one.claims.size(); ++i) {
        BOOST_TEST(one.claims[i].run_id == two.claims[i].run_id);
        BOOST_TEST(to_string(one.claims[i].actual) == to_string(two.claims[i].actual));
        BOOST_TEST(one.claims[i].evidence.dump() == two.claims[i].evidence.dump());
        BOOST_TEST((one.claims[i].counterexample_instance == two.claims[i].counterexample_instance));
        BOOST_TEST((one.claims[i].smallest_margin_instance == two.claims[i].smallest_margin_instance));
    }
    // Claim a refutes (some u < 0.3), its counterexample is the smallest refuted instance.
    BOOST_TEST(one.claims[0].run_id == "a");
    BOOST_TEST(to_string(one.claims[0].actual) == "refuted");
    BOOST_TEST(one.claims[0].ok);
    std::size_t first_refuted = 0;
    while (one.claims[0].evidence[first_refuted]["verdict"] != "refuted") ++first_refuted;
    BOOST_TEST(*one.claims[0].counterexample_instance == first_refuted);
    BOOST_TEST(one.claims[1].run_id == "a/negative/always");
    BOOST_TEST(one.claims[1].negative == "always");
    BOOST_TEST(one.claims[1].ok);
    BOOST_TEST(one.claims[1].failed_instances.empty());
    BOOST_TEST(to_string(one.claims[2].actual) == "certified");
    BOOST_TEST(one.all_ok());
    // The smallest margin is the smallest u of all instances.
    for (const auto& e : one.claims[2].evidence) BOOST_TEST(e["evidence"]["precision_seen"].get<bool>());
}

BOOST_AUTO_TEST_CASE(exceptions_become_error_and_never_pass) {
    CheckRegistry registry;
    registry.add(std::make_unique<CoinCheck>());
    auto spec = coin_spec("c", "0", Verdict::certified);
    spec.profiles["ci"].push_back({"throw", {false, true}});
    RunParameters params;
    const auto run = run_plan(plan_run({spec}, registry, params), params, 2);
    BOOST_TEST(to_string(run.claims[0].actual) == "error");
    BOOST_TEST(!run.claims[0].ok);
    BOOST_TEST(run.claims[0].message.find("boom") != std::string::npos);
    BOOST_TEST(!run.all_ok());
}

BOOST_AUTO_TEST_CASE(planning_rejects_bad_input_before_running) {
    CheckRegistry registry;
    registry.add(std::make_unique<CoinCheck>());
    auto bad = coin_spec("d", "0", Verdict::certified);
    bad.profiles["ci"][0].second.push_back(-1);
    RunParameters params;
    BOOST_CHECK_THROW(plan_run({bad}, registry, params), InvalidInput);
    auto unknown = coin_spec("e", "0", Verdict::certified);
    unknown.check = "nope";
    BOOST_CHECK_THROW(plan_run({unknown}, registry, params), InvalidInput);
    params.claim_globs = {"zzz*"};
    BOOST_CHECK_THROW(plan_run({coin_spec("f", "0", Verdict::certified)}, registry, params), InvalidInput);
    params.claim_globs = {"*"};
    params.precision_override = 40;
    BOOST_CHECK_THROW(plan_run({coin_spec("g", "0", Verdict::certified)}, registry, params), InvalidInput);
}

// A negative control is a test of the check, instance by instance: one
// refuted instance does not make it refuted when the others escape.
BOOST_AUTO_TEST_CASE(a_negative_is_refuted_only_when_every_instance_is) {
    CheckRegistry registry;
    registry.add(std::make_unique<CoinCheck>());
    auto spec = coin_spec("h", "0", Verdict::certified);
    NegativeControl some;
    some.name = "some";
    some.overrides = {{"threshold", {"0.5"}}};  // about half the 40 draws refute
    spec.negatives.push_back(some);
    RunParameters params;
    params.seed = 7;
    const auto run = run_plan(plan_run({spec}, registry, params), params, 2);
    BOOST_REQUIRE_EQUAL(run.claims.size(), 3u);
    const ClaimOutcome& all = run.claims[1];
    const ClaimOutcome& half = run.claims[2];
    BOOST_TEST(all.run_id == "h/negative/always");
    BOOST_TEST(half.run_id == "h/negative/some");
    BOOST_TEST(all.ok);
    // Count the escaped instances independently, from the evidence.
    std::size_t refuted = 0;
    std::vector<std::size_t> escaped;
    for (const auto& e : half.evidence) {
        if (e["verdict"] == "refuted") ++refuted;
        else escaped.push_back(e["instance"].get<std::size_t>());
    }
    BOOST_REQUIRE(refuted > 0u);
    BOOST_REQUIRE(!escaped.empty());
    BOOST_TEST(!half.ok);
    BOOST_TEST(to_string(half.actual) == "certified");  // the false statement was certified somewhere
    BOOST_REQUIRE_EQUAL(half.failed_instances.size(), escaped.size());
    for (std::size_t i = 0; i < escaped.size(); ++i) {
        BOOST_TEST(half.failed_instances[i].index == escaped[i]);
        BOOST_TEST(to_string(half.failed_instances[i].verdict) == "certified");
        BOOST_TEST(half.failed_instances[i].parameters["n"].get<int>() == static_cast<int>(escaped[i]));
    }
    BOOST_TEST(half.message.find(std::to_string(escaped.size()) + " of 40 instances not refuted") != std::string::npos);
    BOOST_TEST(!run.all_ok());
}

BOOST_AUTO_TEST_CASE(negatives_draw_their_own_streams_and_the_claim_keeps_its_own) {
    CheckRegistry registry;
    registry.add(std::make_unique<CoinCheck>());
    auto spec = coin_spec("i", "0", Verdict::certified);
    RunParameters params;
    const auto plan = plan_run({spec}, registry, params);
    BOOST_REQUIRE_EQUAL(plan.size(), 2u);
    BOOST_TEST(plan[0].instances[3].seed == derive_seed(0, "i", "claim", 3));
    BOOST_TEST(plan[1].instances[3].seed == derive_seed(0, "i", "negative/always", 3));
    BOOST_TEST(plan[1].instances[3].negative == "always");
}

BOOST_AUTO_TEST_CASE(globs_select_claims) {
    BOOST_TEST(matches_any("prop-3.1", {"prop-3.*"}));
    BOOST_TEST(matches_any("thm-5.3", {"prop-*", "thm-?.3"}));
    BOOST_TEST(!matches_any("thm-5.3", {"prop-*"}));
}

BOOST_AUTO_TEST_SUITE_END()
