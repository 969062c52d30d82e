#pragma once
// Causal softmax attention in the log domain. Softmax is invariant under a
// common shift, so every logit is shifted by a point no smaller than the
// largest upper bound before exp: exp never overflows even for activations of
// 10^6, and for enclosures the shift adds no width.
// For T = interval the weights enclose the exact softmax of the given logits.
//
// The bodies are in src/rope/kernel_definitions.hpp, compiled once per number type
// of kernel_numbers.hpp (which says why).
#include <cstddef>
#include <span>
#include <vector>

#include "ropecheck/numeric/number_concept.hpp"
#include "ropecheck/rope/kernel_numbers.hpp"

namespace ropecheck::rope {

// log sum_j exp(logits_j).
template <numeric::KernelNumber T>
T log_sum_exp(std::span<const T> logits);

// alpha_j = exp(logits_j - logsumexp(logits)) for the keys a query may see.
template <numeric::KernelNumber T>
std::vector<T> softmax(std::span<const T> logits);

// Row i (1-based) of causal attention over positions 1..i given the full row
// of logits a_{i,1..n}: keys after i are masked out.
template <numeric::KernelNumber T>
std::vector<T> causal_attention_row(std::span<const T> logits_row, std::size_t query_position);

// The instantiations of every function above for T (EXTERN: `extern` to declare them).
#define ROPECHECK_ROPE_SOFTMAX_INSTANCES(EXTERN, T)                                    \
    EXTERN template T log_sum_exp<T>(std::span<const T>);                              \
    EXTERN template std::vector<T> softmax<T>(std::span<const T>);                     \
    EXTERN template std::vector<T> causal_attention_row<T>(std::span<const T>, std::size_t);
#define ROPECHECK_ROPE_EXTERN_SOFTMAX(T) ROPECHECK_ROPE_SOFTMAX_INSTANCES(extern, T)
ROPECHECK_ROPE_FOR_EACH_NUMBER(ROPECHECK_ROPE_EXTERN_SOFTMAX)
#undef ROPECHECK_ROPE_EXTERN_SOFTMAX

}  // namespace ropecheck::rope
