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
// Negative control "too-short": claims the points are delta-dense already at
// N(delta) - 1; refuted at the first checked frequency by the certified largest
// gap there (>= delta by both methods).
#include <optional>

#include "checks.hpp"
#include "ropecheck/numeric/certainty.hpp"
#include "ropecheck/numeric/decimal.hpp"
#include "ropecheck/numeric/invalid_input.hpp"
#include "ropecheck/probes/density.hpp"
#include "support/claim_support.hpp"

namespace ropecheck::claims {
namespace {

using numeric::interval;
using probes::Method;

std::optional<interval> intersect(const interval& a, const interval& b) {
    if (!numeric::overlaps(a, b)) return std::nullopt;
    interval out;
    mpfi_intersect(out.backend().data(), a.backend().data(), b.backend().data());
    return out;
}

interval parse_gap(const core::Parameters& p) {
    const std::string text = p.decimal("gap");
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

class DensityCheck final : public core::Check {
public:
    std::string name() const override { return "lemma-a.2"; }

    std::vector<core::ParameterSpec> parameters() const override {
        return {support::head_dim_parameter(),
                support::theta_parameter(),
                {"gap", core::ParameterKind::decimal, "delta in radians, a decimal in (0, 2 pi), e.g. \"0.5\""},
                {"max_length", core::ParameterKind::integer, "largest N searched (at most 10^7)"},
                {"stride", core::ParameterKind::integer, "check k = 1, 1 + stride, .. and d/2", false, 1},
                support::control_parameter("none, too-short")};
    }

    void validate(const core::Parameters& p) const override {
        support::rope_schedule(p);
        parse_gap(p);
        support::require_range("max_length", p.integer("max_length"), 1, probes::max_exhaustive_length);
        support::require_range("stride", p.integer("stride"), 1, 1 << 16);
        support::control_of(p, {"none", "too-short"});
    }

    core::InstanceResult run(const core::Instance& instance) const override {
        const core::Parameters& p = instance.params;
        const auto schedule = support::rope_schedule(p);
        const interval gap = parse_gap(p);
        const std::int64_t max_length = p.integer("max_length");
        const bool too_short = support::control_of(p, {"none", "too-short"}) == "too-short";
        const auto freqs = schedule.frequencies<interval>();
        const std::vector<int> ks = checked_frequencies(schedule.pairs(), p.integer("stride"));

        core::InstanceResult result;
        result.evidence["gap"] = p.decimal("gap");
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
            o.gap_at = intersect(a.largest_gap_at_answer, b.largest_gap_at_answer);
            o.gap_before = intersect(a.largest_gap_before_answer, b.largest_gap_before_answer);
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
                    return refute_too_short(instance, schedule, k, g, p.decimal("gap"), gap, n, *o.gap_before,
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

std::unique_ptr<core::Check> make_lemma_a_2_check() { return std::make_unique<DensityCheck>(); }

}  // namespace ropecheck::claims
