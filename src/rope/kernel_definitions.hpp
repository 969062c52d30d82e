#pragma once
// The bodies of the rope layer's templates declared in kernel.hpp, softmax.hpp and
// frequency_schedule.hpp, private to the layer: included only by the
// src/rope/instantiate_*.cpp files, which compile them once per number type of
// kernel_numbers.hpp (which says why). The comments on what each function computes
// are with its declaration.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <span>
#include <stdexcept>
#include <type_traits>
#include <vector>

#include "ropecheck/numeric/mutant.hpp"
#include "ropecheck/numeric/number_concept.hpp"
#include "ropecheck/rope/frequency_schedule.hpp"
#include "ropecheck/rope/kernel.hpp"
#include "ropecheck/rope/softmax.hpp"
#include "scaling_apply.hpp"

namespace ropecheck::rope {

// ---- kernel.hpp

namespace detail {
// x is the number 0 exactly (for an interval: the singleton [0, 0]).
template <class T>
bool exactly_zero(const T& x) {
    if constexpr (std::is_floating_point_v<T>) return x == 0;
    else if constexpr (requires { x.value().is_zero(); }) return x.value().is_zero();  // numeric::Ieee
    else return x.is_zero();
}
}  // namespace detail
using detail::exactly_zero;

template <numeric::KernelNumber T>
ChunkCoefficients<T> chunk_coefficients(std::span<const T> q, std::span<const T> k) {
    detail::require_same_shape(q.size(), k.size(), q.size() / 2);
    ChunkCoefficients<T> c;
    const std::size_t n = q.size() / 2;
    c.aligned.reserve(n);
    c.cross.reserve(n);
    for (std::size_t i = 0; i < n; ++i) {
        const T& q0 = q[2 * i];
        const T& q1 = q[2 * i + 1];
        const T& k0 = k[2 * i];
        const T& k1 = k[2 * i + 1];
        c.aligned.push_back(q0 * k0 + q1 * k1);
        if (ROPECHECK_MUTANT("kernel-cross-term-sign")) c.cross.push_back(q0 * k1 - q1 * k0);
        else c.cross.push_back(q1 * k0 - q0 * k1);
    }
    return c;
}

template <numeric::KernelNumber T>
T chunk_term(const T& aligned, const T& cross, const T& freq, const T& distance) {
    using std::cos;
    using std::sin;
    const T angle = distance * freq;
    // An exactly zero cross part (the all-ones query and key of base-bound, Eq. 9 of
    // Men et al. and Fig. 2's panel (a)) adds exactly 0 * sin = 0: skip the sine, the
    // sum is the same number (the same interval for MPFI).
    if (exactly_zero(cross)) return aligned * cos(angle);
    return aligned * cos(angle) + cross * sin(angle);
}

template <numeric::KernelNumber T>
T activation_from_coefficients(const ChunkCoefficients<T>& c, std::span<const T> freqs,
                               std::int64_t r) {
    detail::require_same_shape(2 * c.aligned.size(), 2 * c.cross.size(), freqs.size());
    const T distance = numeric::number_traits<T>::from_integer(ROPECHECK_MUTANT("kernel-distance-off-by-one") ? r + 1 : r);
    T sum = numeric::number_traits<T>::from_integer(0);
    for (std::size_t i = 0; i < freqs.size(); ++i) sum = sum + chunk_term(c.aligned[i], c.cross[i], freqs[i], distance);
    return sum;
}

template <numeric::KernelNumber T>
T activation(std::span<const T> q, std::span<const T> k, std::span<const T> freqs,
             std::int64_t r) {
    detail::require_same_shape(q.size(), k.size(), freqs.size());
    return activation_from_coefficients(chunk_coefficients(q, k), freqs, r);
}

template <numeric::KernelNumber T>
RotationTable<T> rotation_table(std::span<const T> freqs, std::int64_t position) {
    using std::cos;
    using std::sin;
    const T p = numeric::number_traits<T>::from_integer(position);
    RotationTable<T> table;
    table.cos.reserve(freqs.size());
    table.sin.reserve(freqs.size());
    for (const T& g : freqs) {
        const T angle = p * g;
        table.cos.push_back(cos(angle));
        table.sin.push_back(sin(angle));
    }
    return table;
}

template <numeric::KernelNumber T>
std::vector<T> apply_rotation(std::span<const T> x, const RotationTable<T>& table) {
    detail::require_same_shape(x.size(), x.size(), table.cos.size());
    std::vector<T> out(x.size());
    for (std::size_t i = 0; i < table.cos.size(); ++i) {
        const T& c = table.cos[i];
        const T& s = table.sin[i];
        if (ROPECHECK_MUTANT("kernel-rotation-sign")) {  // rotates by -angle
            out[2 * i] = c * x[2 * i] + s * x[2 * i + 1];
            out[2 * i + 1] = c * x[2 * i + 1] - s * x[2 * i];
            continue;
        }
        out[2 * i] = c * x[2 * i] - s * x[2 * i + 1];
        out[2 * i + 1] = s * x[2 * i] + c * x[2 * i + 1];
    }
    return out;
}

template <numeric::KernelNumber T>
std::vector<T> rotate(std::span<const T> x, std::span<const T> freqs, std::int64_t position) {
    detail::require_same_shape(x.size(), x.size(), freqs.size());
    return apply_rotation<T>(x, rotation_table<T>(freqs, position));
}

template <numeric::KernelNumber T>
T dot(std::span<const T> a, std::span<const T> b) {
    if (a.size() != b.size()) throw std::invalid_argument("dot: sizes disagree");
    T sum = numeric::number_traits<T>::from_integer(0);
    for (std::size_t i = 0; i < a.size(); ++i) sum = sum + a[i] * b[i];
    return sum;
}

// ---- softmax.hpp

namespace detail {
template <class T>
T largest_shift_point(std::span<const T> logits) {
    using traits = numeric::number_traits<T>;
    T best = traits::shift_point(logits[0]);
    for (std::size_t j = 1; j < logits.size(); ++j) {
        T candidate = traits::shift_point(logits[j]);
        if (traits::point_less(best, candidate)) best = candidate;
    }
    return best;
}
}  // namespace detail

template <numeric::KernelNumber T>
T log_sum_exp(std::span<const T> logits) {
    using std::exp;
    using std::log;
    if (logits.empty()) throw std::invalid_argument("log_sum_exp: no logits");
    const T shift = detail::largest_shift_point(logits);
    T sum = numeric::number_traits<T>::from_integer(0);
    // Mutant "softmax-normaliser-short": the normaliser misses the last term.
    const std::size_t terms = logits.size() - (ROPECHECK_MUTANT("softmax-normaliser-short") && logits.size() > 1 ? 1 : 0);
    for (std::size_t j = 0; j < terms; ++j) sum = sum + exp(logits[j] - shift);
    return shift + log(sum);
}

template <numeric::KernelNumber T>
std::vector<T> softmax(std::span<const T> logits) {
    using std::exp;
    const T lse = log_sum_exp(logits);
    std::vector<T> out;
    out.reserve(logits.size());
    for (const T& a : logits) out.push_back(exp(a - lse));
    return out;
}

template <numeric::KernelNumber T>
std::vector<T> causal_attention_row(std::span<const T> logits_row, std::size_t query_position) {
    if (query_position < 1 || query_position > logits_row.size())
        throw std::invalid_argument("causal_attention_row: query position out of range");
    return softmax(logits_row.first(query_position));
}

// ---- frequency_schedule.hpp

template <numeric::KernelNumber T>
T FrequencySchedule::attention_factor() const {
    return rope::attention_factor<T>(scaling_, plan_);
}

template <numeric::KernelNumber T>
std::vector<T> FrequencySchedule::frequencies() const {
    using std::log;
    const T log_theta = log(numeric::number_traits<T>::from_decimal(theta_));
    if (scaling_.type != ScalingType::none) return scaled_frequencies<T>(log_theta);
    return unscaled_frequencies<T>(log_theta);
}

template <numeric::KernelNumber T>
std::vector<T> FrequencySchedule::frequencies_at(const T& theta) const {
    using std::exp;
    using std::log;
    using traits = numeric::number_traits<T>;
    if (scaling_.type != ScalingType::none)
        throw std::logic_error("frequencies_at: a scaled schedule has frequencies only at its own theta");
    // Every rotated chunk has the exponent n/D with n = 2j even and one D (rotary_width),
    // so g = ratio^j with ratio = theta^(-2/D): one log and one exp for the whole head.
    const T ratio = exp(-(traits::from_integer(2) / traits::from_integer(rotary_width())) * log(theta));
    std::size_t top = 0;
    for (const ChunkFrequency& c : chunks_)
        if (c.rotated) top = std::max(top, static_cast<std::size_t>(exponent_numerator_of(c) / 2));
    std::vector<T> powers;
    powers.reserve(top + 1);
    powers.push_back(traits::from_integer(1));
    for (std::size_t j = 1; j <= top; ++j) powers.push_back(powers.back() * ratio);
    std::vector<T> out;
    out.reserve(chunks_.size());
    for (const ChunkFrequency& c : chunks_)
        out.push_back(c.rotated ? powers[static_cast<std::size_t>(exponent_numerator_of(c) / 2)] : traits::from_integer(0));
    drop_lowest_if_mutant(out);
    return out;
}

template <numeric::KernelNumber T>
std::vector<T> FrequencySchedule::frequency_exponents() const {
    if (scaling_.type != ScalingType::none)
        throw std::logic_error("frequency_exponents: a scaled schedule is not a power of theta");
    std::vector<T> out;
    out.reserve(chunks_.size());
    for (const ChunkFrequency& c : chunks_) out.push_back(exponent_of<T>(c));
    return out;
}

template <numeric::KernelNumber T>
T FrequencySchedule::exponent_of(const ChunkFrequency& c) {
    using traits = numeric::number_traits<T>;
    if (!c.rotated) return traits::from_integer(0);
    return traits::from_integer(exponent_numerator_of(c)) / traits::from_integer(c.exponent_denominator);
}

template <numeric::KernelNumber T>
std::vector<T> FrequencySchedule::unscaled_frequencies(const T& log_theta) const {
    using std::exp;
    std::vector<T> out;
    out.reserve(chunks_.size());
    for (const ChunkFrequency& c : chunks_)
        out.push_back(c.rotated ? exp(-(exponent_of<T>(c) * log_theta)) : numeric::number_traits<T>::from_integer(0));
    drop_lowest_if_mutant(out);
    return out;
}

template <numeric::KernelNumber T>
std::vector<T> FrequencySchedule::scaled_frequencies(const T& log_theta) const {
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

// Mutant "schedule-drop-frequency": the lowest rotated frequency becomes 0.
template <class T>
void FrequencySchedule::drop_lowest_if_mutant(std::vector<T>& out) const {
    if (!ROPECHECK_MUTANT("schedule-drop-frequency")) return;
    for (std::size_t i = chunks_.size(); i-- > 0;)
        if (chunks_[i].rotated) {
            out[i] = numeric::number_traits<T>::from_integer(0);
            return;
        }
}

// Every template of the three headers for T.
#define ROPECHECK_ROPE_INSTANTIATE(T)          \
    ROPECHECK_ROPE_KERNEL_INSTANCES(, T)       \
    ROPECHECK_ROPE_SOFTMAX_INSTANCES(, T)      \
    ROPECHECK_ROPE_SCHEDULE_INSTANCES(, T)

}  // namespace ropecheck::rope
