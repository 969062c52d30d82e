#include "ropecheck/numeric/precision_guard.hpp"

#include "ropecheck/numeric/types.hpp"

namespace ropecheck::numeric {

unsigned digits10_for_bits(unsigned bits) {
    // The least such count: start below it (digits10_2_2(d) <= d / 0.301 + 2)
    // and count up. The old start, ceil(0.301 bits), often overshot, so that
    // PrecisionGuard(current_precision_bits()) raised the precision (128 -> 131 -> 134 bits).
    unsigned d10 = bits > 10 ? static_cast<unsigned>((static_cast<unsigned long>(bits) - 10ul) * 301ul / 1000ul) : 0u;
    if (d10 == 0) d10 = 1;
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
