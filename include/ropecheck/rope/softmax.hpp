#pragma once
// Causal softmax attention in the log domain. Softmax is invariant under a
// common shift, so every logit is shifted by a point no smaller than the
// largest upper bound before exp: exp never overflows even for activations of
// 10^6, and for enclosures the shift adds no width.
// For T = interval the weights enclose the exact softmax of the given logits.
#include <cstddef>
#include <span>
#include <stdexcept>
#include <vector>

#include "ropecheck/numeric/mutant.hpp"
#include "ropecheck/numeric/number_concept.hpp"

namespace ropecheck::rope {

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

// log sum_j exp(logits_j).
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

// alpha_j = exp(logits_j - logsumexp(logits)) for the keys a query may see.
template <numeric::KernelNumber T>
std::vector<T> softmax(std::span<const T> logits) {
    using std::exp;
    const T lse = log_sum_exp(logits);
    std::vector<T> out;
    out.reserve(logits.size());
    for (const T& a : logits) out.push_back(exp(a - lse));
    return out;
}

// Row i (1-based) of causal attention over positions 1..i given the full row
// of logits a_{i,1..n}: keys after i are masked out.
template <numeric::KernelNumber T>
std::vector<T> causal_attention_row(std::span<const T> logits_row, std::size_t query_position) {
    if (query_position < 1 || query_position > logits_row.size())
        throw std::invalid_argument("causal_attention_row: query position out of range");
    return softmax(logits_row.first(query_position));
}

}  // namespace ropecheck::rope
