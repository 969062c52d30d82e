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
#include "ropecheck/numeric/mutant.hpp"
#include "ropecheck/numeric/number_concept.hpp"
#include "ropecheck/rope/scaling.hpp"
#include "ropecheck/rope/scaling_apply.hpp"

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

    template <numeric::KernelNumber T>
    T attention_factor() const {
        return rope::attention_factor<T>(scaling_, plan_);
    }

    // g_1..g_{d/2} in T. One definition for every number type:
    // g = exp(-(n/D) log theta); for intervals a rigorous enclosure.
    template <numeric::KernelNumber T>
    std::vector<T> frequencies() const {
        using std::log;
        const T log_theta = log(numeric::number_traits<T>::from_decimal(theta_));
        if (scaling_.type != ScalingType::none) return scaled_frequencies<T>(log_theta);
        return unscaled_frequencies<T>(log_theta);
    }

    // The same frequencies at another base `theta` (the schedule's kind, head
    // dimension and p kept). For T = interval an enclosure of g_k(t) for every
    // base t in theta: g_k(t) = exp(-e_k log t) is monotone in t, and theta occurs
    // once, so MPFI encloses the whole range. Only for an unscaled schedule (a
    // scaling decided its branches at the schedule's own theta): std::logic_error.
    template <numeric::KernelNumber T>
    std::vector<T> frequencies_at(const T& theta) const {
        using std::log;
        if (scaling_.type != ScalingType::none)
            throw std::logic_error("frequencies_at: a scaled schedule has frequencies only at its own theta");
        return unscaled_frequencies<T>(log(theta));
    }

    // The exponents e_k of g_k = theta^(-e_k) in T (0 for a chunk that does not
    // rotate): d g_k / d theta = -e_k g_k / theta. Unscaled schedules only, as above.
    template <numeric::KernelNumber T>
    std::vector<T> frequency_exponents() const {
        if (scaling_.type != ScalingType::none)
            throw std::logic_error("frequency_exponents: a scaled schedule is not a power of theta");
        std::vector<T> out;
        out.reserve(chunks_.size());
        for (const ChunkFrequency& c : chunks_) out.push_back(exponent_of<T>(c));
        return out;
    }

private:
    template <numeric::KernelNumber T>
    static T exponent_of(const ChunkFrequency& c) {
        using traits = numeric::number_traits<T>;
        if (!c.rotated) return traits::from_integer(0);
        return traits::from_integer(exponent_numerator_of(c)) / traits::from_integer(c.exponent_denominator);
    }

    template <numeric::KernelNumber T>
    std::vector<T> unscaled_frequencies(const T& log_theta) const {
        using std::exp;
        std::vector<T> out;
        out.reserve(chunks_.size());
        for (const ChunkFrequency& c : chunks_)
            out.push_back(c.rotated ? exp(-(exponent_of<T>(c) * log_theta)) : numeric::number_traits<T>::from_integer(0));
        drop_lowest_if_mutant(out);
        return out;
    }

    // The whole spectrum of the rotated width, scaled, then picked per chunk.
    template <numeric::KernelNumber T>
    std::vector<T> scaled_frequencies(const T& log_theta) const {
        using std::exp;
        using traits = numeric::number_traits<T>;
        const int width = rotary_width();
        std::vector<T> spectrum;
        for (int j = 0; j < width / 2; ++j)
            spectrum.push_back(exp(-(traits::from_integer(exponent_numerator_of({true, 2 * j, width})) /
                                     traits::from_integer(width)) *
                                   log_theta));
        spectrum = apply_scaling<T>(scaling_, plan_, std::move(spectrum), width, theta_);
        std::vector<T> out;
        for (const ChunkFrequency& c : chunks_)
            out.push_back(c.rotated ? spectrum[static_cast<std::size_t>(c.exponent_numerator / 2)]
                                    : traits::from_integer(0));
        drop_lowest_if_mutant(out);
        return out;
    }

    // The exponent 2(k-1) of chunk k; mutant "schedule-theta-exponent" makes it
    // 2k (one chunk off), the classic off-by-one of theta^(-2i/d) with 1-based i.
    static int exponent_numerator_of(const ChunkFrequency& c) {
        if (ROPECHECK_MUTANT("schedule-theta-exponent")) return c.exponent_numerator + 2;
        return c.exponent_numerator;
    }
    // Mutant "schedule-drop-frequency": the lowest rotated frequency becomes 0.
    template <class T>
    void drop_lowest_if_mutant(std::vector<T>& out) const {
        if (!ROPECHECK_MUTANT("schedule-drop-frequency")) return;
        for (std::size_t i = chunks_.size(); i-- > 0;)
            if (chunks_[i].rotated) {
                out[i] = numeric::number_traits<T>::from_integer(0);
                return;
            }
    }

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

}  // namespace ropecheck::rope
