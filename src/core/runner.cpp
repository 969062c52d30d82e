#include "ropecheck/core/runner.hpp"

#include <fnmatch.h>
#include <omp.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <exception>
#include <mutex>
#include <optional>
#include <set>

#include "ropecheck/core/counter_rng.hpp"
#include "ropecheck/numeric/mutant.hpp"
#include "ropecheck/numeric/invalid_input.hpp"
#include "ropecheck/numeric/precision_guard.hpp"
#include "ropecheck/numeric/types.hpp"

namespace ropecheck::core {

bool matches_any(const std::string& id, const std::vector<std::string>& globs) {
    for (const auto& g : globs)
        if (fnmatch(g.c_str(), id.c_str(), 0) == 0) return true;
    return false;
}

std::vector<PlannedClaim> plan_run(const std::vector<ClaimSpec>& specs, const CheckRegistry& registry,
                                   const RunParameters& parameters) {
    if (parameters.precision_override &&
        (*parameters.precision_override < numeric::min_precision_bits ||
         *parameters.precision_override > numeric::max_precision_bits))
        throw InvalidInput("--precision " + std::to_string(*parameters.precision_override) +
                           " is outside [" + std::to_string(numeric::min_precision_bits) + ", " +
                           std::to_string(numeric::max_precision_bits) +
                           "] bits; below 53 bits the suite cannot represent its own inputs");
    std::vector<PlannedClaim> plan;
    for (const ClaimSpec& spec : specs) {
        if (!matches_any(spec.id, parameters.claim_globs)) continue;
        const Check* check = registry.find(spec.check);
        if (check == nullptr)
            throw InvalidInput(spec.file.string() + ": key \"check\": no check named \"" + spec.check + "\"");
        // The claim first, then its negative controls in spec order.
        std::vector<const NegativeControl*> variants{nullptr};
        for (const NegativeControl& n : spec.negatives) variants.push_back(&n);
        for (const NegativeControl* negative : variants) {
            PlannedClaim planned;
            planned.spec = &spec;
            planned.check = check;
            planned.variant = negative == nullptr ? "claim" : "negative";
            planned.negative = negative == nullptr ? "" : negative->name;
            planned.expected = negative == nullptr ? spec.expected : negative->expected;
            const auto points =
                expand_grid(negative == nullptr ? grid_for(spec, parameters.profile)
                                                : grid_for(spec, parameters.profile, *negative));
            // Each negative control draws its own random stream; the claim's
            // stream is the one it always had.
            const std::string stream = negative == nullptr ? "claim" : "negative/" + negative->name;
            for (std::size_t i = 0; i < points.size(); ++i) {
                const std::string where =
                    spec.file.string() + " [profiles." + parameters.profile + "]" +
                    (negative == nullptr ? "" : " (negative control \"" + negative->name + "\")") +
                    " instance " + std::to_string(i);
                Instance inst;
                inst.claim_id = spec.id;
                inst.variant = planned.variant;
                inst.negative = planned.negative;
                inst.index = i;
                inst.params = conform(points[i], check->parameters(), where);
                try {
                    check->validate(inst.params);
                } catch (const InvalidInput& e) {
                    throw InvalidInput(where + ": " + e.what());
                }
                inst.seed = derive_seed(parameters.seed, spec.id, stream, i);
                inst.precision_bits = parameters.precision_override.value_or(spec.precision_bits);
                planned.instances.push_back(std::move(inst));
            }
            plan.push_back(std::move(planned));
        }
    }
    if (plan.empty()) {
        std::string globs;
        for (const auto& g : parameters.claim_globs) globs += (globs.empty() ? "" : ",") + g;
        throw InvalidInput("--claims \"" + globs + "\" selects no claim");
    }
    return plan;
}

PlannedClaim plan_finding(const ClaimSpec& spec, const Check& check, Parameters params) {
    try {
        check.validate(params);
    } catch (const InvalidInput& e) {
        throw InvalidInput(spec.id + ": " + e.what());
    }
    PlannedClaim planned;
    planned.spec = &spec;
    planned.check = &check;
    planned.variant = "finding";
    Instance inst;
    inst.claim_id = spec.id;
    inst.variant = planned.variant;
    inst.params = std::move(params);
    inst.precision_bits = spec.precision_bits;
    planned.instances.push_back(std::move(inst));
    return planned;
}

namespace {

struct Task {
    std::size_t claim;
    std::size_t instance;
};

InstanceResult run_one(const Check& check, const Instance& instance) {
    try {
        numeric::PrecisionGuard guard(instance.precision_bits);
        return check.run(instance);
    } catch (const std::exception& e) {
        InstanceResult r;
        r.verdict = Verdict::error;
        r.message = std::string("internal error: ") + e.what();
        return r;
    } catch (...) {
        InstanceResult r;
        r.verdict = Verdict::error;
        r.message = "internal error: unknown exception";
        return r;
    }
}

// Margins compare by their lower bounds, read back at a precision that
// distinguishes any two printed strings.
bool lower_margin_is_smaller(const Margin& a, const Margin& b) {
    numeric::real x, y;
    mpfr_set_prec(x.backend().data(), 256);
    mpfr_set_prec(y.backend().data(), 256);
    mpfr_set_str(x.backend().data(), a.lower.c_str(), 10, MPFR_RNDD);
    mpfr_set_str(y.backend().data(), b.lower.c_str(), 10, MPFR_RNDD);
    return mpfr_less_p(x.backend().data(), y.backend().data()) != 0;
}

std::string run_id_of(const PlannedClaim& planned) {
    return planned.variant == "negative" ? planned.spec->id + "/negative/" + planned.negative : planned.spec->id;
}

std::string statement_of(const PlannedClaim& planned) {
    if (planned.variant != "negative") return planned.spec->statement;
    for (const NegativeControl& n : planned.spec->negatives)
        if (n.name == planned.negative) return n.description;
    return {};
}

// Does one instance's verdict meet its variant's expectation? A negative
// control is a test of the check, instance by instance: each must be refuted.
// (A claim expecting `refuted` is existential, so none of its instances fails it.)
bool instance_meets(const PlannedClaim& planned, Verdict v) {
    if (planned.variant == "negative") return v == Verdict::refuted;
    // A finding has no expectation: any decided verdict stands, an error fails.
    if (planned.variant == "finding") return v != Verdict::error;
    return planned.expected == Verdict::refuted || meets_expectation(planned.expected, v);
}

ClaimOutcome fold(const PlannedClaim& planned, const std::vector<InstanceResult>& results) {
    const ClaimSpec& spec = *planned.spec;
    ClaimOutcome out;
    out.claim_id = spec.id;
    out.variant = planned.variant;
    out.negative = planned.negative;
    out.run_id = run_id_of(planned);
    out.title = spec.title;
    out.source = spec.source;
    out.statement = statement_of(planned);
    out.check = spec.check;
    out.precision_bits = planned.instances.empty() ? spec.precision_bits : planned.instances[0].precision_bits;
    out.expected = planned.expected;
    out.instances = results.size();
    Verdict claim_verdict = Verdict::certified;
    // For a negative control: the verdicts of the instances that escaped refutation.
    std::optional<Verdict> escaped;
    std::size_t folded = results.size();
    ROPECHECK_MUTANT_IF("fold-skips-instance", folded > 0) --folded;
    for (std::size_t i = 0; i < folded; ++i) {
        const InstanceResult& r = results[i];
        ++out.verdict_counts[to_string(r.verdict)];
        claim_verdict = combine(claim_verdict, r.verdict);
        if (r.verdict != Verdict::refuted) escaped = escaped ? combine(*escaped, r.verdict) : r.verdict;
        if (!instance_meets(planned, r.verdict))
            out.failed_instances.push_back({i, planned.instances[i].params.values(), r.verdict, r.message});
        if (r.verdict == Verdict::refuted && r.counterexample && !out.counterexample) {
            out.counterexample = r.counterexample;
            out.counterexample_instance = i;
            out.counterexample_parameters = planned.instances[i].params.values();
        }
        if (r.margin && (!out.smallest_margin || lower_margin_is_smaller(*r.margin, *out.smallest_margin))) {
            out.smallest_margin = r.margin;
            out.smallest_margin_instance = i;
            out.smallest_margin_parameters = planned.instances[i].params.values();
        }
        json e = json::object();
        e["instance"] = i;
        e["parameters"] = planned.instances[i].params.values();
        e["verdict"] = to_string(r.verdict);
        e["message"] = r.message;
        if (!r.evidence.empty()) e["evidence"] = r.evidence;
        out.evidence.push_back(std::move(e));
    }
    Verdict verdict = planned.variant == "negative" ? escaped.value_or(Verdict::refuted) : claim_verdict;
    if (results.empty()) {
        verdict = Verdict::error;
        out.message = "the grid is empty: nothing was checked";
    } else if (planned.variant == "negative" && escaped) {
        const FailedInstance& first = out.failed_instances.front();
        out.message = std::to_string(out.failed_instances.size()) + " of " + std::to_string(results.size()) +
                      " instances not refuted; first: instance " + std::to_string(first.index) + " " +
                      to_string(first.verdict) + ": " + first.message;
    } else {
        // The message of the first instance whose verdict is the claim's verdict.
        for (const InstanceResult& r : results)
            if (r.verdict == verdict) {
                out.message = r.message;
                break;
            }
    }
    out.actual = verdict;
    const bool expectation_met = planned.variant == "finding" ? verdict != Verdict::error
                                                              : meets_expectation(out.expected, out.actual);
    out.ok = expectation_met && out.failed_instances.empty();
    return out;
}

// The runner's own consistency check, outside the fold: every planned
// instance was folded exactly once. A fold that loses an instance (a bug, or
// the mutant "fold-skips-instance") turns the outcome into an error.
void require_every_instance_folded(const PlannedClaim& planned, ClaimOutcome& out) {
    std::size_t counted = 0;
    for (const auto& [name, n] : out.verdict_counts) counted += n;
    const std::size_t planned_count = planned.instances.size();
    if (counted == planned_count && out.evidence.size() == planned_count) return;
    out.actual = Verdict::error;
    out.ok = false;
    out.message = "runner inconsistency: " + std::to_string(counted) + " instance verdicts folded, " +
                  std::to_string(planned_count) + " planned";
}

}  // namespace

RunResult run_plan(const std::vector<PlannedClaim>& plan, const RunParameters& parameters, int jobs,
                   const ProgressCallback& progress, const InstanceCallback& instances) {
    using clock = std::chrono::steady_clock;
    const auto start = clock::now();
    jobs = std::max(1, jobs);

    std::vector<std::vector<InstanceResult>> results(plan.size());
    std::vector<std::vector<double>> seconds(plan.size());
    std::vector<std::atomic<std::size_t>> remaining(plan.size());
    std::vector<std::size_t> done(plan.size(), 0);  // under progress_mutex
    std::vector<Task> tasks;
    for (std::size_t c = 0; c < plan.size(); ++c) {
        results[c].resize(plan[c].instances.size());
        seconds[c].assign(plan[c].instances.size(), 0.0);
        remaining[c].store(plan[c].instances.size());
        for (std::size_t i = 0; i < plan[c].instances.size(); ++i) tasks.push_back({c, i});
    }
    std::vector<ClaimOutcome> outcomes(plan.size());
    std::mutex progress_mutex;
    auto finish_claim = [&](std::size_t c) {
        outcomes[c] = fold(plan[c], results[c]);
        require_every_instance_folded(plan[c], outcomes[c]);
        double total = 0;
        for (double s : seconds[c]) total += s;
        if (progress) {
            std::lock_guard<std::mutex> lock(progress_mutex);
            progress(outcomes[c], total);
        }
    };
    for (std::size_t c = 0; c < plan.size(); ++c)
        if (plan[c].instances.empty()) finish_claim(c);

    // Boost 1.74 keeps one process-wide default precision, so instances that
    // need different precisions never run at the same time: one parallel
    // region per precision, each instance also setting its own guard.
    std::set<unsigned> precisions;
    for (const Task& t : tasks) precisions.insert(plan[t.claim].instances[t.instance].precision_bits);
    for (unsigned bits : precisions) {
        std::vector<Task> group;
        for (const Task& t : tasks)
            if (plan[t.claim].instances[t.instance].precision_bits == bits) group.push_back(t);
        numeric::PrecisionGuard region_guard(bits);
        const auto n = static_cast<long>(group.size());
#pragma omp parallel for schedule(dynamic, 1) num_threads(jobs)
        for (long k = 0; k < n; ++k) {
            const Task t = group[static_cast<std::size_t>(k)];
            if (instances) {
                std::lock_guard<std::mutex> lock(progress_mutex);
                instances(InstanceEvent{t.claim, t.instance, done[t.claim], nullptr, 0});
            }
            const auto t0 = clock::now();
            results[t.claim][t.instance] = run_one(*plan[t.claim].check, plan[t.claim].instances[t.instance]);
            seconds[t.claim][t.instance] = std::chrono::duration<double>(clock::now() - t0).count();
            if (instances) {
                std::lock_guard<std::mutex> lock(progress_mutex);
                instances(InstanceEvent{t.claim, t.instance, ++done[t.claim], &results[t.claim][t.instance],
                                        seconds[t.claim][t.instance]});
            }
            if (remaining[t.claim].fetch_sub(1) == 1) finish_claim(t.claim);
        }
    }

    RunResult run;
    run.parameters = parameters;
    run.claims = std::move(outcomes);
    run.timing.jobs = jobs;
    for (std::size_t c = 0; c < plan.size(); ++c) {
        double total = 0;
        for (double s : seconds[c]) total += s;
        run.timing.claim_seconds[run.claims[c].run_id] = total;
    }
    run.timing.total_seconds = std::chrono::duration<double>(clock::now() - start).count();
    return run;
}

bool RunResult::all_ok() const {
    if (claims.empty()) return false;
    for (const auto& c : claims)
        if (!c.ok) return false;
    return true;
}

std::map<std::string, std::size_t> RunResult::verdict_totals() const {
    std::map<std::string, std::size_t> totals;
    for (const auto& c : claims) ++totals[to_string(c.actual)];
    return totals;
}

}  // namespace ropecheck::core
