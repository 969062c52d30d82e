#pragma once
// The one place that converts precision units and sets the default precision.
// Boost.Multiprecision counts decimal digits; ropecheck counts bits everywhere.
//
// In Boost 1.74 (Debian 12) the default precision is one process-wide atomic;
// newer Boost makes it thread-local. The runner therefore sets the guard
// before a parallel region whose tasks all share one precision AND inside each
// task, which is correct under both behaviours.
namespace ropecheck::numeric {

// Decimal digits whose Boost round trip gives at least `bits` bits.
unsigned digits10_for_bits(unsigned bits);
// The bits Boost actually allocates for a request of `bits` (>= bits).
unsigned effective_bits(unsigned bits);
// The precision, in bits, that new MPFR/MPFI values get now.
unsigned current_precision_bits();

class PrecisionGuard {
public:
    explicit PrecisionGuard(unsigned bits);
    ~PrecisionGuard();
    PrecisionGuard(const PrecisionGuard&) = delete;
    PrecisionGuard& operator=(const PrecisionGuard&) = delete;

private:
    unsigned saved_real_digits10_;
    unsigned saved_interval_digits10_;
};

}  // namespace ropecheck::numeric
