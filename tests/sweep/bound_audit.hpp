#pragma once
// Runs a block evaluator of the sweep filter over chosen distances and weighs
// its enclosures against the 384-bit reference (reference_series.hpp):
//   * containment: lower <= exact <= upper at every sampled point (a violation
//     is a broken bound);
//   * the actual error |exact - v| against the bound, v the filter's value;
//   * per term of the bound (error_bound.hpp), the actual error against the
//     bound WITHOUT that term: a ratio above 1 means this distance needs the
//     term (dropping it would give a wrong enclosure here).
#include <mpfi.h>
#include <mpfr.h>

#include <array>
#include <cmath>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "../../src/sweep/block_evaluator.hpp"
#include "reference_series.hpp"

namespace ropecheck::test {

namespace sd = sweep::detail;

struct SeriesCase {
    std::string name;
    bool margin = true;  // margin series (c = weights), else cosine (c = aligned, s = cross)
    std::vector<numeric::interval> g, c, s;
    std::vector<std::pair<std::int64_t, int>> blocks;  // (first distance, count)
    bool sample_ends = false;                          // wide enclosures: sample their ends too
};

struct Finding {
    double ratio = 0;
    std::int64_t r = 0;
    // error / bound; no error needs nothing, even from a bound of 0.
    void offer(double error, double bound, std::int64_t at) {
        const double x = error == 0 ? 0 : error / bound;
        if (x > ratio) {
            ratio = x;
            r = at;
        }
    }
};

// Terms also dropped together, as well as one at a time: those of size a few u
// (the polynomials, the phase's relative part, the roundings), and the two
// absolute parts of the phase (which, for a generic frequency, are of one size
// and cover for each other).
struct TermGroup {
    const char* name;
    std::vector<sd::BoundTerm> terms;
    bool has(sd::BoundTerm t) const {
        for (sd::BoundTerm x : terms)
            if (x == t) return true;
        return false;
    }
};
inline const std::vector<TermGroup>& term_groups() {
    using T = sd::BoundTerm;
    static const std::vector<TermGroup> groups{
        {"every u-scale term", {T::sin_polynomial, T::cos_polynomial, T::phase_relative, T::arithmetic,
                                T::final_rounding, T::second_order}},
        {"both absolute phase terms", {T::phase_rounding, T::frequency_remainder}},
    };
    return groups;
}

struct CaseAudit {
    std::string name;
    bool margin = true;
    std::uint64_t checked = 0;     // (distance, sample point) pairs
    std::uint64_t violations = 0;  // of lower <= exact <= upper
    std::int64_t first_violation = 0;
    bool evaluate_matches_parts = true;  // evaluate == enclose(values, bound), bit for bit
    Finding error_over_bound;
    std::array<Finding, sd::bound_term_count> error_over_bound_without{};
    std::vector<Finding> error_over_bound_without_group = std::vector<Finding>(term_groups().size());
};

namespace detail {

inline double distance_up(mpfr_srcptr x, double v) {
    mpfr_t d;
    mpfr_init2(d, reference_bits);
    mpfr_sub_d(d, x, v, MPFR_RNDN);
    mpfr_abs(d, d, MPFR_RNDN);
    const double out = mpfr_get_d(d, MPFR_RNDU);
    mpfr_clear(d);
    return out;
}

template <class Evaluator>
void audit_blocks(const SeriesCase& c, const Evaluator& evaluator, CaseAudit& out) {
    const std::vector<std::pair<Sample, Sample>> samples =
        c.sample_ends ? std::vector<std::pair<Sample, Sample>>{{Sample::lower_end, Sample::lower_end},
                                                                {Sample::lower_end, Sample::upper_end},
                                                                {Sample::upper_end, Sample::lower_end},
                                                                {Sample::upper_end, Sample::upper_end},
                                                                {Sample::midpoint, Sample::midpoint},
                                                                {Sample::lower_end, Sample::midpoint},
                                                                {Sample::upper_end, Sample::midpoint},
                                                                {Sample::midpoint, Sample::lower_end},
                                                                {Sample::midpoint, Sample::upper_end}}
                      : std::vector<std::pair<Sample, Sample>>{{Sample::midpoint, Sample::midpoint}};
    RefInterval exact;
    mpfr_t end;
    mpfr_init2(end, reference_bits);
    for (const auto& [first, count] : c.blocks) {
        std::vector<double> v(count), lower(count), upper(count), lower2(count), upper2(count);
        evaluator.values(first, count, v.data());
        const sd::BlockBound bound = evaluator.bound(first, count);
        evaluator.evaluate(first, count, lower.data(), upper.data());
        sd::enclose(v.data(), count, bound, false, lower2.data(), upper2.data());
        for (int j = 0; j < count; ++j) {
            const std::int64_t r = first + j;
            auto same = [](double x, double y) { return x == y || (std::isnan(x) && std::isnan(y)); };
            if (!same(lower[j], lower2[j]) || !same(upper[j], upper2[j])) out.evaluate_matches_parts = false;
            // A NaN end is no enclosure at all (mpfr_cmp_d would call it equal to anything).
            const bool ends_are_numbers = !std::isnan(lower[j]) && !std::isnan(upper[j]);
            double error = 0;
            for (const auto& [at_g, at_c] : samples) {
                reference_value(exact.get(), c.margin, c.g, c.c, c.s, r, at_g, at_c);
                ++out.checked;
                mpfi_get_left(end, exact.get());
                const bool low_ok = mpfr_cmp_d(end, lower[j]) >= 0;
                error = std::fmax(error, distance_up(end, v[j]));
                mpfi_get_right(end, exact.get());
                const bool high_ok = mpfr_cmp_d(end, upper[j]) <= 0;
                error = std::fmax(error, distance_up(end, v[j]));
                if (!(low_ok && high_ok && ends_are_numbers)) {
                    if (out.violations == 0) out.first_violation = r;
                    ++out.violations;
                }
            }
            if (!std::isfinite(v[j])) continue;  // enclosed by [-inf, inf]: no ratio to take
            const double magnitude = std::fabs(v[j]);
            double full = 0;
            std::array<double, sd::bound_term_count> share{};
            for (std::size_t t = 0; t < sd::bound_term_count; ++t) {
                share[t] = bound.relative[t] * magnitude + bound.absolute[t];
                full += share[t];
            }
            out.error_over_bound.offer(error, full, r);
            for (std::size_t i = 0; i < term_groups().size(); ++i) {
                double rest = 0;
                for (std::size_t t = 0; t < sd::bound_term_count; ++t)
                    if (!term_groups()[i].has(static_cast<sd::BoundTerm>(t))) rest += share[t];
                out.error_over_bound_without_group[i].offer(error, rest, r);
            }
            for (std::size_t t = 0; t < sd::bound_term_count; ++t) {
                double rest = 0;  // summed afresh: full - share[t] could cancel
                for (std::size_t o = 0; o < sd::bound_term_count; ++o)
                    if (o != t) rest += share[o];
                out.error_over_bound_without[t].offer(error, rest, r);
            }
        }
    }
    mpfr_clear(end);
}

}  // namespace detail

inline CaseAudit audit_case(const SeriesCase& c) {
    CaseAudit out;
    out.name = c.name;
    out.margin = c.margin;
    if (c.margin) {
        const sd::MarginBlockEvaluator evaluator(sweep::ReturnMarginSeries{c.g, c.c});
        detail::audit_blocks(c, evaluator, out);
    } else {
        const sd::CosineBlockEvaluator evaluator(sweep::CosineSeries{c.g, c.c, c.s});
        detail::audit_blocks(c, evaluator, out);
    }
    return out;
}

}  // namespace ropecheck::test
