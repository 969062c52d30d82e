// Lemma A.2 made finite: if g / pi is irrational, {r g mod 2 pi : r in N} is
// dense in [0, 2 pi). For a gap delta and each checked frequency g_k of a RoPE
// schedule, the least N(delta) such that the points {r g_k mod 2 pi : 0 <= r <= N}
// leave no circular gap >= delta is computed two independent ways that must
// agree exactly: the three distance theorem on the continued fraction of
// g_k / (2 pi), and inserting every point into a sorted set
// (probes/density.hpp). Then density at N(delta) is certified from both
// methods' enclosures: the largest gap at N(delta) is certainly < delta and at
// N(delta) - 1 certainly >= delta.
// Which frequencies: k = 1, 1 + stride, 1 + 2 stride, .. and always the lowest,
// k = d/2 (the slowest to fill the circle); stride = 1 checks all of them.
// An answer beyond max_length is inconclusive (the budget ran out), not a pass.
// delta should be neither a whole number of radians nor a power of ten: for
// g_1 = 1 (and, with theta = 10^4, the exact g_k = 0.1, 0.01, ..) one gap is
// exactly g_k, and a gap equal to delta cannot be told from delta.
// Pinned (provenance in docs/claims-group-b.md): g_1 = theta^0 = 1 for every
// theta, and N(delta) of g = 1 was derived independently (a 40-digit sorted
// insertion in mpmath) for delta = 0.5, 0.05, 0.005: 18, 288, 46482. At k = 1
// with one of those deltas both methods must give that N(delta).
// Negative control "near-rational" (the perturbation): the frequency
// g = 2 pi a / q + eps (turns = "a/q", perturbation = eps), through the same
// two methods, with the claim that the points become delta-dense within
// max_length = M. For M >= 2q - 1 and (M + q) eps < 2 pi / q the N + 1 points
// form q clusters of width <= M eps around the q-th roots of a whole turn
// (docs: the derivation), so every N <= M leaves a gap of at least
// 2 pi / q - M eps > delta; both methods must certify that no N <= M is dense
// (refuted), and their largest gap at N = M must overlap the exact value
// 2 pi / q - D eps, D = min_j (last r of cluster j - first r of cluster j + 1),
// computed here with integer arithmetic (else: error). An exactly rational g
// is not used: its enclosure contains p/q itself, where the continued fraction
// cannot decide the quotient after p/q and would only say "inconclusive".
// Negative control "too-short" (a complement, kept as an extra): claims the
// points are delta-dense already at N(delta) - 1; refuted at the first checked
// frequency by the certified largest gap there (>= delta by both methods).
#include <numeric>
#include <optional>

#include "ropecheck/numeric/certainty.hpp"
#include "ropecheck/numeric/decimal.hpp"
#include "ropecheck/numeric/enclosure.hpp"
#include "ropecheck/numeric/invalid_input.hpp"
#include "ropecheck/probes/density.hpp"
#include "support/claim_support.hpp"

namespace ropecheck::claims::lemma_a_2 {
namespace {

using probes::Method;

struct Params : support::RopePoint {
    std::string gap;
    std::int64_t max_length = 0, stride = 0;
    std::optional<std::string> turns, perturbation;  // the near-rational control's
    std::string control;
};

const std::vector<std::string> controls{"none", "near-rational", "too-short"};

// Each parameter once: the schema, the range checks and the run all read it.
support::Fields<Params> fields() {
    return support::rope_fields<Params>() +
           support::Fields<Params>{
               {"gap", core::ParameterKind::decimal, "delta in radians, a decimal in (0, 2 pi), e.g. \"0.5\"",
                &Params::gap},
               {"max_length", core::ParameterKind::integer, "largest N searched (at most 10^7)", &Params::max_length},
               {"stride", core::ParameterKind::integer, "check k = 1, 1 + stride, .. and d/2", 1, &Params::stride},
               {"turns", core::ParameterKind::text, "near-rational: g = 2 pi a/q + eps, turns = \"a/q\"",
                &Params::turns},
               {"perturbation", core::ParameterKind::decimal, "near-rational: eps > 0 (radians)",
                &Params::perturbation},
               {support::control_parameter(controls), &Params::control}};
}

interval parse_gap(const Params& p) {
    const std::string text = p.gap;
    interval gap;
    try {
        gap = numeric::enclose_decimal(text);
    } catch (const std::invalid_argument&) {
        throw InvalidInput("gap = \"" + text + "\" is not a decimal number");
    }
    // The probe needs gap / (2 pi) <= 1 - 2^-64; any gap certainly below 6.2831853 is far inside.
    if (!numeric::certainly_positive(gap) || !numeric::certainly_negative(gap - numeric::enclose_decimal("6.2831853")))
        throw InvalidInput("gap = " + text + " is not inside (0, 2 pi) (at most 6.2831853)");
    return gap;
}

constexpr std::int64_t max_turn_denominator = 10'000;

// N(delta) of g = 1, keyed by the exact decimal delta.
struct PinnedLength {
    const char* gap;
    std::int64_t least_length;
};
constexpr PinnedLength g1_least_lengths[] = {{"0.5", 18}, {"0.05", 288}, {"0.005", 46482}};

std::optional<std::int64_t> pinned_g1_length(const std::string& gap) {
    for (const auto& pin : g1_least_lengths)
        if (gap == pin.gap) return pin.least_length;
    return std::nullopt;
}

// turns = "a/q" with 0 < a < q <= max_turn_denominator, gcd(a, q) = 1.
std::pair<std::int64_t, std::int64_t> parse_turns(const std::string& text) {
    const auto slash = text.find('/');
    std::int64_t a = 0, q = 0;
    try {
        std::size_t used = 0;
        if (slash == std::string::npos) throw std::invalid_argument("no slash");
        a = std::stoll(text.substr(0, slash), &used);
        if (used != slash) throw std::invalid_argument("numerator");
        q = std::stoll(text.substr(slash + 1), &used);
        if (used != text.size() - slash - 1) throw std::invalid_argument("denominator");
    } catch (const std::exception&) {
        throw InvalidInput("turns = \"" + text + "\" is not a fraction a/q of two integers");
    }
    if (a <= 0 || q <= a || q > max_turn_denominator || std::gcd(a, q) != 1)
        throw InvalidInput("turns = \"" + text + "\" must be a/q in lowest terms with 0 < a < q <= " +
                           std::to_string(max_turn_denominator));
    return {a, q};
}

// The near-rational frequency 2 pi a / q + eps and the exact largest gap of its
// points r = 0..M, 2 pi / q - D eps (see the file comment). Validates the
// derivation's hypotheses, naming the parameter.
struct NearRational {
    std::int64_t a = 0, q = 1;
    interval frequency;
    interval largest_gap_at_max;  // at N = max_length
};

NearRational near_rational(const Params& p, const interval& gap) {
    NearRational nr;
    std::tie(nr.a, nr.q) = parse_turns(*p.turns);
    const std::string eps_text = *p.perturbation;
    interval eps;
    try {
        eps = numeric::enclose_decimal(eps_text);
    } catch (const std::invalid_argument&) {
        throw InvalidInput("perturbation = \"" + eps_text + "\" is not a decimal number");
    }
    if (!numeric::certainly_positive(eps)) throw InvalidInput("perturbation = " + eps_text + " must be > 0");
    const std::int64_t m = p.max_length;
    if (m < 2 * nr.q - 1)
        throw InvalidInput("max_length = " + std::to_string(m) + " is below 2q - 1 for turns = " + *p.turns);
    const interval q(static_cast<long long>(nr.q));
    const interval turn_gap = numeric::two_pi() / q;
    if (!numeric::certainly_positive(turn_gap - (interval(static_cast<long long>(m)) + q) * eps))
        throw InvalidInput("perturbation = " + eps_text + " is too large for max_length = " + std::to_string(m) +
                           " and turns = " + *p.turns + ": (M + q) eps must stay below 2 pi / q");
    if (!numeric::certainly_positive(turn_gap - interval(static_cast<long long>(m)) * eps - gap))
        throw InvalidInput("gap = " + p.gap + " is not below 2 pi / q - M eps for turns = " +
                           *p.turns + ": the near-rational orbit would be dense");
    // Cluster j = r a mod q holds r = first_j, first_j + q, .. <= m.
    std::vector<std::int64_t> first(static_cast<std::size_t>(nr.q));
    for (std::int64_t r = 0; r < nr.q; ++r) first[static_cast<std::size_t>(r * nr.a % nr.q)] = r;
    std::int64_t d = m;
    for (std::int64_t j = 0; j < nr.q; ++j) {
        const std::int64_t f = first[static_cast<std::size_t>(j)];
        const std::int64_t last = f + (m - f) / nr.q * nr.q;
        d = std::min(d, last - first[static_cast<std::size_t>((j + 1) % nr.q)]);
    }
    nr.frequency = numeric::two_pi() * interval(static_cast<long long>(nr.a)) / q + eps;
    nr.largest_gap_at_max = turn_gap - interval(static_cast<long long>(d)) * eps;
    return nr;
}

std::vector<int> checked_frequencies(int pairs, std::int64_t stride) {
    std::vector<int> ks;
    for (std::int64_t k = 1; k <= pairs; k += stride) ks.push_back(static_cast<int>(k));
    if (ks.back() != pairs) ks.push_back(pairs);
    return ks;
}

struct FrequencyOutcome {
    int k = 0;
    probes::DensityAnswer by_continued_fraction;
    probes::DensityAnswer by_insertion;
    std::optional<interval> gap_at;      // largest gap at N(delta), both enclosures intersected
    std::optional<interval> gap_before;  // at N(delta) - 1
};

class DensityCheck final : public support::ClaimCheck<Params> {
    using ClaimCheck::ClaimCheck;

    void check(const Params& p) const override {
        support::rope_schedule(p);
        parse_gap(p);
        support::require_range("max_length", p.max_length, 1, probes::max_exhaustive_length);
        support::require_range("stride", p.stride, 1, 1 << 16);
        const bool near = support::control_of(p.control, controls) == "near-rational";
        support::require_only_with("near-rational", near,
                                   {{"turns", p.turns.has_value()}, {"perturbation", p.perturbation.has_value()}});
        if (near) near_rational(p, parse_gap(p));
    }

    core::InstanceResult decide(const core::Instance& instance, const Params& p) const override {
        const auto schedule = support::rope_schedule(p);
        const interval gap = parse_gap(p);
        const std::int64_t max_length = p.max_length;
        const std::string control = support::control_of(p.control, controls);
        if (control == "near-rational") return run_near_rational(instance, p);
        const bool too_short = control == "too-short";
        const auto freqs = schedule.frequencies<interval>();
        const std::vector<int> ks = checked_frequencies(schedule.pairs(), p.stride);

        core::InstanceResult result;
        result.evidence["gap"] = p.gap;
        result.evidence["frequencies_checked"] = ks;
        result.evidence["least_lengths"] = core::json::array();
        bool have_tightest = false;
        interval tightest_slack;
        std::string tightest_where;
        for (int k : ks) {
            FrequencyOutcome o;
            o.k = k;
            const interval& g = freqs[static_cast<std::size_t>(k - 1)];
            o.by_continued_fraction = probes::density(g, gap, max_length, Method::continued_fraction);
            o.by_insertion = probes::density(g, gap, max_length, Method::exhaustive);
            const auto& a = o.by_continued_fraction;
            const auto& b = o.by_insertion;
            result.evidence["least_lengths"].push_back(
                {{"k", k},
                 {"least_length_continued_fraction", a.least_length ? core::json(*a.least_length) : nullptr},
                 {"least_length_insertion", b.least_length ? core::json(*b.least_length) : nullptr}});
            const std::string at_k = "k = " + std::to_string(k);

            if (a.certified && b.certified && a.least_length != b.least_length) {
                result.verdict = core::Verdict::error;
                result.message = at_k + ": the continued fraction says N(delta) = " + length_text(a.least_length) +
                                 ", the sorted insertion " + length_text(b.least_length);
                return result;
            }
            if (!a.certified || !b.certified) {
                result.verdict = core::Verdict::inconclusive;
                result.message = at_k + ": the " + (a.certified ? "insertion" : "continued fraction") +
                                 " cannot decide N(delta) (" + (a.certified ? b.undecided_reason : a.undecided_reason) +
                                 "); raise --precision";
                return result;
            }
            if (!a.least_length) {
                result.verdict = core::Verdict::inconclusive;
                result.message = at_k + ": N(delta) > max_length = " + std::to_string(max_length) +
                                 " (both methods); raise max_length";
                return result;
            }
            const auto pin = pinned_g1_length(p.gap);
            if (k == 1 && pin) result.evidence["pinned_g1_least_length"] = *pin;
            if (k == 1 && pin && *pin != *a.least_length) {
                result.verdict = core::Verdict::error;
                result.message = "g_1 = 1 must be delta-dense first at the pinned N(" + p.gap + ") = " +
                                 std::to_string(*pin) + "; both methods say " + std::to_string(*a.least_length);
                return result;
            }
            o.gap_at = numeric::common_part(a.largest_gap_at_answer, b.largest_gap_at_answer);
            o.gap_before = numeric::common_part(a.largest_gap_before_answer, b.largest_gap_before_answer);
            if (!o.gap_at || !o.gap_before) {
                result.verdict = core::Verdict::error;
                result.message = at_k + ": the two methods' largest-gap enclosures are disjoint";
                return result;
            }
            const std::int64_t n = *a.least_length;
            const interval slack_at = gap - *o.gap_at;          // > 0: dense at N(delta)
            const interval slack_before = *o.gap_before - gap;  // >= 0: not dense one point earlier
            if (too_short) {
                if (numeric::is_negative(slack_before) == numeric::Certainty::certainly_not)
                    return refute_too_short(instance, schedule, k, g, p.gap, gap, n, *o.gap_before,
                                            std::move(result));
                result.verdict = core::Verdict::inconclusive;
                result.message = at_k + ": the largest gap at N(delta) - 1 cannot be certified >= delta";
                return result;
            }
            if (!numeric::certainly_positive(slack_at) ||
                numeric::is_negative(slack_before) != numeric::Certainty::certainly_not) {
                result.verdict = core::Verdict::inconclusive;
                result.message = at_k + ", N(delta) = " + std::to_string(n) +
                                 ": the largest gaps cannot be certified on their sides of delta";
                return result;
            }
            for (const auto& [slack, where] :
                 {std::pair{slack_at, "N = N(delta) = " + std::to_string(n)},
                  std::pair{slack_before, "N = N(delta) - 1 = " + std::to_string(n - 1)}}) {
                if (!have_tightest || numeric::lower_bound(slack) < numeric::lower_bound(tightest_slack)) {
                    have_tightest = true;
                    tightest_slack = slack;
                    tightest_where = at_k + ", " + where;
                }
            }
        }
        result.margin = core::Margin{numeric::decimal_lower(tightest_slack), numeric::decimal_upper(tightest_slack),
                                     tightest_where};
        result.verdict = core::Verdict::certified;
        result.message = "N(delta) agrees between the continued fraction and the sorted insertion for every checked "
                         "frequency (" + std::to_string(ks.size()) + "); the largest gap is < delta at N(delta) " +
                         "and >= delta one point earlier (tightest: " + tightest_where + ", by " +
                         numeric::decimal_lower(tightest_slack, 6) + ")";
        return result;
    }

private:
    // The near-rational control: both methods must certify that no N <= M
    // leaves every gap below delta, and agree with the exact largest gap at M.
    static core::InstanceResult run_near_rational(const core::Instance& instance, const Params& p) {
        const interval gap = parse_gap(p);
        const NearRational nr = near_rational(p, gap);
        const std::int64_t m = p.max_length;
        const std::string g_text = "2 pi * " + *p.turns + " + " + *p.perturbation;
        const auto a = probes::density(nr.frequency, gap, m, Method::continued_fraction);
        const auto b = probes::density(nr.frequency, gap, m, Method::exhaustive);
        const auto by_cf = probes::largest_gaps(nr.frequency, m, Method::continued_fraction).back();
        const auto by_insertion = probes::largest_gaps(nr.frequency, m, Method::exhaustive).back();

        core::InstanceResult result;
        result.evidence["frequency"] = g_text;
        result.evidence["gap"] = p.gap;
        result.evidence["max_length"] = m;
        result.evidence["least_length_continued_fraction"] = a.least_length ? core::json(*a.least_length) : nullptr;
        result.evidence["least_length_insertion"] = b.least_length ? core::json(*b.least_length) : nullptr;
        result.evidence["largest_gap_at_max_exact"] = numeric::decimal_enclosure(nr.largest_gap_at_max, 12);
        if (!a.certified || !b.certified || !by_cf || !by_insertion) {
            result.verdict = core::Verdict::inconclusive;
            result.message = "g = " + g_text + ": the " + (a.certified && by_cf ? "insertion" : "continued fraction") +
                             " cannot decide density up to " + std::to_string(m) + " (" +
                             (a.certified ? b.undecided_reason : a.undecided_reason) + ")";
            return result;
        }
        if (a.least_length || b.least_length) {
            result.verdict = core::Verdict::certified;
            result.message = "g = " + g_text + " is delta-dense at N = " +
                             std::to_string(a.least_length ? *a.least_length : *b.least_length) +
                             " <= max_length by the " + (a.least_length ? "continued fraction" : "insertion");
            return result;
        }
        const auto gap_at_max = numeric::common_part(*by_cf, *by_insertion);
        if (!gap_at_max || !numeric::overlaps(*gap_at_max, nr.largest_gap_at_max)) {
            result.verdict = core::Verdict::error;
            result.message = "g = " + g_text + ": the largest gap at N = " + std::to_string(m) + " is " +
                             numeric::decimal_enclosure(*by_cf, 10) + " (continued fraction) and " +
                             numeric::decimal_enclosure(*by_insertion, 10) + " (insertion); exactly 2 pi / q - D eps = " +
                             numeric::decimal_enclosure(nr.largest_gap_at_max, 10);
            return result;
        }
        result.evidence["largest_gap_at_max"] = numeric::decimal_enclosure(*gap_at_max, 12);
        const interval excess = *gap_at_max - gap;  // > 0: a gap >= delta remains at every N <= M
        const std::string where = "g = " + g_text + ", N = " + std::to_string(m);
        result.margin = core::Margin{numeric::decimal_lower(excess), numeric::decimal_upper(excess),
                                     "largest gap - delta at " + where};
        result.verdict = core::Verdict::refuted;
        result.message = where + ": no N <= " + std::to_string(m) + " is delta-dense (both methods); the largest " +
                         "gap at N = " + std::to_string(m) + " is " + numeric::decimal_enclosure(*gap_at_max, 8) +
                         " = 2 pi / q - D eps >= delta = " + p.gap;
        core::Counterexample cx;
        cx.kind = "a near-rational orbit stays coarse: a gap >= delta at every N <= max_length";
        cx.inputs = {{"g", g_text}, {"delta", p.gap}, {"max_length", std::to_string(m)}};
        cx.claimed = "{r g mod 2 pi : 0 <= r <= N} leaves no gap >= delta for some N <= " + std::to_string(m);
        cx.computed = "certified by the continued fraction and the insertion: a gap >= delta at every N <= " +
                      std::to_string(m) + "; at N = " + std::to_string(m) + " the largest is in " +
                      numeric::decimal_enclosure(*gap_at_max);
        cx.replay = support::replay_header(instance);
        cx.replay["inputs"] = {{"turns", *p.turns},
                               {"perturbation", *p.perturbation},
                               {"length", m},
                               {"largest_gap", {numeric::decimal_lower(*gap_at_max), numeric::decimal_upper(*gap_at_max)}}};
        result.counterexample = std::move(cx);
        return result;
    }

    static std::string length_text(const std::optional<std::int64_t>& n) {
        return n ? std::to_string(*n) : std::string("none");
    }

    static core::InstanceResult refute_too_short(const core::Instance& instance, const rope::FrequencySchedule& schedule,
                                                 int k, const interval& g, const std::string& gap_text,
                                                 const interval& gap, std::int64_t least, const interval& gap_before,
                                                 core::InstanceResult result) {
        const std::int64_t claimed = least - 1;
        const interval excess = gap_before - gap;
        result.verdict = core::Verdict::refuted;
        result.margin = core::Margin{numeric::decimal_lower(-excess), numeric::decimal_upper(-excess),
                                     "k = " + std::to_string(k) + ", N = " + std::to_string(claimed)};
        result.message = "k = " + std::to_string(k) + ": with N = " + std::to_string(claimed) +
                         " a gap of " + numeric::decimal_lower(gap_before, 8) + " >= delta = " + gap_text +
                         " remains (both methods)";
        core::Counterexample cx;
        cx.kind = "a gap of at least delta remains";
        cx.inputs = {{"head_dim", std::to_string(schedule.head_dim())},
                     {"theta", schedule.theta()},
                     {"frequency k", std::to_string(k)},
                     {"g_k", numeric::decimal_enclosure(g)},
                     {"delta", gap_text},
                     {"N", std::to_string(claimed)}};
        cx.claimed = "{r g_k mod 2 pi : 0 <= r <= " + std::to_string(claimed) + "} leaves no gap >= delta";
        cx.computed = "largest gap in " + numeric::decimal_enclosure(gap_before) + " >= delta";
        cx.replay = support::replay_header(instance);
        cx.replay["inputs"] = {{"frequency_index", k},
                               {"length", claimed},
                               {"largest_gap", {numeric::decimal_lower(gap_before), numeric::decimal_upper(gap_before)}}};
        result.counterexample = std::move(cx);
        return result;
    }
};

}  // namespace

ROPECHECK_REGISTER_CHECK(lemma_a_2, DensityCheck, "lemma-a.2", fields())

}  // namespace ropecheck::claims::lemma_a_2
