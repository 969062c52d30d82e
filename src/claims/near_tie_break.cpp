// Theorem 6.1's break distance where the sweep's double filter cannot decide.
// For a frequency whose quarter turn falls within eps of a whole distance,
//   g = (pi/2 + side * 10^-e) / r0,     side = +1 ("past") or -1 ("short"),
// cos(r0 g) = -side * sin(10^-e) is a few 10^-e from zero: far below the
// filter's error (about 1e-14 for one term), far above MPFI's resolution at
// 128 bits. The break, the least r >= 1 with cos(r g) < 0, is known three ways
// that share no code:
//   - by construction: r0 g passes pi/2 exactly when side = +1, so the break
//     is r0; with side = -1 it is r0 + 1 (g < pi/2, so (r0 + 1) g < 3 pi/2);
//   - in closed form, floor(pi / (2 g)) + 1, evaluated in MPFI;
//   - by the certified sweep (probes::semantic_break), which must escalate r0
//     to MPFI to decide it.
// The claim requires all three to agree. It is the ci profile's witness that
// the sweep's escalation path and its error bound are load-bearing: a sweep
// that skipped escalation, or whose bound were too small to see the tie,
// reports the wrong distance here (docs/mutation-testing.md).
// Negative control "quarter-turn-is-the-break": the belief that the break is
// always the nearest quarter-turn distance r0, on "short" frequencies; the
// sweep refutes it on every instance with the certified break r0 + 1.
#include <cmath>
#include <optional>
#include <string>

#include "ropecheck/numeric/certainty.hpp"
#include "ropecheck/numeric/decimal.hpp"
#include "ropecheck/numeric/invalid_input.hpp"
#include "ropecheck/numeric/number_concept.hpp"
#include "ropecheck/probes/semantic_break.hpp"
#include "support/claim_support.hpp"
#include "support/quarter_turn.hpp"

namespace ropecheck::claims::near_tie_break {
namespace {

struct Params {
    std::int64_t quarter_distance = 0, offset_exponent = 0;
    std::string side, control;
};

const std::vector<std::string> controls{"none", "quarter-turn-is-the-break"};

// Each parameter once: the schema, the range checks and the run all read it.
support::Fields<Params> fields() {
    return {{"quarter_distance", core::ParameterKind::integer, "r0: the distance nearest the quarter turn",
             &Params::quarter_distance},
            {"offset_exponent", core::ParameterKind::integer, "e: the quarter turn is missed by 10^-e radians",
             &Params::offset_exponent},
            {"side", core::ParameterKind::text, "past (r0 g = pi/2 + 10^-e) or short (pi/2 - 10^-e)", &Params::side},
            {support::control_parameter(controls), &Params::control}};
}

interval frequency_near_quarter_turn(std::int64_t r0, int exponent, bool past) {
    using std::pow;
    const interval half_pi = numeric::number_traits<interval>::pi() / interval(2);
    const interval eps = interval(1) / pow(interval(10), exponent);
    return (past ? half_pi + eps : half_pi - eps) / interval(r0);
}

class NearTieBreakCheck final : public support::ClaimCheck<Params> {
    using ClaimCheck::ClaimCheck;

    void check(const Params& p) const override {
        support::require_range("quarter_distance", p.quarter_distance, 2, 10'000'000);
        // Below 10^-14 the filter could decide alone; past 10^-30 the 128-bit
        // enclosures of g would no longer separate the two sides.
        support::require_range("offset_exponent", p.offset_exponent, 15, 30);
        support::require_one_of("side", p.side, {"past", "short"});
        const std::string control = support::control_of(p.control, controls);
        if (control == "quarter-turn-is-the-break" && p.side != "short")
            throw InvalidInput("control \"quarter-turn-is-the-break\" is false only for side = \"short\"");
    }

    core::InstanceResult decide(const core::Instance& instance, const Params& p) const override {
        const std::int64_t r0 = p.quarter_distance;
        const int exponent = static_cast<int>(p.offset_exponent);
        const bool past = p.side == "past";
        const bool belief = support::control_of(p.control, controls) == "quarter-turn-is-the-break";
        const interval g = frequency_near_quarter_turn(r0, exponent, past);
        const std::int64_t by_construction = past ? r0 : r0 + 1;
        const std::optional<std::int64_t> closed = support::quarter_turn_break(g);

        sweep::SweepOptions one_thread;  // the runner already spreads instances over the cores
        one_thread.threads = 1;
        const auto swept = probes::semantic_break({g}, r0 + 2, one_thread);

        core::InstanceResult result;
        result.evidence["frequency"] = numeric::decimal_enclosure(g, 25);
        result.evidence["break_by_construction"] = by_construction;
        result.evidence["break_closed_form"] = closed ? core::json(*closed) : core::json(nullptr);
        result.evidence["distances_evaluated_in_mpfi"] = swept.escalated;
        if (!closed || !swept.certified) {
            result.verdict = core::Verdict::inconclusive;
            result.message = "the enclosures cannot decide the break at " + std::to_string(instance.precision_bits) +
                             " bits; raise --precision";
            return result;
        }
        if (*closed != by_construction) {
            result.verdict = core::Verdict::error;
            result.message = "closed form floor(pi/(2g)) + 1 = " + std::to_string(*closed) +
                             " disagrees with the construction's " + std::to_string(by_construction);
            return result;
        }
        result.evidence["break_swept"] = swept.first_break_distance ? core::json(*swept.first_break_distance) : core::json(nullptr);
        const std::int64_t claimed = belief ? r0 : *closed;
        if (!swept.first_break_distance || *swept.first_break_distance != claimed) {
            result.verdict = core::Verdict::refuted;
            const std::string found = swept.first_break_distance ? std::to_string(*swept.first_break_distance) : "none";
            result.message = "the certified sweep breaks at r = " + found + ", not at the claimed " +
                             std::to_string(claimed);
            core::Counterexample cx;
            cx.kind = "the channel breaks at another distance";
            cx.inputs = {{"quarter_distance r0", std::to_string(r0)},
                         {"offset", std::string(past ? "+" : "-") + "1e-" + std::to_string(exponent)},
                         {"g", numeric::decimal_enclosure(g, 25)}};
            cx.claimed = "cos(r g) >= 0 for r < " + std::to_string(claimed) + " and cos(" + std::to_string(claimed) +
                         " g) < 0";
            cx.computed = "the sweep's certified first r with cos(r g) < 0 is " + found;
            cx.replay = support::replay_header(instance);
            result.counterexample = std::move(cx);
            return result;
        }
        result.verdict = core::Verdict::certified;
        result.message = "break at r = " + std::to_string(claimed) +
                         " by construction, closed form and certified sweep (" +
                         std::to_string(swept.escalated) + " distances decided in MPFI)";
        return result;
    }
};

}  // namespace

ROPECHECK_REGISTER_CHECK(near_tie_break, NearTieBreakCheck, "near-tie-break", fields())

}  // namespace ropecheck::claims::near_tie_break
