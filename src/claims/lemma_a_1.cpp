// Lemma A.1 made finite: if g / pi is irrational, r g is never a multiple of
// 2 pi for r != 0. For every frequency g_k of a RoPE schedule and a horizon N,
// the closest return
//   min over 1 <= r <= N of dist(r g_k, 2 pi Z)
// is certified > 0, with its argmin, computed two independent ways that must
// agree exactly: the continued fraction of g_k / (2 pi) (the argmin is the
// largest convergent denominator <= N) and the certified sweep over every r
// (probes/density.hpp). A disagreement between two certified answers is an
// internal error, never a pass.
// Negative control "rational": g_1 is replaced by 2 pi * 3/7, whose ratio to
// 2 pi is rational, and the same "distance > 0" is claimed. No enclosure can
// certify a distance of exactly 0, so the refutation is exact integer
// arithmetic: r * 3/7 is an integer first at r = 7 / gcd(3, 7) = 7, so
// 7 g = 3 * 2 pi exactly. (The continued fraction is still run on the
// enclosure of 2 pi * 3/7 and reported: it cannot certify anything there. The
// sweep is not: every multiple of 7 ties for the minimum, so it would evaluate
// N / 7 distances in MPFI only to say the same.)
#include <numeric>
#include <optional>

#include "checks.hpp"
#include "ropecheck/numeric/certainty.hpp"
#include "ropecheck/numeric/decimal.hpp"
#include "ropecheck/probes/density.hpp"
#include "support/claim_support.hpp"

namespace ropecheck::claims {
namespace {

using numeric::interval;
using probes::Method;

constexpr std::int64_t max_horizon = 10'000'000;
// The rational turn of the negative control: g = 2 pi * 3/7.
constexpr std::int64_t control_numerator = 3;
constexpr std::int64_t control_denominator = 7;

interval two_pi() {
    interval pi;
    mpfi_const_pi(pi.backend().data());
    return interval(2) * pi;
}

// The common part of two enclosures of the same number (both are valid, so
// their intersection is too); nullopt when they are disjoint.
std::optional<interval> intersect(const interval& a, const interval& b) {
    if (!numeric::overlaps(a, b)) return std::nullopt;
    interval out;
    mpfi_intersect(out.backend().data(), a.backend().data(), b.backend().data());
    return out;
}

struct FrequencyOutcome {
    int k = 0;                    // 1-based
    probes::ReturnAnswer by_continued_fraction;
    probes::ReturnAnswer by_sweep;
    std::optional<interval> distance;  // both enclosures intersected
};

class ClosestReturnCheck final : public core::Check {
public:
    std::string name() const override { return "lemma-a.1"; }

    std::vector<core::ParameterSpec> parameters() const override {
        return {support::head_dim_parameter(),
                support::theta_parameter(),
                {"max_distance", core::ParameterKind::integer, "N: the closest return over 1 <= r <= N"},
                support::control_parameter("none, rational")};
    }

    void validate(const core::Parameters& p) const override {
        support::rope_schedule(p);
        const bool rational = support::control_of(p, {"none", "rational"}) == "rational";
        support::require_range("max_distance", p.integer("max_distance"), rational ? control_denominator : 1,
                               max_horizon);
    }

    core::InstanceResult run(const core::Instance& instance) const override {
        const core::Parameters& p = instance.params;
        const auto schedule = support::rope_schedule(p);
        const std::int64_t horizon = p.integer("max_distance");
        const bool rational = support::control_of(p, {"none", "rational"}) == "rational";
        auto freqs = schedule.frequencies<interval>();
        if (rational) freqs[0] = two_pi() * interval(control_numerator) / interval(control_denominator);

        std::vector<FrequencyOutcome> outcomes;
        outcomes.reserve(freqs.size());
        for (std::size_t i = 0; i < freqs.size(); ++i) {
            FrequencyOutcome o;
            o.k = static_cast<int>(i) + 1;
            o.by_continued_fraction = probes::closest_return(freqs[i], horizon, Method::continued_fraction);
            if (rational && i == 0) {
                o.by_sweep.undecided_reason = "not run on the rational frequency";
                o.by_sweep.distance = o.by_continued_fraction.distance;
            } else {
                o.by_sweep = probes::closest_return(freqs[i], horizon, Method::exhaustive);
            }
            o.distance = intersect(o.by_continued_fraction.distance, o.by_sweep.distance);
            outcomes.push_back(std::move(o));
        }

        core::InstanceResult result;
        result.evidence["frequencies"] = freqs.size();
        result.evidence["horizon"] = horizon;
        core::json returns = core::json::array();
        for (const auto& o : outcomes)
            returns.push_back({{"k", o.k},
                               {"r_continued_fraction", o.by_continued_fraction.closest_return},
                               {"r_sweep", o.by_sweep.closest_return},
                               {"certified", o.by_continued_fraction.certified && o.by_sweep.certified},
                               {"distance_lower", o.distance ? numeric::decimal_lower(*o.distance, 8) : "disjoint"}});
        result.evidence["closest_returns"] = std::move(returns);

        // The checked frequencies (all but a replaced g_1) must be decided by both
        // methods, identically, with a distance certainly above 0.
        const std::size_t first_checked = rational ? 1 : 0;
        for (std::size_t i = first_checked; i < outcomes.size(); ++i) {
            const auto& o = outcomes[i];
            const auto& a = o.by_continued_fraction;
            const auto& b = o.by_sweep;
            if (a.certified && b.certified && (a.closest_return != b.closest_return || !o.distance)) {
                result.verdict = core::Verdict::error;
                result.message = "the continued fraction and the sweep disagree for k = " + std::to_string(o.k) +
                                 ": r = " + std::to_string(a.closest_return) + " in " +
                                 numeric::decimal_enclosure(a.distance) + " against r = " +
                                 std::to_string(b.closest_return) + " in " + numeric::decimal_enclosure(b.distance);
                return result;
            }
        }
        if (rational) return refute_rational(instance, schedule, horizon, outcomes.front(), std::move(result));

        const FrequencyOutcome* closest = nullptr;
        for (const auto& o : outcomes) {
            const auto& a = o.by_continued_fraction;
            const auto& b = o.by_sweep;
            if (!a.certified || !b.certified) {
                result.verdict = core::Verdict::inconclusive;
                result.message = "k = " + std::to_string(o.k) + ": the " +
                                 (a.certified ? "sweep" : "continued fraction") + " cannot certify its argmin (" +
                                 (a.certified ? b.undecided_reason : a.undecided_reason) + "); raise --precision";
                return result;
            }
            if (!numeric::certainly_positive(*o.distance)) {
                result.verdict = core::Verdict::inconclusive;
                result.message = "k = " + std::to_string(o.k) + ", r = " + std::to_string(a.closest_return) +
                                 ": the distance " + numeric::decimal_enclosure(*o.distance) +
                                 " is not certainly positive at " + std::to_string(instance.precision_bits) + " bits";
                return result;
            }
            if (closest == nullptr || numeric::lower_bound(*o.distance) < numeric::lower_bound(*closest->distance))
                closest = &o;
        }
        const std::string where =
            "k = " + std::to_string(closest->k) + ", r = " + std::to_string(closest->by_sweep.closest_return);
        result.margin = core::Margin{numeric::decimal_lower(*closest->distance),
                                     numeric::decimal_upper(*closest->distance), where};
        result.verdict = core::Verdict::certified;
        result.message = "dist(r g_k, 2 pi Z) >= " + numeric::decimal_lower(*closest->distance, 6) +
                         " > 0 for every frequency (" + std::to_string(outcomes.size()) + ") and 1 <= r <= " +
                         std::to_string(horizon) + " (closest at " + where +
                         "); continued fraction and sweep agree on every argmin";
        return result;
    }

private:
    static core::InstanceResult refute_rational(const core::Instance& instance, const rope::FrequencySchedule& schedule,
                                                std::int64_t horizon, const FrequencyOutcome& replaced,
                                                core::InstanceResult result) {
        // Exact: r * 3/7 is an integer iff 7 / gcd(3, 7) divides r.
        const std::int64_t period = control_denominator / std::gcd(control_numerator, control_denominator);
        const std::int64_t turns = period * control_numerator / control_denominator;
        const std::string g_text =
            "2 pi * " + std::to_string(control_numerator) + "/" + std::to_string(control_denominator);
        result.evidence["replaced_frequency"] = {
            {"k", 1},
            {"g", g_text},
            {"continued_fraction_certified", replaced.by_continued_fraction.certified},
            {"continued_fraction_note", replaced.by_continued_fraction.undecided_reason}};
        if (period > horizon) {  // unreachable after validate(); kept so the logic stands alone
            result.verdict = core::Verdict::inconclusive;
            result.message = "the rational frequency's period " + std::to_string(period) + " exceeds N";
            return result;
        }
        result.verdict = core::Verdict::refuted;
        result.margin = core::Margin{"0", "0", "k = 1, r = " + std::to_string(period)};
        result.message = "g_1 = " + g_text + ": " + std::to_string(period) + " g_1 = " + std::to_string(turns) +
                         " * 2 pi exactly, so dist(" + std::to_string(period) + " g_1, 2 pi Z) = 0";
        core::Counterexample cx;
        cx.kind = "an exact whole turn: r g is a multiple of 2 pi";
        cx.inputs = {{"head_dim", std::to_string(schedule.head_dim())},
                     {"theta", schedule.theta()},
                     {"frequency k", "1"},
                     {"g_1 (replaced)", g_text},
                     {"r", std::to_string(period)}};
        cx.claimed = "dist(r g_k, 2 pi Z) > 0 for every k and 1 <= r <= " + std::to_string(horizon);
        cx.computed = std::to_string(period) + " * " + std::to_string(control_numerator) + "/" +
                      std::to_string(control_denominator) + " = " + std::to_string(turns) +
                      " turns (integer arithmetic): dist = 0";
        cx.replay = support::replay_header(instance);
        cx.replay["inputs"] = {{"frequency_index", 1},
                               {"turns_numerator", control_numerator},
                               {"turns_denominator", control_denominator},
                               {"distance", period}};
        result.counterexample = std::move(cx);
        return result;
    }
};

}  // namespace

std::unique_ptr<core::Check> make_lemma_a_1_check() { return std::make_unique<ClosestReturnCheck>(); }

}  // namespace ropecheck::claims
