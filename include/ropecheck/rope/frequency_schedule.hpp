#pragma once
// Which 2-D chunk of a head rotates, and at what frequency. Every claim and
// probe takes its frequencies from this one type.
//
// Conventions (the paper's Sections 2 and 6.1; docs/rope-scaling.md, "Notation"):
//   rope             g_k = theta^(-2(k-1)/d), k = 1..d/2, g_1 = 1 the highest.
//   nope             every g_k = 0: no rotation.
//   p_rope           keeps g_1..g_m exactly as RoPE (denominator d), m = floor(p d / 2),
//                    and sets the d/2 - m lowest to exactly 0.
//   reversed_p_rope  the paper's "reversed" variant, made precise here: keeps the m
//                    LOWEST RoPE frequencies g_{d/2-m+1}..g_{d/2} and sets the highest
//                    d/2 - m to exactly 0 (m = floor(p d / 2)).
//   neox_partial     GPT-NeoX partial rotary: rotary_dim = floor(p d) dimensions rotate with
//                    g_k = theta^(-2(k-1)/rotary_dim), k = 1..rotary_dim/2, so the whole
//                    spectrum is compressed into the slice; the other chunks do not rotate.
// A removed frequency is the exact number 0, so its rotation is exactly the identity.
#include <stdexcept>
#include <string>
#include <vector>

#include "ropecheck/numeric/exact_fraction.hpp"
#include "ropecheck/numeric/number_concept.hpp"
#include "ropecheck/rope/kernel_numbers.hpp"
#include "ropecheck/rope/scaling.hpp"

namespace ropecheck::rope {

enum class RotaryKind { rope, nope, p_rope, reversed_p_rope, neox_partial };

std::string to_string(RotaryKind kind);
// Throws InvalidInput for an unknown name.
RotaryKind parse_rotary_kind(const std::string& name);

// g = theta^(-exponent_numerator / exponent_denominator) when rotated, else exactly 0.
struct ChunkFrequency {
    bool rotated = false;
    int exponent_numerator = 0;
    int exponent_denominator = 1;
};

class FrequencySchedule {
public:
    // Validates: head_dim even and >= 2, theta a decimal > 1, 0 <= p <= 1, and for
    // neox_partial a rotary dimension that is even and >= 2. Throws InvalidInput.
    FrequencySchedule(RotaryKind kind, std::string theta, int head_dim,
                      numeric::ExactFraction p = numeric::ExactFraction::whole(1));

    static FrequencySchedule rope(std::string theta, int head_dim) {
        return FrequencySchedule(RotaryKind::rope, std::move(theta), head_dim);
    }

    RotaryKind kind() const { return kind_; }
    const std::string& theta() const { return theta_; }
    int head_dim() const { return head_dim_; }
    int pairs() const { return head_dim_ / 2; }
    int rotated_pairs() const;
    const numeric::ExactFraction& p() const { return p_; }
    const std::vector<ChunkFrequency>& chunks() const { return chunks_; }
    std::string describe() const;

    // A copy with a context-extension schedule applied to the rotated pairs (of
    // the rotated width). Validates the scaling (InvalidInput naming the
    // parameter) and decides its discrete branches now, with MPFI.
    FrequencySchedule with_scaling(Scaling scaling) const;
    const Scaling& scaling() const { return scaling_; }
    // The rotated width D: the exponent denominator of the rotated pairs.
    int rotary_width() const;

    // The schedule's attention factor a in T (every logit carries a^2).
    template <numeric::KernelNumber T>
    T attention_factor() const;

    // g_1..g_{d/2} in T. One definition for every number type:
    // g = exp(-(n/D) log theta); for intervals a rigorous enclosure.
    template <numeric::KernelNumber T>
    std::vector<T> frequencies() const;

    // The same frequencies at another base `theta` (the schedule's kind, head
    // dimension and p kept), in product form: g_k = ratio^j_k with
    // ratio = exp(-(2/D) log theta) and j_k = (k-1) (the chunk's exponent 2(k-1)/D),
    // by repeated multiplication: one exp for the whole head instead of one per
    // pair, which is what lets base-bound test thousands of intervals of bases.
    // For T = interval an enclosure of g_k(t) for every base t in theta, and as
    // tight as one exp per term: ratio(t) is monotone in t with theta occurring
    // once, and a product of positive intervals is the exact range of the
    // product, so ratio^j encloses exactly { ratio(t)^j : t in theta } up to
    // outward rounding. For a point type g_k carries j_k + 2 roundings (not the
    // one of frequencies<T>()): at the schedule's own base the two agree within
    // that, and as intervals they overlap (tests/rope/frequencies_at_test.cpp).
    // Only for an unscaled schedule (a scaling decided its branches at the
    // schedule's own theta): std::logic_error.
    template <numeric::KernelNumber T>
    std::vector<T> frequencies_at(const T& theta) const;

    // The exponents e_k of g_k = theta^(-e_k) in T (0 for a chunk that does not
    // rotate): d g_k / d theta = -e_k g_k / theta. Unscaled schedules only, as above.
    template <numeric::KernelNumber T>
    std::vector<T> frequency_exponents() const;

private:
    // The helpers of the templates above (src/rope/kernel_definitions.hpp).
    template <numeric::KernelNumber T>
    static T exponent_of(const ChunkFrequency& c);
    template <numeric::KernelNumber T>
    std::vector<T> unscaled_frequencies(const T& log_theta) const;
    // The whole spectrum of the rotated width, scaled, then picked per chunk.
    template <numeric::KernelNumber T>
    std::vector<T> scaled_frequencies(const T& log_theta) const;
    // The exponent 2(k-1) of chunk k (frequency_schedule.cpp).
    static int exponent_numerator_of(const ChunkFrequency& c);
    template <class T>
    void drop_lowest_if_mutant(std::vector<T>& out) const;

    RotaryKind kind_;
    std::string theta_;
    int head_dim_;
    numeric::ExactFraction p_;
    std::vector<ChunkFrequency> chunks_;
    Scaling scaling_;
    ScalingPlan plan_;
};

// Validates a head dimension on its own (even, 2 <= d <= 65536).
void validate_head_dim(int head_dim);
// Validates a base given as a decimal string (theta > 1).
void validate_theta(const std::string& theta);

// The instantiations of the frequency templates for T (EXTERN: `extern` to declare them);
// the bodies are in src/rope/kernel_definitions.hpp (kernel_numbers.hpp says why).
#define ROPECHECK_ROPE_SCHEDULE_INSTANCES(EXTERN, T)                                   \
    EXTERN template T FrequencySchedule::attention_factor<T>() const;                 \
    EXTERN template std::vector<T> FrequencySchedule::frequencies<T>() const;         \
    EXTERN template std::vector<T> FrequencySchedule::frequencies_at<T>(const T&) const; \
    EXTERN template std::vector<T> FrequencySchedule::frequency_exponents<T>() const;
#define ROPECHECK_ROPE_EXTERN_SCHEDULE(T) ROPECHECK_ROPE_SCHEDULE_INSTANCES(extern, T)
ROPECHECK_ROPE_FOR_EACH_NUMBER(ROPECHECK_ROPE_EXTERN_SCHEDULE)
#undef ROPECHECK_ROPE_EXTERN_SCHEDULE

}  // namespace ropecheck::rope
