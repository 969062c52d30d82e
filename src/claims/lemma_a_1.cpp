// Lemma A.1 made finite: if g / pi is irrational, r g is never a multiple of
// 2 pi for r != 0. For every frequency g_k of a RoPE schedule and a horizon N,
// the closest return
//   min over 1 <= r <= N of dist(r g_k, 2 pi Z)
// is certified > 0, with its argmin, computed two independent ways that must
// agree exactly: the continued fraction of g_k / (2 pi) (the argmin is the
// largest convergent denominator <= N) and the certified sweep over every r
// (probes/density.hpp). A disagreement between two certified answers is an
// internal error, never a pass.
//
// Pinned (provenance in docs/claims-group-b.md): g_1 = theta^0 = 1 for every
// theta, and the closest returns of g = 1 are the convergents q / p of 2 pi
// (q - 2 pi p is smallest among all r <= N at the largest q <= N). The table
// below was derived independently (a 60-digit continued fraction of 2 pi, and a
// brute-force scan of r mod 2 pi for every r <= 10^7); for k = 1 both methods
// must return its argmin and a distance overlapping |q - 2 pi p| in MPFI.
//
// Negative control "near-rational" (the perturbation): the frequency
// g = 2 pi a / q + eps (turns = "a/q", perturbation = eps), run through the
// same two methods, against a claimed lower bound B on the closest return
// ("no r <= N comes within B of a whole turn"). Derivation (docs): for
// N >= q and (N + q) eps < 2 pi / q the argmin is r = q with distance exactly
// q eps, since q g = 2 pi a + q eps, every r not a multiple of q stays at least
// 2 pi / q - N eps away, and r = m q sits at m q eps. Both methods must find
// r = q and a distance overlapping q eps (else: error); the claim is refuted
// when that distance is certainly below B.
#include <numeric>
#include <optional>

#include "ropecheck/numeric/certainty.hpp"
#include "ropecheck/numeric/decimal.hpp"
#include "ropecheck/numeric/enclosure.hpp"
#include "ropecheck/numeric/invalid_input.hpp"
#include "ropecheck/probes/density.hpp"
#include "support/claim_support.hpp"

namespace ropecheck::claims::lemma_a_1 {
namespace {

using probes::Method;

struct Params : support::RopePoint {
    std::int64_t max_distance = 0;
    std::optional<std::string> turns, perturbation, claimed_bound;  // the near-rational control's
    std::string control;
};

const std::vector<std::string> controls{"none", "near-rational"};

// Each parameter once: the schema, the range checks and the run all read it.
support::Fields<Params> fields() {
    return support::rope_fields<Params>() +
           support::Fields<Params>{
               {"max_distance", core::ParameterKind::integer, "N: the closest return over 1 <= r <= N",
                &Params::max_distance},
               {"turns", core::ParameterKind::text, "near-rational: g = 2 pi a/q + eps, turns = \"a/q\"",
                &Params::turns},
               {"perturbation", core::ParameterKind::decimal, "near-rational: eps > 0 (radians)",
                &Params::perturbation},
               {"claimed_bound", core::ParameterKind::decimal,
                "near-rational: the claimed lower bound on the closest return (radians)", &Params::claimed_bound},
               {support::control_parameter(controls), &Params::control}};
}

constexpr std::int64_t max_horizon = 10'000'000;
constexpr std::int64_t max_turn_denominator = 100'000;

// The closest returns of g = 1 up to max_horizon: (q, p) with q - 2 pi p the
// record-setting distances, i.e. the convergents p / q of 1 / (2 pi).
struct PinnedReturn {
    std::int64_t q;
    std::int64_t p;
};
constexpr PinnedReturn g1_returns[] = {{1, 0},           {6, 1},           {19, 3},          {25, 4},
                                       {44, 7},          {333, 53},        {710, 113},       {103993, 16551},
                                       {312689, 49766},  {1980127, 315147}, {2292816, 364913}, {4272943, 680060}};
static_assert(g1_returns[std::size(g1_returns) - 1].q <= max_horizon);  // the next, 10838702, is beyond

PinnedReturn pinned_g1_return(std::int64_t horizon) {
    PinnedReturn best = g1_returns[0];
    for (const auto& r : g1_returns)
        if (r.q <= horizon) best = r;
    return best;
}

// turns = "a/q" with 0 < a < q <= max_turn_denominator and gcd(a, q) = 1.
struct Turns {
    std::int64_t numerator = 0;
    std::int64_t denominator = 1;
};

Turns parse_turns(const std::string& text) {
    const auto slash = text.find('/');
    Turns t;
    try {
        std::size_t used = 0;
        if (slash == std::string::npos) throw std::invalid_argument("no slash");
        t.numerator = std::stoll(text.substr(0, slash), &used);
        if (used != slash) throw std::invalid_argument("numerator");
        t.denominator = std::stoll(text.substr(slash + 1), &used);
        if (used != text.size() - slash - 1) throw std::invalid_argument("denominator");
    } catch (const std::exception&) {
        throw InvalidInput("turns = \"" + text + "\" is not a fraction a/q of two integers");
    }
    if (t.numerator <= 0 || t.denominator <= t.numerator || t.denominator > max_turn_denominator ||
        std::gcd(t.numerator, t.denominator) != 1)
        throw InvalidInput("turns = \"" + text + "\" must be a/q in lowest terms with 0 < a < q <= " +
                           std::to_string(max_turn_denominator));
    return t;
}

interval parse_positive_decimal(const std::string& text, const std::string& key) {
    interval x;
    try {
        x = numeric::enclose_decimal(text);
    } catch (const std::invalid_argument&) {
        throw InvalidInput(key + " = \"" + text + "\" is not a decimal number");
    }
    if (!numeric::certainly_positive(x)) throw InvalidInput(key + " = " + text + " must be > 0");
    return x;
}

struct NearRational {
    Turns turns;
    interval perturbation;  // eps
    interval frequency;     // 2 pi a / q + eps
    interval pinned_distance;  // q eps
};

// Validates the derivation's hypotheses: N >= q and (N + q) eps < 2 pi / q.
NearRational near_rational(const Params& p) {
    NearRational nr;
    nr.turns = parse_turns(*p.turns);
    nr.perturbation = parse_positive_decimal(*p.perturbation, "perturbation");
    const std::int64_t n = p.max_distance;
    const interval q(static_cast<long long>(nr.turns.denominator));
    if (n < nr.turns.denominator)
        throw InvalidInput("max_distance = " + std::to_string(n) + " is below the denominator of turns (" +
                           *p.turns + "): the near return at r = q is not in range");
    if (!numeric::certainly_positive(numeric::two_pi() / q - (interval(static_cast<long long>(n)) + q) * nr.perturbation))
        throw InvalidInput("perturbation = " + *p.perturbation + " is too large for max_distance = " +
                           std::to_string(n) + " and turns = " + *p.turns +
                           ": (N + q) eps must stay below 2 pi / q");
    nr.frequency = numeric::two_pi() * interval(static_cast<long long>(nr.turns.numerator)) / q + nr.perturbation;
    nr.pinned_distance = q * nr.perturbation;
    return nr;
}

struct FrequencyOutcome {
    int k = 0;  // 1-based
    probes::ReturnAnswer by_continued_fraction;
    probes::ReturnAnswer by_sweep;
    std::optional<interval> distance;  // both enclosures intersected
};

FrequencyOutcome closest_return_both_ways(int k, const interval& g, std::int64_t horizon) {
    FrequencyOutcome o;
    o.k = k;
    o.by_continued_fraction = probes::closest_return(g, horizon, Method::continued_fraction);
    o.by_sweep = probes::closest_return(g, horizon, Method::exhaustive);
    o.distance = numeric::common_part(o.by_continued_fraction.distance, o.by_sweep.distance);
    return o;
}

core::json outcome_json(const FrequencyOutcome& o) {
    return {{"k", o.k},
            {"r_continued_fraction", o.by_continued_fraction.closest_return},
            {"r_sweep", o.by_sweep.closest_return},
            {"certified", o.by_continued_fraction.certified && o.by_sweep.certified},
            {"distance_lower", o.distance ? numeric::decimal_lower(*o.distance, 8) : "disjoint"}};
}

// Why the two methods do not settle one certified argmin and distance, or "".
std::string unsettled(const FrequencyOutcome& o, unsigned precision_bits, bool& is_error) {
    const auto& a = o.by_continued_fraction;
    const auto& b = o.by_sweep;
    const std::string at_k = "k = " + std::to_string(o.k);
    is_error = false;
    if (a.certified && b.certified && (a.closest_return != b.closest_return || !o.distance)) {
        is_error = true;
        return "the continued fraction and the sweep disagree for " + at_k + ": r = " +
               std::to_string(a.closest_return) + " in " + numeric::decimal_enclosure(a.distance) + " against r = " +
               std::to_string(b.closest_return) + " in " + numeric::decimal_enclosure(b.distance);
    }
    if (!a.certified || !b.certified)
        return at_k + ": the " + (a.certified ? "sweep" : "continued fraction") + " cannot certify its argmin (" +
               (a.certified ? b.undecided_reason : a.undecided_reason) + "); raise --precision";
    if (!numeric::certainly_positive(*o.distance))
        return at_k + ", r = " + std::to_string(a.closest_return) + ": the distance " +
               numeric::decimal_enclosure(*o.distance) + " is not certainly positive at " +
               std::to_string(precision_bits) + " bits";
    return "";
}

class ClosestReturnCheck final : public support::ClaimCheck<Params> {
    using ClaimCheck::ClaimCheck;

    void check(const Params& p) const override {
        support::rope_schedule(p);
        support::require_range("max_distance", p.max_distance, 1, max_horizon);
        const bool near = support::control_of(p.control, controls) == "near-rational";
        support::require_only_with("near-rational", near,
                                   {{"turns", p.turns.has_value()},
                                    {"perturbation", p.perturbation.has_value()},
                                    {"claimed_bound", p.claimed_bound.has_value()}});
        if (near) {
            near_rational(p);
            parse_positive_decimal(*p.claimed_bound, "claimed_bound");
        }
    }

    core::InstanceResult decide(const core::Instance& instance, const Params& p) const override {
        if (support::control_of(p.control, controls) == "near-rational") return run_near_rational(instance, p);
        return run_claim(instance, p);
    }

private:
    static core::InstanceResult run_claim(const core::Instance& instance, const Params& p) {
        const auto schedule = support::rope_schedule(p);
        const std::int64_t horizon = p.max_distance;
        const auto freqs = schedule.frequencies<interval>();

        std::vector<FrequencyOutcome> outcomes;
        outcomes.reserve(freqs.size());
        for (std::size_t i = 0; i < freqs.size(); ++i)
            outcomes.push_back(closest_return_both_ways(static_cast<int>(i) + 1, freqs[i], horizon));

        core::InstanceResult result;
        result.evidence["frequencies"] = freqs.size();
        result.evidence["horizon"] = horizon;
        core::json returns = core::json::array();
        for (const auto& o : outcomes) returns.push_back(outcome_json(o));
        result.evidence["closest_returns"] = std::move(returns);

        for (const auto& o : outcomes) {
            bool is_error = false;
            const std::string why = unsettled(o, instance.precision_bits, is_error);
            if (why.empty()) continue;
            result.verdict = is_error ? core::Verdict::error : core::Verdict::inconclusive;
            result.message = why;
            return result;
        }
        // The pin: g_1 = 1, whose closest return is known independently.
        const PinnedReturn pin = pinned_g1_return(horizon);
        const interval pinned_distance =
            abs(interval(static_cast<long long>(pin.q)) - numeric::two_pi() * interval(static_cast<long long>(pin.p)));
        const FrequencyOutcome& first = outcomes.front();
        result.evidence["pinned_g1"] = {{"r", pin.q}, {"turns", pin.p},
                                        {"distance", numeric::decimal_enclosure(pinned_distance, 12)}};
        if (first.by_sweep.closest_return != pin.q || !numeric::overlaps(*first.distance, pinned_distance)) {
            result.verdict = core::Verdict::error;
            result.message = "g_1 = 1 must return closest at the convergent r = " + std::to_string(pin.q) + " (" +
                             std::to_string(pin.p) + " turns, distance " +
                             numeric::decimal_enclosure(pinned_distance, 10) + "); both methods say r = " +
                             std::to_string(first.by_sweep.closest_return) + ", distance " +
                             numeric::decimal_enclosure(*first.distance, 10);
            return result;
        }

        const FrequencyOutcome* closest = &outcomes.front();
        for (const auto& o : outcomes)
            if (numeric::lower_bound(*o.distance) < numeric::lower_bound(*closest->distance)) closest = &o;
        const std::string where =
            "k = " + std::to_string(closest->k) + ", r = " + std::to_string(closest->by_sweep.closest_return);
        result.margin = core::Margin{numeric::decimal_lower(*closest->distance),
                                     numeric::decimal_upper(*closest->distance), where};
        result.verdict = core::Verdict::certified;
        result.message = "dist(r g_k, 2 pi Z) >= " + numeric::decimal_lower(*closest->distance, 6) +
                         " > 0 for every frequency (" + std::to_string(outcomes.size()) + ") and 1 <= r <= " +
                         std::to_string(horizon) + " (closest at " + where +
                         "); continued fraction and sweep agree on every argmin, g_1 at the pinned r = " +
                         std::to_string(pin.q);
        return result;
    }

    static core::InstanceResult run_near_rational(const core::Instance& instance, const Params& p) {
        const NearRational nr = near_rational(p);
        const std::int64_t horizon = p.max_distance;
        const interval bound = parse_positive_decimal(*p.claimed_bound, "claimed_bound");
        const std::string g_text = "2 pi * " + *p.turns + " + " + *p.perturbation;
        const FrequencyOutcome o = closest_return_both_ways(1, nr.frequency, horizon);

        core::InstanceResult result;
        result.evidence["frequency"] = g_text;
        result.evidence["horizon"] = horizon;
        result.evidence["claimed_bound"] = *p.claimed_bound;
        result.evidence["closest_return"] = outcome_json(o);
        result.evidence["pinned"] = {{"r", nr.turns.denominator},
                                     {"distance", numeric::decimal_enclosure(nr.pinned_distance, 12)}};
        bool is_error = false;
        if (const std::string why = unsettled(o, instance.precision_bits, is_error); !why.empty()) {
            result.verdict = is_error ? core::Verdict::error : core::Verdict::inconclusive;
            result.message = why;
            return result;
        }
        const std::int64_t q = nr.turns.denominator;
        if (o.by_sweep.closest_return != q || !numeric::overlaps(*o.distance, nr.pinned_distance)) {
            result.verdict = core::Verdict::error;
            result.message = "g = " + g_text + " must return closest at r = " + std::to_string(q) +
                             " with distance q eps in " + numeric::decimal_enclosure(nr.pinned_distance, 10) +
                             "; both methods say r = " + std::to_string(o.by_sweep.closest_return) + ", distance " +
                             numeric::decimal_enclosure(*o.distance, 10);
            return result;
        }
        const interval shortfall = bound - *o.distance;  // > 0: the claimed bound fails
        const std::string where = "g = " + g_text + ", r = " + std::to_string(q);
        result.margin = core::Margin{numeric::decimal_lower(shortfall), numeric::decimal_upper(shortfall),
                                     "claimed bound - distance, " + where};
        if (!numeric::certainly_positive(shortfall)) {
            result.verdict = numeric::is_positive(shortfall) == numeric::Certainty::certainly_not
                                 ? core::Verdict::certified
                                 : core::Verdict::inconclusive;
            result.message = "the closest return " + numeric::decimal_enclosure(*o.distance, 8) + " at " + where +
                             (result.verdict == core::Verdict::certified ? " is >= " : " cannot be told from ") +
                             "the claimed bound " + *p.claimed_bound;
            return result;
        }
        result.verdict = core::Verdict::refuted;
        result.message = where + ": dist(r g, 2 pi Z) in " + numeric::decimal_enclosure(*o.distance, 8) +
                         " < claimed bound " + *p.claimed_bound +
                         " (continued fraction and sweep agree on r and on the distance q eps)";
        core::Counterexample cx;
        cx.kind = "a near return closer than the claimed bound";
        cx.inputs = {{"g", g_text}, {"r", std::to_string(q)}, {"N", std::to_string(horizon)}};
        cx.claimed = "dist(r g, 2 pi Z) >= " + *p.claimed_bound + " for every 1 <= r <= " +
                     std::to_string(horizon);
        cx.computed = "dist(" + std::to_string(q) + " g, 2 pi Z) in " + numeric::decimal_enclosure(*o.distance) +
                      " (both methods), = q eps";
        cx.replay = support::replay_header(instance);
        cx.replay["inputs"] = {{"turns", *p.turns},
                               {"perturbation", *p.perturbation},
                               {"distance", q},
                               {"closest_return", {numeric::decimal_lower(*o.distance), numeric::decimal_upper(*o.distance)}}};
        result.counterexample = std::move(cx);
        return result;
    }
};

}  // namespace

ROPECHECK_REGISTER_CHECK(lemma_a_1, ClosestReturnCheck, "lemma-a.1", fields())

}  // namespace ropecheck::claims::lemma_a_1
