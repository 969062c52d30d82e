#pragma once
// Building and comparing enclosures by their endpoints, and the one enclosure
// of pi. Every other file builds [lower, upper], a hull, an intersection or pi
// through these (no private copies), so that the directed rounding they rely on
// is argued once, here.
#include <mpfi.h>

#include <optional>

#include "ropecheck/numeric/types.hpp"

namespace ropecheck::numeric {

// [lower, upper] at the current precision, rounded outward (mpfi_interv_fr):
// it contains every number between the two endpoints given.
interval between(const real& lower, const real& upper);
// The least interval (at the current precision, outward) containing a and b.
interval hull(const interval& a, const interval& b);
// The common part of two enclosures of the same number (both are valid, so their
// intersection is too); nullopt when they are disjoint.
std::optional<interval> common_part(const interval& a, const interval& b);
// The same endpoints: the same enclosure, bit for bit (a stronger statement than
// "certainly equal", which needs both to be one point).
bool identical(const interval& a, const interval& b);

// pi enclosed at x's own precision (MPFI's mpfi_const_pi: the exact pi rounded
// down and up). The raw form serves code that works on mpfi_t at a chosen precision.
void enclose_pi(mpfi_ptr x);
// pi and 2 pi at the current precision.
interval pi();
interval two_pi();

}  // namespace ropecheck::numeric
