// Uses the installed ropecheck through its public headers only: (1) the RoPE
// frequencies of theta = 10000, d = 64 as MPFI enclosures, checked against the
// closed form theta^(-2(k-1)/d) evaluated independently in long double; (2) the
// claim prop-3.1 of the installed specs, planned and run by the library's runner,
// which must meet its expected verdict. Prints what it found; exit 0 only if all holds.
#include <cmath>
#include <cstdio>

#include "ropecheck/claims/builtin_checks.hpp"
#include "ropecheck/core/runner.hpp"
#include "ropecheck/numeric/precision_guard.hpp"
#include "ropecheck/numeric/types.hpp"
#include "ropecheck/rope/frequency_schedule.hpp"
#include "ropecheck/spec/spec_loader.hpp"
#include "ropecheck/version.hpp"

namespace {

int frequency_failures() {
    using ropecheck::numeric::interval;
    const ropecheck::numeric::PrecisionGuard precision(128);
    const int d = 64;
    const auto g = ropecheck::rope::FrequencySchedule::rope("10000", d).frequencies<interval>();
    if (static_cast<int>(g.size()) != d / 2) return 1;
    int failures = 0;
    for (int k = 1; k <= d / 2; ++k) {
        const long double expected = std::pow(10000.0L, -2.0L * (k - 1) / d);
        const long double slack = 4 * expected * 1e-18L;  // long double's 64-bit significand
        const long double lo = lower(g[k - 1]).convert_to<long double>();
        const long double hi = upper(g[k - 1]).convert_to<long double>();
        // The enclosure must contain the value and be far narrower than long double's error.
        const bool contains = lo <= expected + slack && hi >= expected - slack;
        const bool narrow = (hi - lo) <= slack;
        if (!contains || !narrow) {
            std::printf("g_%d = [%.21Lg, %.21Lg], expected %.21Lg\n", k, lo, hi, expected);
            ++failures;
        }
    }
    std::printf("frequencies: %d of %d enclosures contain theta^(-2(k-1)/d)\n", d / 2 - failures, d / 2);
    return failures;
}

int claim_failures() {
    ropecheck::core::CheckRegistry registry;
    ropecheck::claims::register_builtin_checks(registry);
    const auto specs = ropecheck::spec::load_claim_specs(CONSUMER_THEOREMS_DIR);
    ropecheck::core::RunParameters parameters;
    parameters.claim_globs = {"prop-3.1"};
    parameters.seed = 1;
    const auto plan = ropecheck::core::plan_run(specs, registry, parameters);
    const auto run = ropecheck::core::run_plan(plan, parameters, 1);
    int failures = 0;
    for (const auto& c : run.claims) {
        std::printf("%s: %s (expected %s)\n", c.run_id.c_str(), ropecheck::core::to_string(c.actual).c_str(),
                    ropecheck::core::to_string(c.expected).c_str());
        if (!c.ok) ++failures;
    }
    // The claim and at least one negative control ran.
    return run.claims.size() >= 2 ? failures : failures + 1;
}

}  // namespace

int main() {
    std::printf("ropecheck %s\n", ropecheck::version);
    const int failures = frequency_failures() + claim_failures();
    std::printf(failures == 0 ? "consumer: ok\n" : "consumer: FAILED\n");
    return failures == 0 ? 0 : 1;
}
