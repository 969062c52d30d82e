#include "ropecheck/numeric/precision_guard.hpp"

#include "ropecheck/numeric/types.hpp"

namespace ropecheck::numeric {

unsigned digits10_for_bits(unsigned bits) {
    unsigned d10 = static_cast<unsigned>((static_cast<unsigned long>(bits) * 301ul + 999ul) / 1000ul);
    while (boost::multiprecision::detail::digits10_2_2(d10) < bits) ++d10;
    return d10;
}

unsigned effective_bits(unsigned bits) {
    return static_cast<unsigned>(boost::multiprecision::detail::digits10_2_2(digits10_for_bits(bits)));
}

unsigned current_precision_bits() {
    return static_cast<unsigned>(
        boost::multiprecision::detail::digits10_2_2(real::default_precision()));
}

PrecisionGuard::PrecisionGuard(unsigned bits)
    : saved_real_digits10_(real::default_precision()),
      saved_interval_digits10_(interval::default_precision()) {
    const unsigned d10 = digits10_for_bits(bits);
    real::default_precision(d10);
    interval::default_precision(d10);
}

PrecisionGuard::~PrecisionGuard() {
    real::default_precision(saved_real_digits10_);
    interval::default_precision(saved_interval_digits10_);
}

}  // namespace ropecheck::numeric
