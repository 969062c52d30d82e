#pragma once
// psi = (x, 0) on one pair (0-based), zero elsewhere: the one-channel vector of
// the diagonal (Theorem 5.3) and semantic (Theorem 6.1) constructions. With the
// default x = 8, ||psi||^2 = 64 and every coordinate is exact in every dtype,
// and x is a power of two, which pipeline_semantic_flip's error bound needs.
#include <cstddef>
#include <vector>

#include "ropecheck/numeric/types.hpp"

namespace ropecheck::probes {

inline std::vector<numeric::real> one_pair_vector(int head_dim, std::size_t pair, double x = 8) {
    std::vector<numeric::real> v(static_cast<std::size_t>(head_dim), numeric::real(0));
    v.at(2 * pair) = x;
    return v;
}

}  // namespace ropecheck::probes
