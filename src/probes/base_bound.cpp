// base-bound: the least base theta >= T whose aligned activation
// S_theta(r) = sum_k cos(r theta^(-2(k-1)/D)) stays >= 0 for every 1 <= r <= L.
//
// Why not bisection: the passing bases are fragmented (a base passes, a larger
// one fails again), so knowing that theta_a fails and theta_b passes says
// nothing about the bases in between. Instead the search sweeps the bases
// upward from T and keeps one invariant:
//
//   (I) every base in [T, c] certainly fails,
//
// established by a chain of closed intervals [c_0, c_1], [c_1, c_2], ... with
// c_0 <= T, each carrying a distance r_i <= L and an MPFI enclosure proving
// S_theta(r_i) < 0 for every theta in [c_i, c_{i+1}] (base_bound_cover.cpp).
//
// One step at the current end c:
//   1. A witness: the distance r with the widest predicted exclusion, first
//      among the r near the previous witness (failure regions drift slowly with
//      the base), then, if none is good or the steps shrink, over all of [1, L]
//      (base_bound_guide.cpp, plain doubles: they only choose).
//   2. A width w predicted by emulating, in double, the plain and the
//      mean-value enclosure of base_bound_cover.cpp, then MPFI asked about
//      [c, c + w] with the better form, halving w on refusal. Success moves c
//      to c + w and keeps (I).
//   2'. Near a zero of S_theta(r) in theta, S drops below what doubles resolve
//      (D = 4, L = 500: S ~ 1e-19 at the answer). Then a Newton step from MPFI
//      values, w = 0.9 (-S / S') at c, certified by the mean-value form: each
//      such step closes ~90% of the remaining distance to the zero.
//   3. When no certified step of at least tol c / 8 exists (tol = 10^-9), c is
//      within a hair of bases that may pass: try the decimal p_j just above
//      c + 0.9 tol c / 2^j (j = 0, 1, ...). If the certified sweep finds no
//      failing r at p_j, then p_j passes, (I) holds for [T, c], and
//      (p_j - c) / p_j <= tol (checked in MPFI): the answer is
//      least_theta = p_j, theta_lower = c, binding_distance = the r of the
//      interval ending at c. If p_j fails at r', [c, p_j] is certified with r'
//      (or the previous witness) and the sweep goes on from p_j; otherwise
//      j + 1. Nothing here assumes the passing set is an interval: a passing p_j
//      ends the search only because everything below c was proven to fail.
//
// Proof sketch. Each excluded interval is sound by the enclosure argument,
// consecutive intervals share their endpoints so their union is [c_0, c], and
// the pass at p_j is the sweep engine's certificate over every r <= L. Hence
// every base in [T, theta_lower] fails and least_theta passes, so the infimum
// of the passing bases lies in (theta_lower, least_theta]. Heuristics decide
// only the order of work; a bad guess costs a rejected MPFI evaluation.
// Termination: at most `interval_budget` intervals and 30 refinements per
// boundary attempt; running out gives certified = false, with (I) still true
// for the theta_lower reported.
#include "ropecheck/probes/base_bound.hpp"

#include <mpfr.h>
#include <omp.h>

#include <algorithm>
#include <cmath>
#include <limits>

#include "base_bound_parts.hpp"
#include "ropecheck/numeric/certainty.hpp"
#include "ropecheck/numeric/decimal.hpp"
#include "ropecheck/numeric/invalid_input.hpp"
#include "ropecheck/rope/frequency_schedule.hpp"

namespace ropecheck::probes {
namespace {

using base_bound_detail::BaseVerdict;
using base_bound_detail::Guess;
using numeric::interval;
using numeric::real;

// Distances around the previous witness tried before a full scan.
constexpr std::int64_t witness_radius = 256;
// Candidates p_j tried per boundary attempt; 2^-30 tol c is near the resolution
// of 64-bit reals, and 12 + ceil(0.302 * 30) = 22 significant digits.
constexpr int max_refinements = 30;
// A step this much smaller than the previous one asks for a full scan: the
// region the witness came from is closing, another r may fail more widely.
constexpr double rescan_ratio = 1.0 / 16;

// base_bound_tolerance, exactly, for the certified gap check.
constexpr const char* tolerance_decimal = "1e-9";

real infinity() { return real(std::numeric_limits<double>::infinity()); }

class Search {
public:
    Search(std::int64_t context, int head_dim, const std::string& floor, std::uint64_t budget)
        : context_(context), head_dim_(head_dim), floor_(floor), budget_(budget),
          guide_(head_dim, context), cover_(head_dim) {
        answer_.theta_floor = real(floor);
        end_ = numeric::lower_bound(numeric::enclose_decimal(floor));
    }

    BaseBoundAnswer run() {
        while (answer_.intervals_excluded < budget_) {
            const Guess witness = choose_witness();
            if (witness.width >= stall_width() && try_step(witness)) continue;
            // Doubles cannot see S once it is within their rounding of 0 (near
            // a boundary): step by Newton in MPFI before looking for a pass.
            if (precise_step(witness_) || (witness.r != witness_ && precise_step(witness.r))) continue;
            if (resolve_boundary()) return answer_;
            if (!advanced_) break;  // no passing candidate and no way to cover one
        }
        return give_up();
    }

private:
    double end_double() const { return end_.convert_to<double>(); }
    double stall_width() const { return base_bound_tolerance * end_double() / 8; }

    Guess choose_witness() {
        guide_.set_base(end_double());
        Guess best;
        if (witness_ != 0) best = guide_.best_near(witness_, witness_radius);
        if (best.width < std::max(stall_width(), last_width_ * rescan_ratio)) {
            const Guess any = guide_.best_anywhere();
            if (any.width > best.width) best = any;
        }
        return best;
    }

    // Certifies [end, end + w] for the widest w MPFI accepts among the
    // predictions and their halvings, down to the stall width.
    bool try_step(const Guess& witness) {
        using base_bound_detail::CoverForm;
        const double plain = guide_.plain_width(witness.r, witness.width);
        const double mean_value = guide_.mean_value_width(witness.r, plain > 0 ? plain : witness.width);
        if (mean_value > 1.25 * plain && extend(CoverForm::mean_value, witness.r, mean_value)) return true;
        // MPFI refusing the plain prediction is rare (it emulates the same bound);
        // a few halvings, then the caller falls back to Newton or a boundary test.
        double w = plain;
        for (int i = 0; i < 8 && w >= stall_width(); ++i, w /= 2)
            if (extend(CoverForm::plain, witness.r, w)) return true;
        return false;
    }

    // Newton's step to the zero of S_theta(r) as theta grows, from MPFI values
    // at the end: w = -S / S' when S < 0 < S' certainly, certified with the
    // mean-value form at 0.9 w (the slope over [end, end + w] stays near S'(end)
    // when w is small, so this reaches ~90% of the way), halved on refusal.
    bool precise_step(std::int64_t r) {
        if (r == 0) return false;
        const auto point = cover_.at(r, end_);
        if (!numeric::certainly_negative(point.value) || !numeric::certainly_positive(point.slope)) return false;
        const real newton = -boost::multiprecision::median(point.value) / boost::multiprecision::median(point.slope);
        double w = 0.9 * std::min(newton.convert_to<double>(), end_double());
        for (int i = 0; i < 8 && w >= stall_width(); ++i, w /= 2)
            if (extend(base_bound_detail::CoverForm::mean_value, r, w)) return true;
        return false;
    }

    bool extend(base_bound_detail::CoverForm form, std::int64_t r, double width) {
        const real next = end_ + real(width);
        if (!(next > end_) || !cover_.fails(form, r, end_, next)) return false;
        advance(next, r);
        last_width_ = width;
        return true;
    }

    void advance(const real& next, std::int64_t r) {
        end_ = next;
        witness_ = r;
        covered_ = true;
        ++answer_.intervals_excluded;
    }

    // Looks for a passing decimal just above the end of the covering. Returns
    // true when the answer is complete; otherwise advanced_ says whether the
    // covering grew (false: stuck).
    bool resolve_boundary() {
        advanced_ = false;
        if (!covered_) return resolve_floor();
        for (int j = 0; j <= max_refinements; ++j) {
            const std::string p = candidate(j);
            if (p.empty()) continue;
            const base_bound_detail::BaseTest test = base_bound_detail::test_base(p, head_dim_, context_);
            if (test.verdict == BaseVerdict::passes) {
                finish(p, end_, witness_);
                return true;
            }
            if (test.verdict != BaseVerdict::fails) continue;
            const real reach = numeric::upper_bound(numeric::enclose_decimal(p));
            for (const std::int64_t r : {test.distance, witness_}) {
                if (cover_.fails_throughout(r, end_, reach)) {
                    advance(reach, r);
                    advanced_ = true;
                    return false;
                }
            }
        }
        return false;
    }

    // Nothing is covered yet and no witness at the floor: the floor itself
    // either passes (the answer) or fails at some r that starts the covering.
    bool resolve_floor() {
        const base_bound_detail::BaseTest test = base_bound_detail::test_base(floor_, head_dim_, context_);
        if (test.verdict == BaseVerdict::passes) {
            finish(floor_, real(floor_), 0);
            return true;
        }
        if (test.verdict == BaseVerdict::fails) {
            const real reach = numeric::upper_bound(numeric::enclose_decimal(floor_));
            if (cover_.fails_throughout(test.distance, end_, reach)) {
                advance(reach, test.distance);
                advanced_ = true;
            }
        }
        return false;
    }

    // The decimal just above end + 0.9 tol end / 2^j, with enough digits that
    // rounding up adds under a tenth of the step; empty unless it is certainly
    // within the tolerance of end.
    std::string candidate(int j) const {
        const real step = real(std::ldexp(0.9 * base_bound_tolerance, -j)) * end_;
        const int digits = 12 + static_cast<int>(std::ceil(0.302 * j));
        const std::string p = numeric::decimal_up(end_ + step, digits);
        const interval value = numeric::enclose_decimal(p);
        const interval gap = (value - interval(end_)) / value;
        if (numeric::upper_bound(gap) > numeric::lower_bound(numeric::enclose_decimal(tolerance_decimal))) return {};
        return p;
    }

    void finish(const std::string& least, const real& lower, std::int64_t binding) {
        answer_.least_theta = real(least);
        answer_.least_theta_decimal = least;
        answer_.theta_lower = lower;
        answer_.binding_distance = binding;
        answer_.certified = true;
    }

    BaseBoundAnswer give_up() {
        answer_.least_theta = real(std::numeric_limits<double>::quiet_NaN());
        answer_.least_theta_decimal.clear();
        answer_.theta_lower = covered_ ? end_ : answer_.theta_floor;
        answer_.binding_distance = witness_;
        answer_.certified = false;
        return answer_;
    }

    std::int64_t context_;
    int head_dim_;
    std::string floor_;
    std::uint64_t budget_;
    base_bound_detail::DoubleGuide guide_;
    base_bound_detail::BaseCover cover_;
    BaseBoundAnswer answer_;
    real end_;                 // the covering is [lower(T), end_] once covered_
    bool covered_ = false;
    bool advanced_ = false;
    std::int64_t witness_ = 0;  // the distance of the interval ending at end_
    double last_width_ = 0;
};

// D = 2: the one frequency is g_1 = theta^0 = 1 for every base.
BaseBoundAnswer single_frequency(std::int64_t context, const std::string& floor) {
    BaseBoundAnswer answer;
    answer.theta_floor = real(floor);
    answer.certified = true;
    if (context == 1) {  // cos 1 > 0: the floor passes
        answer.least_theta = answer.theta_lower = real(floor);
        answer.least_theta_decimal = floor;
        return answer;
    }
    // cos 2 < 0 whatever the base: every base fails at r = 2.
    answer.certified = numeric::certainly_negative(cos(interval(2)));
    answer.least_theta = answer.theta_lower = infinity();
    answer.least_theta_decimal = "+inf";
    answer.binding_distance = 2;
    answer.intervals_excluded = 1;
    return answer;
}

}  // namespace

BaseBoundAnswer base_bound(std::int64_t context, int head_dim, const std::string& theta_floor,
                           std::uint64_t interval_budget) {
    if (context < 1 || context > max_base_bound_context)
        throw InvalidInput("base-bound: context " + std::to_string(context) + " is outside [1, 2^52]");
    rope::validate_head_dim(head_dim);
    rope::validate_theta(theta_floor);
    if (head_dim == 2) return single_frequency(context, theta_floor);
    BaseBoundAnswer answer = Search(context, head_dim, theta_floor, interval_budget).run();
    // The cover's MPFI sums ran on the OpenMP workers (base_bound_cover.cpp), and
    // MPFR keeps per-thread caches (pi at the working precision) that live until
    // the thread ends, i.e. the process: free them now, so that a long-running
    // process does not hold them and leak checkers see nothing.
    if (omp_get_level() == 0) {
#pragma omp parallel
        mpfr_free_cache2(MPFR_FREE_LOCAL_CACHE);
    }
    return answer;
}

}  // namespace ropecheck::probes
