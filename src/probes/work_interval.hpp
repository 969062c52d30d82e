#pragma once
// An MPFI enclosure that carries its own precision, for the probes that work at
// the caller's precision plus a margin. Boost 1.74 keeps one process-wide
// default precision; raising it inside a probe would race with instances that
// other threads are running, so this type never touches the default. Every
// operation is MPFI's (outward rounded), so results enclose the exact values.
// Private to src/probes.
#include <mpfi.h>

#include <cstdint>

#include "ropecheck/numeric/types.hpp"

namespace ropecheck::probes::density_detail {

// Bits added to the caller's precision for the continued fraction and the
// fixed-point rotation: enough that their own roundings stay far below the
// width of the inputs.
inline constexpr unsigned precision_margin_bits = 64;

// The working precision: the current default plus the margin.
mpfr_prec_t work_bits();

class WorkInterval {
public:
    WorkInterval(long value, mpfr_prec_t bits);
    WorkInterval(const numeric::interval& x, mpfr_prec_t bits);
    WorkInterval(const WorkInterval& other);
    WorkInterval& operator=(const WorkInterval& other);
    ~WorkInterval();

    static WorkInterval two_pi(mpfr_prec_t bits);

    mpfr_prec_t bits() const { return mpfi_get_prec(value_); }
    mpfi_ptr data() { return value_; }
    mpfi_srcptr data() const { return value_; }

    // At the current default precision, rounded outward: still an enclosure.
    numeric::interval to_interval() const;
    // The endpoints at the current default precision, rounded outward.
    numeric::real lower() const;
    numeric::real upper() const;
    bool certainly_positive() const;  // lower > 0
    // A point interval at one endpoint (exact: same precision).
    WorkInterval lower_point() const;
    WorkInterval upper_point() const;

private:
    explicit WorkInterval(mpfr_prec_t bits);
    mpfi_t value_;
};

WorkInterval operator+(const WorkInterval& a, const WorkInterval& b);
WorkInterval operator-(const WorkInterval& a, const WorkInterval& b);
WorkInterval operator*(const WorkInterval& a, const WorkInterval& b);
WorkInterval operator/(const WorkInterval& a, const WorkInterval& b);
WorkInterval operator*(const WorkInterval& a, std::int64_t n);
WorkInterval operator-(const WorkInterval& a, std::int64_t n);

// floor of each endpoint, clamped to [-cap, cap]: callers only ask whether an
// integer part is decided (low == high) and whether it exceeds a limit below
// cap, so anything at or above `cap` (or infinite) may be reported as `cap`;
// low == high == cap then reads "at least cap", which is all they need.
struct FloorRange {
    std::int64_t low = 0;
    std::int64_t high = 0;
    bool decided() const { return low == high; }
};
FloorRange floor_range(const WorkInterval& x, std::int64_t cap);

// g / (2 pi): the frequency in turns per token, at `bits`.
WorkInterval turns_of(const numeric::interval& frequency, mpfr_prec_t bits);

}  // namespace ropecheck::probes::density_detail
