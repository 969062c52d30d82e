// Su et al. 2021, RoFormer (arXiv 2104.09864), Sec. 3.4.3: after the Abel-summation bound
// |sum_i h_i e^{i m theta_i}| <= (max_i |h_{i+1} - h_i|) sum_{i=0}^{d/2-1} |S_{i+1}|, with RoFormer's
// S_j = sum_{k=0}^{j-1} e^{i m theta_k}, "the value of the relative upper bound (1/(d/2)) sum_{i=1}^{d/2} |S_i|
// decays with the relative distance" (theta_i = 10000^(-2i/d), Figure 2).
// The bound is su-decay-bound's (support/abel_bound.hpp, whose 1-based S_k = sum_{l<k} is RoFormer's
// S_{k-1}, so RoFormer's sum_{i=1}^{d/2} |S_i| is its sum_{k=2}^{d/2+1} |S_k|): abel_terms with h_k = 1
// for every chunk (q = k = (1, 0, 1, 0, ..), through the kernel's chunk coefficients), whose largest
// step |h_{d/2+1} - h_{d/2}| is exactly 1, so the relative bound is abel_terms' bound / (step d/2).
// Certified: its value at m = 0 is exactly (d/2 + 1)/2 (S_j = j there); and, for the monotone
// reading, the least pair r1 < r2 with a larger bound at r2, shrunk in (d, r2, r1) with the search
// of su-decay-bound's decreasing-belief control (support/first_increase.hpp), from d = 4 (at d = 2
// the relative bound is |e^{i m}| = 1 at every m: constant, which intervals cannot certify equal),
// and the first such pair at the paper's d. Pinned: the bound at that pair's two distances must
// overlap a second evaluation (reference frequencies, partial sums written out, no abel_terms).
// The claim: those determinations. Negative control:
//  monotone-reading  the paper's sentence read as "non-increasing in m": refuted by the shrunk pair.
#include <string>
#include <vector>

#include "ropecheck/numeric/certainty.hpp"
#include "ropecheck/numeric/decimal.hpp"
#include "ropecheck/numeric/invalid_input.hpp"
#include "ropecheck/rope/kernel.hpp"
#include "support/abel_bound.hpp"
#include "support/claim_support.hpp"
#include "support/first_increase.hpp"
#include "support/literature_row.hpp"
#include "support/reference_frequencies.hpp"

namespace ropecheck::claims::literature_roformer_relative_bound {
namespace {

struct RoformerBoundPoint : support::RopePoint {
    std::int64_t max_distance = 0, search_max_head_dim = 0;
    std::string control;
};

const std::vector<std::string> roformer_controls{"none", "monotone-reading"};

support::Fields<RoformerBoundPoint> roformer_fields() {
    using core::ParameterKind;
    using P = RoformerBoundPoint;
    return support::rope_fields<P>() +
           support::Fields<P>{{"max_distance", ParameterKind::integer, "the largest r2 searched", &P::max_distance},
                              {"search_max_head_dim", ParameterKind::integer, "the shrink searches d = 4, 6, .., this",
                               &P::search_max_head_dim},
                              {support::control_parameter(roformer_controls), &P::control}};
}

// (1/(d/2)) sum_{i=1}^{d/2} |S_i| (RoFormer's indices) at distance r, for head dimension d.
support::DistanceValue roformer_relative_bound(const std::string& theta, int d) {
    const auto freqs = rope::FrequencySchedule::rope(theta, d).frequencies<interval>();
    std::vector<interval> unit(static_cast<std::size_t>(d), interval(0));
    for (std::size_t i = 0; i < unit.size(); i += 2) unit[i] = interval(1);  // every h_k = 1
    const support::AbelWeights weights = support::abel_weights(rope::chunk_coefficients<interval>(unit, unit));
    const interval scale = weights.largest_step * interval(d / 2);
    return [freqs, weights, scale](std::int64_t r) { return support::abel_terms(weights, freqs, r).bound / scale; };
}

// The same bound by a second route sharing neither the schedule nor abel_terms: the reference
// frequencies (support/reference_frequencies.hpp) and RoFormer's partial sums written out.
interval roformer_reference_bound(const std::vector<interval>& reference, std::int64_t r) {
    const interval distance(static_cast<long long>(r));
    support::ComplexInterval partial{interval(0), interval(0)};
    interval sum(0);
    for (const interval& g : reference) {
        partial.re = partial.re + cos(distance * g);
        partial.im = partial.im + sin(distance * g);
        sum = sum + support::modulus(partial);
    }
    return sum / interval(static_cast<long long>(reference.size()));
}

std::string roformer_pair(int d, const support::FirstIncrease& pair) {
    return "d = " + std::to_string(d) + ": " + numeric::decimal_enclosure(pair.at_r2, 8) + " at m = " +
           std::to_string(pair.r2) + " > " + numeric::decimal_enclosure(pair.at_r1, 8) + " at m = " +
           std::to_string(pair.r1);
}

class LiteratureRoformerRelativeBoundCheck final : public support::ClaimCheck<RoformerBoundPoint> {
    using ClaimCheck::ClaimCheck;

    void check(const RoformerBoundPoint& p) const override {
        support::rope_schedule(p);
        support::control_of(p.control, roformer_controls);
        support::require_range("max_distance", p.max_distance, 1, 100'000);
        support::require_range("search_max_head_dim", p.search_max_head_dim, 4, 4096);
        if (p.search_max_head_dim % 2 != 0) throw InvalidInput("search_max_head_dim must be even");
    }

    core::InstanceResult decide(const core::Instance& instance, const RoformerBoundPoint& p) const override {
        using Outcome = support::FirstIncrease::Outcome;
        const int n = p.head_dim / 2;
        const interval at_zero = roformer_relative_bound(p.theta, p.head_dim)(0);
        const interval expected = interval(n + 1) / interval(2);
        const support::FirstIncrease natural =
            support::first_increase(roformer_relative_bound(p.theta, p.head_dim), p.max_distance);
        const support::ShrunkIncrease shrunk = support::shrink_increase(
            [&](int d) { return roformer_relative_bound(p.theta, d); }, 4, static_cast<int>(p.search_max_head_dim),
            p.max_distance);

        core::InstanceResult result;
        result.evidence["bound_form"] = "(1/(d/2)) sum_{i=1}^{d/2} |S_i|, S_j = sum_{k=0}^{j-1} e^{i m theta_k} "
                                        "(abel_terms with h_k = 1, divided by its largest step times d/2)";
        result.evidence["at_zero"] = numeric::decimal_enclosure(at_zero, 12);
        result.evidence["at_zero_closed_form"] = std::to_string(n + 1) + "/2";
        result.evidence["search"] = {{"head_dims", "4, 6, .., " + std::to_string(p.search_max_head_dim)},
                                     {"max_r2", p.max_distance},
                                     {"order", "least d, then least r2, then least r1"},
                                     {"head_dims_excluded", shrunk.excluded}};
        if (numeric::is_equal(at_zero, expected) != numeric::Certainty::certainly)
            return support::refuted(std::move(result), instance, "the relative bound at 0 is not (d/2 + 1)/2",
                                    {{"head_dim", std::to_string(p.head_dim)}}, "(d/2 + 1)/2",
                                    "bound at 0 in " + numeric::decimal_enclosure(at_zero, 12), {{"distance", 0}});
        if (natural.outcome == Outcome::undecided || (shrunk.head_dim != 0 && shrunk.pair.outcome == Outcome::undecided)) {
            result.verdict = core::Verdict::inconclusive;
            result.message = "two values of the relative bound cannot be separated; raise --precision";
            return result;
        }
        // Pinned: the bound at the natural pair (or at max_distance) by the second route.
        const auto reference = support::reference_rope_frequencies(p.theta, p.head_dim);
        const auto bound = roformer_relative_bound(p.theta, p.head_dim);
        std::vector<std::int64_t> pinned{p.max_distance};
        if (natural.outcome == Outcome::found) pinned = {natural.r1, natural.r2};
        for (const std::int64_t r : pinned) {
            const interval ours = bound(r), second = roformer_reference_bound(reference, r);
            result.evidence["reference_at_" + std::to_string(r)] = numeric::decimal_enclosure(second, 12);
            if (!numeric::overlaps(ours, second))
                return support::refuted(std::move(result), instance, "the relative bound differs from the reference route",
                                        {{"head_dim", std::to_string(p.head_dim)}, {"distance", std::to_string(r)}},
                                        "reference in " + numeric::decimal_enclosure(second, 12),
                                        "abel_terms in " + numeric::decimal_enclosure(ours, 12), {{"distance", r}});
        }
        const std::string natural_text =
            natural.outcome == Outcome::found ? roformer_pair(p.head_dim, natural)
                                              : "non-increasing on 0.." + std::to_string(p.max_distance) + " at d = " +
                                                    std::to_string(p.head_dim) + " (certified)";
        result.evidence["first_increase_at_head_dim"] = natural_text;
        const std::string shrunk_text = shrunk.head_dim == 0 ? "none up to d = " + std::to_string(p.search_max_head_dim)
                                                             : roformer_pair(shrunk.head_dim, shrunk.pair);
        result.evidence["least_increase"] = shrunk_text;
        const std::string ours = "exactly " + std::to_string(n + 1) + "/2 at m = 0 (d = " + std::to_string(p.head_dim) +
                                 "); not monotone: " + natural_text + "; least counterexample " + shrunk_text;
        const bool monotone = natural.outcome == Outcome::none && shrunk.head_dim == 0;
        result.evidence["literature"] = support::literature_row(
            "Su et al. 2021 (RoFormer), Sec. 3.4.3",
            "the relative upper bound (1/(d/2)) sum |S_i| decays with the relative distance (read: non-increasing; theta = " +
                p.theta + ")",
            "decays (Figure 2)", ours, monotone);
        if (p.control == "monotone-reading" && shrunk.head_dim != 0) {
            const support::FirstIncrease& pair = shrunk.pair;
            result.margin = core::Margin{numeric::decimal_lower(pair.at_r2 - pair.at_r1),
                                         numeric::decimal_upper(pair.at_r2 - pair.at_r1),
                                         "d = " + std::to_string(shrunk.head_dim) + ", m = " + std::to_string(pair.r1) +
                                             " -> " + std::to_string(pair.r2)};
            return support::paper_statement_refuted(std::move(result), instance, "the relative upper bound increases with distance",
                                      {{"head_dim", std::to_string(shrunk.head_dim)}, {"theta", p.theta},
                                       {"r1", std::to_string(pair.r1)}, {"r2", std::to_string(pair.r2)}},
                                      "(1/(d/2)) sum |S_i| at r2 <= at r1 for every r1 < r2", shrunk_text,
                                      {{"head_dim", shrunk.head_dim}, {"r1", pair.r1}, {"r2", pair.r2}});
        }
        return support::certified_with(std::move(result), ours);
    }
};

}  // namespace

ROPECHECK_REGISTER_CHECK(literature_roformer_relative_bound, LiteratureRoformerRelativeBoundCheck, "literature-roformer-relative-bound", roformer_fields())

}  // namespace ropecheck::claims::literature_roformer_relative_bound
