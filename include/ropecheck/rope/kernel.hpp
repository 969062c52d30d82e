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
#include <cstdint>
#include <span>
#include <stdexcept>
#include <vector>

#include "ropecheck/numeric/mutant.hpp"
#include "ropecheck/numeric/number_concept.hpp"

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

// One chunk's term a cos(t) + b sin(t), t = distance * g.
template <numeric::KernelNumber T>
T chunk_term(const T& aligned, const T& cross, const T& freq, const T& distance) {
    using std::cos;
    using std::sin;
    const T angle = distance * freq;
    return aligned * cos(angle) + cross * sin(angle);
}

// sum_k aligned_k cos(r g_k) + cross_k sin(r g_k); r is exact in T.
template <numeric::KernelNumber T>
T activation_from_coefficients(const ChunkCoefficients<T>& c, std::span<const T> freqs,
                               std::int64_t r) {
    detail::require_same_shape(2 * c.aligned.size(), 2 * c.cross.size(), freqs.size());
    const T distance = numeric::number_traits<T>::from_integer(ROPECHECK_MUTANT("kernel-distance-off-by-one") ? r + 1 : r);
    T sum = numeric::number_traits<T>::from_integer(0);
    for (std::size_t i = 0; i < freqs.size(); ++i) sum = sum + chunk_term(c.aligned[i], c.cross[i], freqs[i], distance);
    return sum;
}

// a(r) = q^T R^r k.
template <numeric::KernelNumber T>
T activation(std::span<const T> q, std::span<const T> k, std::span<const T> freqs,
             std::int64_t r) {
    detail::require_same_shape(q.size(), k.size(), freqs.size());
    return activation_from_coefficients(chunk_coefficients(q, k), freqs, r);
}

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

// Each chunk (x0, x1) -> (c x0 - s x1, s x0 + c x1), every product and sum in T.
// (Transformers' x * cos + rotate_half(x) * sin rounds the same products and sums.)
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

// R^position x: each chunk rotated by position * g_k.
template <numeric::KernelNumber T>
std::vector<T> rotate(std::span<const T> x, std::span<const T> freqs, std::int64_t position) {
    detail::require_same_shape(x.size(), x.size(), freqs.size());
    return apply_rotation<T>(x, rotation_table<T>(freqs, position));
}

// q^T k: the NoPE activation, computed without any rotation.
template <numeric::KernelNumber T>
T dot(std::span<const T> a, std::span<const T> b) {
    if (a.size() != b.size()) throw std::invalid_argument("dot: sizes disagree");
    T sum = numeric::number_traits<T>::from_integer(0);
    for (std::size_t i = 0; i < a.size(); ++i) sum = sum + a[i] * b[i];
    return sum;
}

}  // namespace ropecheck::rope
