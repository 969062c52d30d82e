#include "ropecheck/numeric/enclosure.hpp"

#include "ropecheck/numeric/certainty.hpp"

namespace ropecheck::numeric {

interval between(const real& lower, const real& upper) {
    interval x;
    mpfi_interv_fr(x.backend().data(), lower.backend().data(), upper.backend().data());
    return x;
}

interval hull(const interval& a, const interval& b) {
    interval x;
    mpfi_union(x.backend().data(), a.backend().data(), b.backend().data());
    return x;
}

std::optional<interval> common_part(const interval& a, const interval& b) {
    if (!overlaps(a, b)) return std::nullopt;
    interval out;
    mpfi_intersect(out.backend().data(), a.backend().data(), b.backend().data());
    return out;
}

bool identical(const interval& a, const interval& b) {
    return lower_bound(a) == lower_bound(b) && upper_bound(a) == upper_bound(b);
}

void enclose_pi(mpfi_ptr x) { mpfi_const_pi(x); }

interval pi() {
    interval x;
    enclose_pi(x.backend().data());
    return x;
}

// 2 pi: doubling is exact in binary, so this is as tight as pi itself.
interval two_pi() {
    interval x = pi();
    mpfi_mul_2ui(x.backend().data(), x.backend().data(), 1);
    return x;
}

}  // namespace ropecheck::numeric
