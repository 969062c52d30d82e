#pragma once
// Three-valued predicates on enclosures. Boost aborts the process when two
// overlapping MPFI intervals are compared with <, so ropecheck never does:
// every question about an interval answers certainly / certainly_not / unknown,
// and "unknown" becomes more precision or the verdict `inconclusive`.
#include <string>

#include "ropecheck/numeric/types.hpp"

namespace ropecheck::numeric {

enum class Certainty { certainly, certainly_not, unknown };

std::string to_string(Certainty c);

real lower_bound(const interval& x);
real upper_bound(const interval& x);
real width_of(const interval& x);

// x > 0 for every point of the enclosure (certainly), for none (certainly_not).
Certainty is_positive(const interval& x);
Certainty is_negative(const interval& x);
// The enclosures of a and b are disjoint (certainly_not equal) or both are the
// same single point (certainly equal).
Certainty is_equal(const interval& a, const interval& b);

// a < b for every point of a and every point of b (certainly), for none
// (certainly_not). At a tie of single points a < b is certainly_not and a <= b
// certainly; a NaN enclosure is unknown.
Certainty is_less(const interval& a, const interval& b);
Certainty is_at_most(const interval& a, const interval& b);

inline bool certainly_positive(const interval& x) { return is_positive(x) == Certainty::certainly; }
inline bool certainly_negative(const interval& x) { return is_negative(x) == Certainty::certainly; }
// The enclosures share at least one point: they may denote the same number.
bool overlaps(const interval& a, const interval& b);
bool contains(const interval& x, const real& value);

// The enclosure of an exact decimal string such as "10000" or "0.1".
interval enclose_decimal(const std::string& decimal);

}  // namespace ropecheck::numeric
