#pragma once
// The three parts of base-bound (src/probes/base_bound.cpp is the driver):
//   DoubleGuide   base_bound_guide.cpp   plain double arithmetic that only
//                 *chooses* which distance and how wide an interval of bases
//                 to try; nothing it says is part of a proof.
//   BaseCover     base_bound_cover.cpp   MPFI: S_theta(r) < 0 for every theta
//                 of a closed interval of bases, certainly.
//   test_base     base_bound_pass.cpp    the certified sweep over r in [1, L]
//                 at one decimal base.
// Private to src/probes.
#include <cstdint>
#include <string>
#include <vector>

#include "ropecheck/numeric/types.hpp"
#include "ropecheck/rope/frequency_schedule.hpp"

namespace ropecheck::probes::base_bound_detail {

// A distance r and the width of bases above theta it is predicted to exclude
// (0: S_theta(r) >= 0 in double, so r is no witness at theta).
struct Guess {
    std::int64_t r = 0;
    double width = 0;
};

class DoubleGuide {
public:
    DoubleGuide(int head_dim, std::int64_t context);

    // Frequencies at base theta for the scores below.
    void set_base(double theta);
    // A distance's score is the first-order prediction -S / (sum_k |dS_k/dtheta|)
    // when S < 0 (else 0). The best score over [center - radius, center + radius]
    // intersected with [1, L]:
    Guess best_near(std::int64_t center, std::int64_t radius) const;
    // The best score over every r in [1, L] (OpenMP, the same answer for any thread count).
    Guess best_anywhere() const;
    // The widest w (within a factor 2^(1/16)) for which the double emulation of
    // an enclosure over the bases [theta, theta + w] keeps S(r) < 0: what MPFI
    // should then confirm. `guess` > 0 starts the search.
    double plain_width(std::int64_t r, double guess) const;        // BaseCover's plain form
    double mean_value_width(std::int64_t r, double guess) const;   // its mean-value form
private:
    // The best score over [first, last], by a rotation recurrence (no libm per term).
    Guess best_in(std::int64_t first, std::int64_t last) const;
    // Upper bounds, in double, of the plain and the mean-value enclosure over [theta, theta + w].
    double plain_upper(std::int64_t r, double width) const;
    double mean_value_upper(std::int64_t r, double width) const;
    template <class Upper>
    double widest(std::int64_t r, const Upper& upper, double guess) const;

    int pairs_;
    std::int64_t context_;
    rope::FrequencySchedule schedule_;  // plain RoPE of the head, asked at other bases
    double theta_ = 0;
    double frequency_sum_ = 0;       // sum_k g_k, for the rounding room of the emulation
    std::vector<double> exponent_;   // e_k = 2 (k - 1) / D
    std::vector<double> frequency_;  // g_k = theta^(-e_k)
};

enum class CoverForm { plain, mean_value };

class BaseCover {
public:
    explicit BaseCover(int head_dim);

    // Encloses { S_theta(r) : lower <= theta <= upper } (1 < lower <= upper):
    //   plain       each cosine over its whole range of angles;
    //   mean_value  S(lower) + S'([lower, upper]) [0, upper - lower].
    numeric::interval enclose(CoverForm form, std::int64_t r, const numeric::real& lower,
                              const numeric::real& upper) const;
    // True only if S_theta(r) < 0 for every theta in [lower, upper] by that form.
    bool fails(CoverForm form, std::int64_t r, const numeric::real& lower, const numeric::real& upper) const;
    // By either form (the plain one first).
    bool fails_throughout(std::int64_t r, const numeric::real& lower, const numeric::real& upper) const;

    // S_theta(r) and dS_theta(r)/dtheta at one base, enclosed.
    struct PointValue {
        numeric::interval value;
        numeric::interval slope;
    };
    PointValue at(std::int64_t r, const numeric::real& theta) const;

private:
    // S and S' = dS/dtheta over the bases theta.
    numeric::interval value(std::int64_t r, const numeric::interval& theta) const;
    numeric::interval slope(std::int64_t r, const numeric::interval& theta) const;

    rope::FrequencySchedule schedule_;  // plain RoPE of the head; its base is replaced per call
};

enum class BaseVerdict { passes, fails, undecided };

struct BaseTest {
    BaseVerdict verdict = BaseVerdict::undecided;
    std::int64_t distance = 0;  // the least failing r (fails) or the undecided one
};

// Every r in [1, context] certainly has S_theta(r) >= 0 at the decimal base theta
// (passes), or the least r with S < 0 certainly (fails), through sweep::first_below.
BaseTest test_base(const std::string& theta, int head_dim, std::int64_t context);

}  // namespace ropecheck::probes::base_bound_detail
