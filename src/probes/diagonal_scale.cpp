// diagonal-scale: the least ||psi||^2 that makes Theorem 5.3's construction a
// diagonal (or previous-token) head up to length N.
//
// Derivation, in the kernel's convention a_{i,j} = q_i^T R^(j-i) k_j (keys at
// j <= i, so r = j - i <= 0), with one frequency g and s = ||psi||^2:
//   diagonal        q_i = k_j = psi:  a_{i,j} = psi^T rho((j - i) g) psi = s cos((j - i) g).
//                   The target j = i scores s; key j scores s - s m(i - j), with
//                   m(r) = 1 - cos(r g) (even in r). So
//                   alpha_{i,i} = 1 / (1 + F_i(s)),  F_i(s) = sum_{r=1}^{i-1} exp(-s m(r)).
//   previous-token  q_i = psi, k_j = rho(g) psi:
//                   a_{i,j} = psi^T rho((j - i) g) rho(g) psi = s cos((j - i + 1) g),
//                   largest (= s) exactly at the target j = i - 1. The other keys sit at
//                   t = j - i + 1 in {1} (j = i, the query's own token) and
//                   {-1, .., -(i - 2)} (j = i - 2 .. 1); by evenness of m,
//                   F_i(s) = exp(-s m(1)) + sum_{r=1}^{i-2} exp(-s m(r)).
//                   Position 1 has no previous token and is not constrained.
// Every term is positive, so F_i grows with i: the worst position is i = N
// (it has every competitor the earlier positions have, and more), and the
// pattern holds at s iff alpha_{N,target} > 1 - eps iff F_N(s) < T = eps / (1 - eps).
// Each m(r) >= 0, so F is non-increasing in s; when every m(r) > 0 (g / pi
// irrational, certified per distance) it is strictly decreasing, F(0) = |D| >= 1
// >= T (eps <= 1/2), and s* is the unique root of F(s) = T: the pattern fails
// on [0, s*] and holds on (s*, inf).
//
// Search: a double-precision estimate (scale_estimate.cpp) brackets s*; MPFI
// bisection on the enclosure of F (competitor_sum.cpp: exact terms for the
// distances near a whole turn, a certified bound for the rest) narrows the
// bracket until (upper - lower) / upper <= 2^-40 or the precision cannot
// decide; finally pattern_holds, with its own split of the distances,
// re-certifies both ends.
#include "ropecheck/numeric/enclosure.hpp"
#include "ropecheck/probes/diagonal_scale.hpp"

#include <mpfi.h>

#include <cmath>
#include <limits>
#include <optional>

#include "block_scan.hpp"
#include "competitor_sum.hpp"
#include "ropecheck/numeric/exact_fraction.hpp"
#include "ropecheck/numeric/invalid_input.hpp"
#include "ropecheck/sweep/sweep.hpp"
#include "scale_estimate.hpp"
#include "turn_filter.hpp"

namespace ropecheck::probes {
namespace {

using numeric::Certainty;
using numeric::interval;
using numeric::real;

// The relative bracket width the bisection aims for.
constexpr double target_relative_width = 0x1p-40;

struct Problem {
    detail::CompetitorSet set;
    interval threshold;        // T = eps / (1 - eps), enclosed
    double threshold_double = 0;
    bool half = false;         // eps is exactly 1/2, so T = 1
};

detail::CompetitorSet competitors(Pattern pattern, std::int64_t context) {
    if (pattern == Pattern::diagonal) return {context - 1, 0};
    return {context - 2, 1};
}

void validate_context(const interval& frequency, std::int64_t context) {
    if (context < 2 || context > max_scale_context)
        throw InvalidInput("diagonal-scale: context N = " + std::to_string(context) + " is outside [2, " +
                           std::to_string(max_scale_context) + "]");
    if (mpfi_nan_p(frequency.backend().data()) || !mpfi_bounded_p(frequency.backend().data()) ||
        !numeric::certainly_positive(frequency))
        throw InvalidInput("diagonal-scale: the frequency must be a finite number, certainly > 0");
}

Problem validate(const interval& frequency, std::int64_t context, const std::string& epsilon, Pattern pattern) {
    validate_context(frequency, context);
    const auto eps = numeric::ExactFraction::parse_decimal(epsilon, "epsilon");
    if (eps.numerator <= 0 || 2 * eps.numerator > eps.denominator)
        throw InvalidInput("diagonal-scale: epsilon = " + epsilon + " is outside (0, 1/2]");
    Problem p;
    p.set = competitors(pattern, context);
    const interval e = numeric::enclose_decimal(epsilon);
    p.threshold = e / (interval(1) - e);
    p.threshold_double = static_cast<double>(eps.numerator) / static_cast<double>(eps.denominator - eps.numerator);
    p.half = 2 * eps.numerator == eps.denominator;
    return p;
}

// Beyond this much, a term is below T 2^-64 / |D|: the whole tail stays below T 2^-64.
double tail_budget(const detail::CompetitorSet& set, double threshold) {
    return std::log(static_cast<double>(set.size()) / threshold) + 64 * std::log(2.0);
}

double cutoff_for(double budget, const real& scale) {
    return budget / scale.convert_to<double>();
}

// F < T (the pattern holds) certainly, certainly not, or unknown.
Certainty below_threshold(const interval& f, const interval& threshold) {
    if (numeric::upper_bound(f) < numeric::lower_bound(threshold)) return Certainty::certainly;
    if (numeric::lower_bound(f) >= numeric::upper_bound(threshold)) return Certainty::certainly_not;
    return Certainty::unknown;
}

Certainty holds_at(const detail::CompetitorSum& sum, const real& s, const Problem& p) {
    return below_threshold(sum.at(interval(s)), p.threshold);
}

// s* = 0: N = 2 (one competitor) and T = 1. F(s) = exp(-s m(1)) < 1 for every
// s > 0 and = 1 at s = 0. Any s > 0 certifies; pick one where the working
// precision can see exp(-s m(1)) < 1.
void zero_infimum(const interval& frequency, std::int64_t context, const std::string& epsilon, Pattern pattern,
                  const detail::TurnFilter& filter, ScaleAnswer& answer) {
    answer.zero_infimum = true;
    const real zero(0);
    const double margin_one = detail::approximate_margin(filter.approximate_units(1));
    if (!(margin_one > 0)) {  // g looks like a whole turn: F(s) = 1 for every s
        answer.scale = numeric::between(zero, real(std::numeric_limits<double>::infinity()));
        return;
    }
    real upper(0x1p-30 / margin_one);
    for (int step = 0; step < 256; ++step) {
        if (pattern_holds(frequency, context, epsilon, interval(upper), pattern) == Certainty::certainly) break;
        upper *= 2;
    }
    answer.scale = numeric::between(zero, upper);
    answer.certified = pattern_holds(frequency, context, epsilon, interval(zero), pattern) == Certainty::certainly_not &&
                       pattern_holds(frequency, context, epsilon, interval(upper), pattern) == Certainty::certainly;
}

}  // namespace

std::string to_string(Pattern pattern) {
    return pattern == Pattern::diagonal ? "diagonal" : "previous-token";
}

Pattern parse_pattern(const std::string& name) {
    if (name == "diagonal") return Pattern::diagonal;
    if (name == "previous-token") return Pattern::previous_token;
    throw InvalidInput("unknown pattern \"" + name + "\" (expected diagonal or previous-token)");
}

Certainty pattern_holds(const interval& frequency, std::int64_t context, const std::string& epsilon,
                        const interval& scale, Pattern pattern) {
    const Problem p = validate(frequency, context, epsilon, pattern);
    if (mpfi_nan_p(scale.backend().data())) throw InvalidInput("pattern_holds: the scale is not a number");
    const real lower = numeric::lower_bound(scale);
    const real upper = numeric::upper_bound(scale);
    // s <= 0: every exp(-s m(r)) >= 1, so F(s) >= |D| >= 1 >= T: the pattern fails.
    if (upper <= 0) return Certainty::certainly_not;

    const detail::TurnFilter filter(frequency, p.set.max_distance());
    const double budget = tail_budget(p.set, p.threshold_double);
    const detail::CompetitorSum sum(frequency, filter, p.set, cutoff_for(budget, lower > 0 ? lower : upper));
    // F is non-increasing: it holds on the whole scale iff at its lower end,
    // and fails on the whole scale iff at its upper end. For lower <= 0 it
    // cannot hold at lower (F >= |D| >= T there).
    if (lower > 0 && holds_at(sum, lower, p) == Certainty::certainly) return Certainty::certainly;
    if (holds_at(sum, upper, p) == Certainty::certainly_not) return Certainty::certainly_not;
    return Certainty::unknown;
}

interval target_weight(const interval& frequency, std::int64_t context, const interval& scale, Pattern pattern) {
    validate_context(frequency, context);
    if (!numeric::certainly_positive(scale)) throw InvalidInput("target_weight: the scale must be certainly > 0");
    const detail::CompetitorSet set = competitors(pattern, context);
    const detail::TurnFilter filter(frequency, set.max_distance());
    // An absolute tail below 2^-128: far below any width the weight has.
    const double budget = std::log(static_cast<double>(set.size())) + 128 * std::log(2.0);
    const detail::CompetitorSum sum(frequency, filter, set, cutoff_for(budget, numeric::lower_bound(scale)));
    return interval(1) / (interval(1) + sum.at(scale));
}

ScaleAnswer diagonal_scale(const interval& frequency, std::int64_t context, const std::string& epsilon,
                           Pattern pattern) {
    const Problem p = validate(frequency, context, epsilon, pattern);
    const detail::TurnFilter filter(frequency, p.set.max_distance());

    ScaleAnswer answer;
    answer.context = context;
    // The hardest competitor, by the certified minimum sweep (an independent
    // route from the turn filter that drives the search).
    // One thread for short ranges: a parallel region costs more than the sweep.
    sweep::SweepOptions options;
    if (p.set.max_distance() < detail::scan_block_size) options.threads = 1;
    const auto closest =
        sweep::minimum_of(sweep::ReturnMarginSeries::unit({frequency}), 1, p.set.max_distance(), options);
    answer.binding_distance = closest.argmin;
    answer.binding_margin = closest.minimum;
    answer.binding_certified = closest.argmin_certified;

    if (p.set.size() == 1 && p.half) {
        zero_infimum(frequency, context, epsilon, pattern, filter, answer);
        return answer;
    }

    const detail::ScaleEstimate estimate = detail::estimate_scale(filter, p.set, p.threshold_double);
    if (!estimate.found) {
        // Some distance looks like a whole turn: F may never drop below T.
        answer.scale = numeric::between(real(0), real(std::numeric_limits<double>::infinity()));
        return answer;
    }

    // Certify a bracket around the estimate, widening it when the estimate
    // (double precision, no certificate) was off.
    const double budget = tail_budget(p.set, p.threshold_double);
    real lower = real(estimate.lower) * real(1 - 0x1p-36);
    real upper = real(estimate.upper) * real(1 + 0x1p-36);
    std::optional<detail::CompetitorSum> sum;
    bool bracketed = false;
    for (int attempt = 0; attempt < 8 && !bracketed; ++attempt) {
        sum.emplace(frequency, filter, p.set, cutoff_for(budget, lower));
        const bool lower_fails = holds_at(*sum, lower, p) == Certainty::certainly_not;
        const bool upper_holds = holds_at(*sum, upper, p) == Certainty::certainly;
        bracketed = lower_fails && upper_holds;
        if (!lower_fails) lower /= 256;
        if (!upper_holds) upper *= 256;
    }
    // The split cut for `lower` stays tight for every s in the bracket.
    while (bracketed && upper - lower > upper * real(target_relative_width)) {
        const real middle = (lower + upper) / 2;
        const Certainty c = holds_at(*sum, middle, p);
        if (c == Certainty::certainly) upper = middle;
        else if (c == Certainty::certainly_not) lower = middle;
        else break;  // the precision cannot decide closer to s*
    }
    answer.scale = numeric::between(lower, upper);
    answer.exact_terms = sum->exact_terms();
    answer.bounded_terms = sum->tail_count();
    answer.certified = bracketed && sum->margins_certainly_positive() &&
                       pattern_holds(frequency, context, epsilon, interval(upper), pattern) == Certainty::certainly &&
                       pattern_holds(frequency, context, epsilon, interval(lower), pattern) == Certainty::certainly_not;
    return answer;
}

}  // namespace ropecheck::probes
