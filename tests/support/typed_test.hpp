#pragma once
// What the tests run once per number type (the kernel's and softmax's) share: the number types,
// the fixed seed, the working precision, the iteration count and the unit roundoff of each type.
// One definition here: a copy in each file would be a redefinition when the test files are
// compiled together in one unity batch.
#include <boost/mpl/list.hpp>
#include <cmath>
#include <cstdint>
#include <span>
#include <type_traits>
#include <vector>

#include "ropecheck/numeric/number_concept.hpp"
#include "ropecheck/numeric/types.hpp"
#include "test_multiplier.hpp"

namespace ropecheck::test {

using number_types = boost::mpl::list<double, numeric::real, numeric::interval>;

inline constexpr std::uint64_t test_seed = 20241006;  // printed by the tests that draw
inline constexpr unsigned working_bits = 128;         // of real and interval

inline unsigned iterations(unsigned base) { return base * static_cast<unsigned>(test_multiplier()); }

template <class T>
T number(std::int64_t v) { return numeric::number_traits<T>::from_integer(v); }

template <class T>
std::span<const T> view(const std::vector<T>& v) { return {v.data(), v.size()}; }

// Of double, or of the working precision.
template <class T>
double unit_roundoff() {
    return std::is_same_v<T, double> ? 0x1p-53 : std::ldexp(1.0, -static_cast<int>(working_bits));
}

}  // namespace ropecheck::test
