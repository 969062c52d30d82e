#pragma once
// The one RoPE kernel. Vectors hold d coordinates; chunk k (0-based) is the
// pair (x[2k], x[2k+1]), the "adjacent pairs" layout (the "rotate half" layout
// of reference code is the same rotation up to a permutation of coordinates).
//
// Convention: a(r) = q^T R^r k = sum_k q^(k)^T rho(r g_k) k^(k), with
// rho(t) = [[cos t, -sin t], [sin t, cos t]]; and (R^i q)^T (R^j k) = a(j - i).
//
// Error behaviour: for T = interval every operation is an MPFI enclosure, so the
// returned value encloses the exact activation of the (exact) inputs given; for
// double/real each cos, sin, product and sum rounds once to nearest.
//
// The bodies are in src/rope/kernel_definitions.hpp, compiled once per number type
// of kernel_numbers.hpp (which says why).
#include <cstdint>
#include <span>
#include <stdexcept>
#include <vector>

#include "ropecheck/numeric/number_concept.hpp"
#include "ropecheck/rope/kernel_numbers.hpp"

namespace ropecheck::rope {

// Per chunk, q^(k)^T rho(t) k^(k) = a_k cos t + b_k sin t with
// a_k = q0 k0 + q1 k1 (aligned part) and b_k = q1 k0 - q0 k1 (cross part).
template <class T>
struct ChunkCoefficients {
    std::vector<T> aligned;
    std::vector<T> cross;
};

namespace detail {
inline void require_same_shape(std::size_t q, std::size_t k, std::size_t freqs) {
    if (q != k || q != 2 * freqs)
        throw std::invalid_argument("rope kernel: query, key and frequency sizes disagree");
}
}  // namespace detail

template <numeric::KernelNumber T>
ChunkCoefficients<T> chunk_coefficients(std::span<const T> q, std::span<const T> k);

// One chunk's term a cos(t) + b sin(t), t = distance * g.
template <numeric::KernelNumber T>
T chunk_term(const T& aligned, const T& cross, const T& freq, const T& distance);

// sum_k aligned_k cos(r g_k) + cross_k sin(r g_k); r is exact in T.
template <numeric::KernelNumber T>
T activation_from_coefficients(const ChunkCoefficients<T>& c, std::span<const T> freqs, std::int64_t r);

// a(r) = q^T R^r k.
template <numeric::KernelNumber T>
T activation(std::span<const T> q, std::span<const T> k, std::span<const T> freqs, std::int64_t r);

// The rotation R^position as its per-chunk cos and sin: position * g_k is
// formed in T and its cos and sin taken in T. Split from the application so
// that inference pipelines can take the table in one format (float32) and
// rotate in another (the model dtype) with the same two formulas.
template <class T>
struct RotationTable {
    std::vector<T> cos;
    std::vector<T> sin;
};

template <numeric::KernelNumber T>
RotationTable<T> rotation_table(std::span<const T> freqs, std::int64_t position);

// Each chunk (x0, x1) -> (c x0 - s x1, s x0 + c x1), every product and sum in T.
// (Transformers' x * cos + rotate_half(x) * sin rounds the same products and sums.)
template <numeric::KernelNumber T>
std::vector<T> apply_rotation(std::span<const T> x, const RotationTable<T>& table);

// R^position x: each chunk rotated by position * g_k.
template <numeric::KernelNumber T>
std::vector<T> rotate(std::span<const T> x, std::span<const T> freqs, std::int64_t position);

// q^T k: the NoPE activation, computed without any rotation.
template <numeric::KernelNumber T>
T dot(std::span<const T> a, std::span<const T> b);

// The instantiations of every function above for T (EXTERN: `extern` to declare them).
#define ROPECHECK_ROPE_KERNEL_INSTANCES(EXTERN, T)                                                                 \
    EXTERN template ChunkCoefficients<T> chunk_coefficients<T>(std::span<const T>, std::span<const T>);           \
    EXTERN template T chunk_term<T>(const T&, const T&, const T&, const T&);                                      \
    EXTERN template T activation_from_coefficients<T>(const ChunkCoefficients<T>&, std::span<const T>,            \
                                                      std::int64_t);                                             \
    EXTERN template T activation<T>(std::span<const T>, std::span<const T>, std::span<const T>, std::int64_t);    \
    EXTERN template RotationTable<T> rotation_table<T>(std::span<const T>, std::int64_t);                         \
    EXTERN template std::vector<T> apply_rotation<T>(std::span<const T>, const RotationTable<T>&);                \
    EXTERN template std::vector<T> rotate<T>(std::span<const T>, std::span<const T>, std::int64_t);               \
    EXTERN template T dot<T>(std::span<const T>, std::span<const T>);
#define ROPECHECK_ROPE_EXTERN_KERNEL(T) ROPECHECK_ROPE_KERNEL_INSTANCES(extern, T)
ROPECHECK_ROPE_FOR_EACH_NUMBER(ROPECHECK_ROPE_EXTERN_KERNEL)
#undef ROPECHECK_ROPE_EXTERN_KERNEL

}  // namespace ropecheck::rope
