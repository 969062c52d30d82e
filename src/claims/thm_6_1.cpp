// Theorem 6.1: semantic channels are not robust over long context. The aligned
// single-chunk construction (query = target key = psi) scores the target
// s cos(r g) at distance r; once cos(r g) < 0 the target scores below a token
// with zero activation, so by Lemma A.3 its weight is at most 1/2. Certified
// with MPFI for one grid point:
//  (i)   every frequency g_k of the RoPE schedule, d = 2 included, breaks: the
//        least r >= 1 with cos(r g_k) < 0 (probes::semantic_break on that one
//        frequency), which must equal the closed form floor(pi / (2 g_k)) + 1
//        evaluated on g_k = theta^(-2(k-1)/d) from its definition
//        (support/reference_frequencies.hpp: MPFR root and MPFI powers, not the schedule's
//        exp/log, and no sweep), so a schedule bug or a sweep bug is an error;
//  (ii)  p-RoPE: each removed channel's frequency is the exact point 0, so
//        cos(r * 0) = 1 for every r and it never breaks; each kept channel has
//        RoPE's enclosure, so it breaks exactly as in (i);
//  (iii) raising theta delays the break: for every k >= 2 the break distance at
//        theta is <= the one at theta_larger (g_1 = 1 for every theta).
// The margin is the closest any cos(r g_k) came to 0 on either side of a break:
// how clearly the break distances were decided.
// Negative control "early-break" (the perturbation): claims every channel k
// already breaks at b_k - 1, one distance before the closed form's
// b_k = floor(pi / (2 g_k)) + 1. The certified sweep, run on the schedule's
// g_k up to b_k - 1, must certify cos(r g_k) >= 0 for every r <= b_k - 1, for
// every channel; a sweep that finds a break there contradicts the closed form
// (an error, not a refutation).
// Negative control "robust-up-to" (the complement, kept as an extra): claims
// the lowest RoPE channel g_{d/2} stays non-negative for every r <=
// robust_length; refuted by its certified break.
#include <optional>

#include "ropecheck/numeric/certainty.hpp"
#include "ropecheck/numeric/decimal.hpp"
#include "ropecheck/numeric/enclosure.hpp"
#include "ropecheck/numeric/invalid_input.hpp"
#include "ropecheck/probes/semantic_break.hpp"
#include "support/claim_support.hpp"
#include "support/quarter_turn.hpp"

namespace ropecheck::claims::thm_6_1 {
namespace {

using rope::FrequencySchedule;
using rope::RotaryKind;

struct Params : support::RopePoint {
    std::string theta_larger;
    std::int64_t max_distance = 0;
    numeric::ExactFraction p;
    std::optional<std::int64_t> robust_length;  // the robust-up-to control's
    std::string control;
};

const std::vector<std::string> controls{"none", "early-break", "robust-up-to"};

support::Fields<Params> own_fields() {
    using core::ParameterKind;
    return {
        {"theta_larger", ParameterKind::decimal,
         "a larger base (> theta) whose break distances must be at least as large, e.g. \"500000\"",
         &Params::theta_larger},
        {"max_distance", ParameterKind::integer, "N: breaks are searched for in 1 <= r <= N", &Params::max_distance},
        {"p", ParameterKind::fraction, "p-RoPE fraction kept, in [0, 1]", "1", &Params::p},
        {"robust_length", ParameterKind::integer,
         "control robust-up-to: the length up to which the lowest channel is claimed to stay >= 0",
         &Params::robust_length},
        {support::control_parameter(controls), &Params::control}};
}

// Each parameter once: the schema, the range checks and the run all read it.
support::Fields<Params> fields() { return support::rope_fields<Params>() + own_fields(); }

// The fast double filter of the sweep engine covers distances below 2^31.
constexpr std::int64_t max_distance_limit = 1'000'000'000;

// A channel's certified break: cos(distance g) < 0 and, when distance > 1,
// cos((distance - 1) g) >= 0 (every earlier r is certified >= 0 by the sweep).
struct ChannelBreak {
    std::int64_t distance = 0;
    interval at;      // cos(distance g)
    interval before;  // cos((distance - 1) g)
};

// Either the break of one frequency up to `limit`, or why there is none.
struct BreakSearch {
    std::optional<ChannelBreak> found;
    bool certified = false;                 // the sweep decided every distance it looked at
    std::optional<std::int64_t> undecided;  // the distance it could not decide
};

BreakSearch break_of(const interval& g, std::int64_t limit) {
    // One thread: the runner already spreads instances over the cores.
    sweep::SweepOptions one_thread;
    one_thread.threads = 1;
    const auto answer = probes::semantic_break({g}, limit, one_thread);
    BreakSearch search;
    search.certified = answer.certified;
    search.undecided = answer.undecided_at;
    if (answer.first_break_distance) {
        const std::int64_t r = *answer.first_break_distance;
        search.found = ChannelBreak{r, answer.value_at_break, cos(interval(static_cast<long long>(r - 1)) * g)};
    }
    return search;
}

std::string frequency_name(int k) { return "g_" + std::to_string(k); }

class SemanticChannelsBreakCheck final : public support::ClaimCheck<Params> {
    using ClaimCheck::ClaimCheck;

    void check(const Params& params) const override {
        const std::string theta = params.theta;
        const int d = params.head_dim;
        FrequencySchedule(RotaryKind::p_rope, theta, d, params.p);
        const std::string larger = params.theta_larger;
        try {
            rope::validate_theta(larger);
        } catch (const InvalidInput& e) {
            throw InvalidInput(std::string("theta_larger: ") + e.what());
        }
        if (!numeric::certainly_positive(numeric::enclose_decimal(larger) - numeric::enclose_decimal(theta)))
            throw InvalidInput("theta_larger = " + larger + " is not greater than theta = " + theta);
        support::require_range("max_distance", params.max_distance, 1, max_distance_limit);
        const bool robust = support::control_of(params.control, controls) == "robust-up-to";
        support::require_only_with("robust-up-to", robust, {{"robust_length", params.robust_length.has_value()}});
        if (robust) support::require_range("robust_length", *params.robust_length, 1, max_distance_limit);
    }

    core::InstanceResult decide(const core::Instance& instance, const Params& params) const override {
        const std::string control = support::control_of(params.control, controls);
        if (control == "robust-up-to") return run_robust_control(instance, params);
        if (control == "early-break") return run_early_break_control(instance, params);
        return run_claim(instance, params);
    }

private:
    static core::InstanceResult inconclusive(core::InstanceResult result, std::string message) {
        result.verdict = core::Verdict::inconclusive;
        result.message = std::move(message);
        return result;
    }

    static core::InstanceResult run_claim(const core::Instance& instance, const Params& params) {
        const std::string theta = params.theta;
        const std::string theta_larger = params.theta_larger;
        const int d = params.head_dim;
        const std::int64_t n = params.max_distance;
        const auto g = FrequencySchedule::rope(theta, d).frequencies<interval>();
        const auto g_larger = FrequencySchedule::rope(theta_larger, d).frequencies<interval>();
        const std::string bits = std::to_string(instance.precision_bits);
        core::InstanceResult result;

        // (i) every channel breaks within N.
        std::vector<ChannelBreak> breaks;
        std::optional<interval> closest;  // the smallest separation from 0 around any break
        std::string closest_where;
        std::size_t formula_undecided = 0;
        for (int k = 1; k <= d / 2; ++k) {
            const interval& gk = g[static_cast<std::size_t>(k - 1)];
            const BreakSearch search = break_of(gk, n);
            if (search.undecided)
                return inconclusive(std::move(result), "the sign of cos(r " + frequency_name(k) + ") at r = " +
                                                           std::to_string(*search.undecided) +
                                                           " cannot be decided at " + bits + " bits; raise --precision");
            if (!search.found)
                return inconclusive(std::move(result), "channel " + frequency_name(k) + " does not break within r <= " +
                                                           std::to_string(n) + "; raise max_distance");
            const ChannelBreak& b = *search.found;
            // The sweep and the closed form must agree; a disagreement is a bug, not a verdict on the paper.
            const auto formula = support::quarter_turn_break(support::reference_rope_frequency(theta, d, k));
            if (!formula) ++formula_undecided;
            else if (*formula != b.distance) {
                result.verdict = core::Verdict::error;
                result.message = "internal inconsistency: the sweep breaks " + frequency_name(k) + " at r = " +
                                 std::to_string(b.distance) + ", floor(pi / (2 g)) + 1 = " + std::to_string(*formula);
                return result;
            }
            // How far from 0 the decision was: -cos at the break, and cos just before
            // it (at r = 0 it is cos 0 = 1, no decision).
            interval separation = -b.at;
            if (b.distance > 1 && numeric::lower_bound(b.before) < numeric::lower_bound(separation)) separation = b.before;
            if (!closest || numeric::lower_bound(separation) < numeric::lower_bound(*closest)) {
                closest = separation;
                closest_where = frequency_name(k) + ", r = " + std::to_string(b.distance);
            }
            breaks.push_back(b);
        }
        const std::size_t lowest = breaks.size() - 1;
        result.evidence["channels"] = d / 2;
        result.evidence["break_distance_highest_g_1"] = breaks.front().distance;
        if (d >= 4) result.evidence["break_distance_g_" + std::to_string(d / 4)] = breaks[static_cast<std::size_t>(d / 4 - 1)].distance;
        result.evidence["break_distance_lowest_g_" + std::to_string(d / 2)] = breaks[lowest].distance;
        result.evidence["cos_at_lowest_break"] = numeric::decimal_enclosure(breaks[lowest].at);
        // Every channel's break, k = 1..d/2 in order (the report's figure of the
        // break distance against the frequency index); p-RoPE and theta_larger follow.
        core::json rope_breaks = core::json::array();
        for (const ChannelBreak& b : breaks) rope_breaks.push_back(b.distance);
        result.evidence["break_distance_by_channel"] = {{"rope", std::move(rope_breaks)}};
        result.evidence["closed_form_cross_checks"] = breaks.size() - formula_undecided;
        result.margin = core::Margin{numeric::decimal_lower(*closest), numeric::decimal_upper(*closest), closest_where};

        // (ii) p-RoPE: removed channels are exactly position-independent, kept ones are RoPE's.
        const auto p = params.p;
        const FrequencySchedule prope(RotaryKind::p_rope, theta, d, p);
        const auto g_p = prope.frequencies<interval>();
        const interval far(static_cast<long long>(n));
        std::vector<std::string> failures;
        int removed = 0;
        for (int k = 1; k <= d / 2; ++k) {
            const auto i = static_cast<std::size_t>(k - 1);
            if (prope.chunks()[i].rotated) {
                if (!numeric::identical(g_p[i], g[i])) failures.push_back("kept p-RoPE channel " + frequency_name(k) + " differs from RoPE's");
                continue;
            }
            ++removed;
            // The exact point 0 makes r * 0 = 0 and cos(0) = 1 for every integer r;
            // cos at r = N is evaluated only to show the enclosure stays the point 1.
            if (numeric::is_equal(g_p[i], interval(0)) != numeric::Certainty::certainly ||
                numeric::is_equal(cos(far * g_p[i]), interval(1)) != numeric::Certainty::certainly)
                failures.push_back("removed p-RoPE channel " + frequency_name(k) + " is not exactly position-independent");
        }
        result.evidence["p"] = p.str();
        result.evidence["prope_removed_channels"] = removed;
        core::json rotated = core::json::array();
        for (const auto& chunk : prope.chunks()) rotated.push_back(chunk.rotated);
        result.evidence["break_distance_by_channel"]["prope_rotated"] = std::move(rotated);

        // (iii) every k >= 2 breaks no earlier at theta_larger (a break beyond N is later than any within N).
        // g_1 = theta^0 is the same frequency at both bases; its break is searched
        // again only for the by-channel list (null: no break within N).
        int strictly_later = 0;
        core::json larger_breaks = core::json::array();
        {
            const BreakSearch first = break_of(g_larger[0], n);
            larger_breaks.push_back(first.found ? core::json(first.found->distance) : core::json(nullptr));
        }
        for (int k = 2; k <= d / 2; ++k) {
            const auto i = static_cast<std::size_t>(k - 1);
            const BreakSearch search = break_of(g_larger[i], n);
            if (search.undecided)
                return inconclusive(std::move(result), "the sign of cos(r " + frequency_name(k) + ") at theta = " +
                                                           theta_larger + ", r = " + std::to_string(*search.undecided) +
                                                           " cannot be decided at " + bits + " bits; raise --precision");
            if (search.found && search.found->distance < breaks[i].distance)
                failures.push_back("channel " + frequency_name(k) + " breaks earlier at theta = " + theta_larger + " (r = " +
                                   std::to_string(search.found->distance) + ") than at theta = " + theta + " (r = " +
                                   std::to_string(breaks[i].distance) + ")");
            if (!search.found || search.found->distance > breaks[i].distance) ++strictly_later;
            larger_breaks.push_back(search.found ? core::json(search.found->distance) : core::json(nullptr));
            if (k == d / 2)
                result.evidence["break_distance_lowest_at_theta_larger"] =
                    search.found ? core::json(search.found->distance) : core::json("beyond " + std::to_string(n));
        }
        result.evidence["channels_breaking_strictly_later_at_theta_larger"] = strictly_later;
        result.evidence["break_distance_by_channel"]["rope_theta_larger"] = std::move(larger_breaks);

        if (!failures.empty()) {
            result.verdict = core::Verdict::refuted;
            result.message = failures.front() + (failures.size() > 1 ? " (and " + std::to_string(failures.size() - 1) + " more)" : "");
            core::Counterexample cx;
            cx.kind = "a part of Theorem 6.1's finite form fails";
            cx.inputs = {{"head_dim", std::to_string(d)}, {"theta", theta}, {"theta_larger", theta_larger}, {"p", p.str()}};
            cx.claimed = "every channel breaks, removed p-RoPE channels never do, larger theta breaks no earlier";
            cx.computed = result.message;
            cx.replay = support::replay_header(instance);
            result.counterexample = std::move(cx);
            return result;
        }
        result.verdict = core::Verdict::certified;
        result.message = "all " + std::to_string(d / 2) + " channels break (g_1 at r = " +
                         std::to_string(breaks.front().distance) + ", " + frequency_name(d / 2) + " at r = " +
                         std::to_string(breaks[lowest].distance) + "); " + std::to_string(removed) +
                         " removed p-RoPE channels exactly position-independent; " +
                         (d >= 4 ? "no break earlier at theta = " + theta_larger + " (" + std::to_string(strictly_later) +
                                       " of " + std::to_string(d / 2 - 1) + " strictly later)"
                                 : std::string("d = 2 has no channel k >= 2 to compare across theta"));
        return result;
    }

    static core::InstanceResult run_early_break_control(const core::Instance& instance, const Params& params) {
        const std::string theta = params.theta;
        const int d = params.head_dim;
        const auto g = FrequencySchedule::rope(theta, d).frequencies<interval>();
        const std::string bits = std::to_string(instance.precision_bits);
        core::InstanceResult result;
        core::json claimed = core::json::array();
        std::optional<interval> closest;  // the smallest cos(r g_k) at r = b_k - 1 over the channels
        int closest_k = 0;
        std::int64_t closest_r = 0;
        for (int k = 1; k <= d / 2; ++k) {
            const auto b = support::quarter_turn_break(support::reference_rope_frequency(theta, d, k));
            if (!b)
                return inconclusive(std::move(result), "floor(pi / (2 " + frequency_name(k) +
                                                           ")) is not decided at " + bits + " bits; raise --precision");
            const std::int64_t early = *b - 1;  // >= 1: every g_k <= 1 < pi / 2
            const BreakSearch search = break_of(g[static_cast<std::size_t>(k - 1)], early);
            if (search.undecided)
                return inconclusive(std::move(result), "the sign of cos(r " + frequency_name(k) + ") at r = " +
                                                           std::to_string(*search.undecided) + " cannot be decided at " +
                                                           bits + " bits; raise --precision");
            if (search.found) {
                result.verdict = core::Verdict::error;
                result.message = "internal inconsistency: the sweep breaks " + frequency_name(k) + " at r = " +
                                 std::to_string(search.found->distance) + " < floor(pi / (2 g)) + 1 = " +
                                 std::to_string(*b);
                return result;
            }
            const interval at = cos(interval(static_cast<long long>(early)) * g[static_cast<std::size_t>(k - 1)]);
            if (!closest || numeric::lower_bound(at) < numeric::lower_bound(*closest)) {
                closest = at;
                closest_k = k;
                closest_r = early;
            }
            claimed.push_back({{"k", k}, {"claimed_break", early}, {"closed_form_break", *b}});
        }
        result.evidence["claimed_breaks"] = std::move(claimed);
        const std::string where = frequency_name(closest_k) + ", r = " + std::to_string(closest_r);
        // How clearly the claimed break fails: cos at the claimed distance, certainly >= 0.
        result.margin = core::Margin{numeric::decimal_lower(*closest), numeric::decimal_upper(*closest), where};
        result.verdict = core::Verdict::refuted;
        result.message = "no channel breaks one distance early: the sweep certifies cos(r g_k) >= 0 for every r <= "
                         "floor(pi / (2 g_k)) and every k = 1.." + std::to_string(d / 2) + " (closest to 0 at " +
                         where + ", cos in " + numeric::decimal_enclosure(*closest, 8) + ")";
        core::Counterexample cx;
        cx.kind = "a channel does not break at the claimed distance";
        cx.inputs = {{"head_dim", std::to_string(d)},
                     {"theta", theta},
                     {"frequency", frequency_name(closest_k)},
                     {"claimed break r", std::to_string(closest_r)}};
        cx.claimed = "cos(r g_k) < 0 for some r <= floor(pi / (2 g_k)), for every k";
        cx.computed = "cos(r g_k) >= 0 for every 1 <= r <= floor(pi / (2 g_k)) and every k (certified sweep); at " +
                      where + " cos in " + numeric::decimal_enclosure(*closest);
        cx.replay = support::replay_header(instance);
        cx.replay["inputs"] = {{"frequency_index", closest_k}, {"claimed_break_distance", closest_r}};
        result.counterexample = std::move(cx);
        return result;
    }

    static core::InstanceResult run_robust_control(const core::Instance& instance, const Params& params) {
        const std::string theta = params.theta;
        const int d = params.head_dim;
        const std::int64_t length = *params.robust_length;
        const auto g = FrequencySchedule::rope(theta, d).frequencies<interval>();
        const int k = d / 2;
        const BreakSearch search = break_of(g.back(), length);
        core::InstanceResult result;
        if (search.undecided)
            return inconclusive(std::move(result), "the sign of cos(r " + frequency_name(k) + ") at r = " +
                                                       std::to_string(*search.undecided) + " cannot be decided at " +
                                                       std::to_string(instance.precision_bits) + " bits; raise --precision");
        if (!search.found) {
            result.verdict = core::Verdict::certified;
            result.message = "cos(r " + frequency_name(k) + ") >= 0 for every 1 <= r <= " + std::to_string(length) +
                             ": the channel is robust up to this length";
            return result;
        }
        const ChannelBreak& b = *search.found;
        result.evidence["break_distance"] = b.distance;
        result.evidence["robust_length"] = length;
        result.margin = core::Margin{numeric::decimal_lower(-b.at), numeric::decimal_upper(-b.at),
                                     frequency_name(k) + ", r = " + std::to_string(b.distance)};
        result.verdict = core::Verdict::refuted;
        result.message = "channel " + frequency_name(k) + " breaks at r = " + std::to_string(b.distance) +
                         " <= robust_length = " + std::to_string(length);
        core::Counterexample cx;
        cx.kind = "a semantic channel breaks before the claimed length";
        cx.inputs = {{"head_dim", std::to_string(d)},
                     {"theta", theta},
                     {"frequency", frequency_name(k) + " = " + numeric::decimal_midpoint(g.back())},
                     {"break distance r", std::to_string(b.distance)}};
        cx.claimed = "cos(r " + frequency_name(k) + ") >= 0 for every 1 <= r <= " + std::to_string(length);
        cx.computed = "cos(" + std::to_string(b.distance) + " " + frequency_name(k) + ") in " +
                      numeric::decimal_enclosure(b.at) + " < 0, and cos(r " + frequency_name(k) +
                      ") >= 0 for every r < " + std::to_string(b.distance);
        cx.replay = support::replay_header(instance);
        cx.replay["inputs"] = {{"frequency_index", k}, {"break_distance", b.distance}, {"robust_length", length}};
        result.counterexample = std::move(cx);
        return result;
    }
};

}  // namespace

ROPECHECK_REGISTER_CHECK(thm_6_1, SemanticChannelsBreakCheck, "thm-6.1", fields())

}  // namespace ropecheck::claims::thm_6_1
