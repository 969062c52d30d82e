#include "ropecheck/numeric/certainty.hpp"

#include <stdexcept>

#include "ropecheck/numeric/enum_names.hpp"
#include "ropecheck/numeric/mutant.hpp"

namespace ropecheck::numeric {

std::string to_string(Certainty c) {
    // In the order of enum Certainty.
    constexpr EnumNames<3> names{"certainly", "certainly not", "unknown"};
    return name_of(names, c);
}

real lower_bound(const interval& x) { return boost::multiprecision::lower(x); }
real upper_bound(const interval& x) { return boost::multiprecision::upper(x); }
real width_of(const interval& x) { return boost::multiprecision::width(x); }

Certainty is_positive(const interval& x) {
    if (mpfi_nan_p(x.backend().data())) return Certainty::unknown;
    // Mutant "certainty-non-strict": ">= 0" for "> 0", so an exact 0 (a removed
    // frequency, a tie computed as a point) counts as certainly positive.
    if (ROPECHECK_MUTANT("certainty-non-strict") ? lower_bound(x) >= 0 : lower_bound(x) > 0) return Certainty::certainly;
    if (upper_bound(x) <= 0) return Certainty::certainly_not;
    return Certainty::unknown;
}

Certainty is_negative(const interval& x) {
    if (mpfi_nan_p(x.backend().data())) return Certainty::unknown;
    if (upper_bound(x) < 0) return Certainty::certainly;
    if (lower_bound(x) >= 0) return Certainty::certainly_not;
    return Certainty::unknown;
}

Certainty is_equal(const interval& a, const interval& b) {
    if (mpfi_nan_p(a.backend().data()) || mpfi_nan_p(b.backend().data())) return Certainty::unknown;
    const real al = lower_bound(a), au = upper_bound(a);
    const real bl = lower_bound(b), bu = upper_bound(b);
    if (au < bl || bu < al) return Certainty::certainly_not;
    if (al == au && bl == bu && al == bl) return Certainty::certainly;
    return Certainty::unknown;
}

Certainty is_less(const interval& a, const interval& b) {
    if (mpfi_nan_p(a.backend().data()) || mpfi_nan_p(b.backend().data())) return Certainty::unknown;
    if (upper_bound(a) < lower_bound(b)) return Certainty::certainly;
    if (lower_bound(a) >= upper_bound(b)) return Certainty::certainly_not;
    return Certainty::unknown;
}

Certainty is_at_most(const interval& a, const interval& b) {
    if (mpfi_nan_p(a.backend().data()) || mpfi_nan_p(b.backend().data())) return Certainty::unknown;
    if (upper_bound(a) <= lower_bound(b)) return Certainty::certainly;
    if (lower_bound(a) > upper_bound(b)) return Certainty::certainly_not;
    return Certainty::unknown;
}

bool overlaps(const interval& a, const interval& b) {
    return !(upper_bound(a) < lower_bound(b) || upper_bound(b) < lower_bound(a));
}

bool contains(const interval& x, const real& value) {
    return lower_bound(x) <= value && value <= upper_bound(x);
}

interval enclose_decimal(const std::string& decimal) {
    interval x;
    // mpfi_set_str also accepts "nan", "inf" and "[a,b]"; none is a decimal
    // number, and a NaN enclosure would only turn every later check "unknown".
    if (mpfi_set_str(x.backend().data(), decimal.c_str(), 10) != 0 ||
        !mpfi_bounded_p(x.backend().data()) || decimal.find('[') != std::string::npos)
        throw std::invalid_argument("not a decimal number: \"" + decimal + "\"");
    return x;
}

}  // namespace ropecheck::numeric
