// Shared by the report tests (each declares what it uses): a hand-built run
// covering every shape a report has to show, and scratch directories.
#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

#include "ropecheck/core/run_result.hpp"

namespace ropecheck::report::test {

using core::json;
using core::Verdict;

namespace {

core::ClaimOutcome outcome(const std::string& claim_id, const std::string& variant,
                           Verdict expected, Verdict actual) {
    core::ClaimOutcome c;
    c.claim_id = claim_id;
    c.variant = variant;
    c.run_id = claim_id;
    c.source = "Section 3";
    c.statement = "statement of " + claim_id;
    c.check = "kernel_bound";
    c.precision_bits = 256;
    c.expected = expected;
    c.actual = actual;
    c.ok = core::meets_expectation(expected, actual);
    return c;
}

core::Counterexample counterexample(const std::string& r) {
    core::Counterexample ce;
    ce.kind = "a distance beats the target";
    ce.inputs = {{"r", r}, {"theta", "10000"}};
    ce.claimed = "|q^T R^r k| < 0.5";
    ce.computed = "0.51234";
    ce.replay = json{{"check", "kernel_bound"}, {"inputs", {{"r", r}, {"theta", "10000"}}},
                     {"precision_bits", 256}, {"seed", 42}};
    return ce;
}

}  // namespace

core::RunResult sample_run() {
    core::RunResult run;
    run.tool_version = "0.1.0";
    run.parameters.profile = "ci";
    run.parameters.claim_globs = {"prop-*", "thm-*"};
    run.parameters.seed = 42;

    auto certified = outcome("prop-3.1", "claim", Verdict::certified, Verdict::certified);
    certified.title = R"(Kernel bound <q, R k> & "max" isn't exceeded)";
    certified.instances = 3;
    certified.verdict_counts = {{"certified", 3}};
    certified.message = "all distances certified";
    certified.smallest_margin = core::Margin{"0.0123", "0.0124", "r = 355"};
    certified.smallest_margin_instance = 2;
    certified.smallest_margin_parameters = json{{"theta", "10000"}, {"head_dim", 64}};
    certified.evidence = json::array({json{{"worst_r", 12}}, json{{"worst_r", 40}},
                                      json{{"worst_r", 355}}});

    auto negative = outcome("prop-3.1", "negative", Verdict::refuted, Verdict::refuted);
    negative.negative = "target-halved";
    negative.run_id = "prop-3.1/negative/target-halved";
    negative.title = "Kernel bound, target halved";
    negative.statement = "the bound with half the target";
    negative.instances = 2;
    negative.verdict_counts = {{"refuted", 2}};
    negative.message = "r = 355 beats the target";
    negative.counterexample = counterexample("355");
    negative.counterexample_instance = 0;
    negative.counterexample_parameters = json{{"theta", "10000"}};
    negative.evidence = json::array(
        {json{{"instance", 0}, {"parameters", {{"theta", "10000"}}}, {"verdict", "refuted"}, {"message", "r = 355"}},
         json{{"instance", 1}, {"parameters", {{"theta", "500000"}}}, {"verdict", "refuted"}, {"message", "r = 22"}}});

    // A negative control one of whose instances escaped: not ok, named.
    auto escaped = outcome("prop-3.1", "negative", Verdict::refuted, Verdict::certified);
    escaped.negative = "wrong-key";
    escaped.run_id = "prop-3.1/negative/wrong-key";
    escaped.title = "Kernel bound, target halved";
    escaped.statement = "a key built for the wrong distance";
    escaped.instances = 2;
    escaped.verdict_counts = {{"refuted", 1}, {"certified", 1}};
    escaped.message = "1 of 2 instances not refuted; first: instance 1 certified: gap >= 0.3";
    escaped.evidence = json::array(
        {json{{"instance", 0}, {"parameters", {{"head_dim", 8}}}, {"verdict", "refuted"}, {"message", "r = 4"}},
         json{{"instance", 1}, {"parameters", {{"head_dim", 2}}}, {"verdict", "certified"}, {"message", "gap >= 0.3"}}});
    escaped.failed_instances = {core::FailedInstance{1, json{{"head_dim", 2}}, Verdict::certified, "gap >= 0.3"}};
    escaped.ok = false;

    auto wrong = outcome("prop-4.2", "claim", Verdict::holds, Verdict::refuted);
    wrong.title = "Semantic channel | stays aligned";
    wrong.instances = 1;
    wrong.verdict_counts = {{"refuted", 1}};
    wrong.message = "r = 7919 breaks the channel";
    wrong.counterexample = counterexample("7919");
    wrong.counterexample_instance = 0;
    wrong.counterexample_parameters = json{{"theta", "500000"}};
    wrong.evidence = json::array({json{{"refuted_at", 7919}}});

    auto unknown = outcome("thm-5.1", "claim", Verdict::certified, Verdict::inconclusive);
    unknown.title = "Softmax concentrates";
    unknown.instances = 4;
    unknown.verdict_counts = {{"certified", 3}, {"inconclusive", 1}};
    unknown.message = "margin 1e-80 is below what 256 bits can decide";
    unknown.smallest_margin = core::Margin{"-0.0000001", "0.0000001", "r = 2^20"};
    unknown.smallest_margin_instance = 3;
    unknown.smallest_margin_parameters = json{{"context", 1048576}};
    unknown.evidence = json::array({json::object(), json::object(), json::object(),
                                    json::object()});

    auto broken = outcome("thm-6.1", "claim", Verdict::holds, Verdict::error);
    broken.title = "Partial rotary is safe";
    broken.instances = 1;
    broken.verdict_counts = {{"error", 1}};
    broken.message = "head_dim must be even, got 63";
    broken.evidence = json::array({json::object()});

    run.claims = {certified, negative, escaped, wrong, unknown, broken};
    run.timing.jobs = 4;
    run.timing.total_seconds = 1.25;
    for (const auto& c : run.claims) run.timing.claim_seconds[c.run_id] = 0.25;
    return run;
}

// A fresh, empty directory under the system temporary directory.
std::filesystem::path make_scratch_directory() {
    std::string pattern = (std::filesystem::temp_directory_path() / "ropecheck-report-XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr)
        throw std::runtime_error("mkdtemp failed for " + pattern);
    return pattern;
}

// Names in `dir`, sorted, so a test can compare against an exact list.
std::vector<std::string> directory_entries(const std::filesystem::path& dir) {
    std::vector<std::string> names;
    for (const auto& entry : std::filesystem::directory_iterator(dir))
        names.push_back(entry.path().filename().string());
    std::sort(names.begin(), names.end());
    return names;
}

}  // namespace ropecheck::report::test
