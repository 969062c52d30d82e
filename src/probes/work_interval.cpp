#include "work_interval.hpp"

#include <algorithm>

#include "ropecheck/numeric/enclosure.hpp"
#include "ropecheck/numeric/precision_guard.hpp"

namespace ropecheck::probes::density_detail {
namespace {

mpfr_prec_t wider(const WorkInterval& a, const WorkInterval& b) { return std::max(a.bits(), b.bits()); }

// The left or the right endpoint of x, exactly (at x's precision).
class Endpoint {
public:
    Endpoint(mpfi_srcptr x, bool left) {
        mpfr_init2(e_, mpfi_get_prec(x));
        if (left)
            mpfi_get_left(e_, x);
        else
            mpfi_get_right(e_, x);
    }
    ~Endpoint() { mpfr_clear(e_); }
    Endpoint(const Endpoint&) = delete;
    Endpoint& operator=(const Endpoint&) = delete;
    mpfr_srcptr get() const { return e_; }

private:
    mpfr_t e_;
};

// mpfr endpoint -> a real at the default precision, rounded in `mode`.
numeric::real endpoint(mpfi_srcptr x, bool left, mpfr_rnd_t mode) {
    // Named: mpfr_set is a macro whose statement expression would outlive a temporary.
    const Endpoint e(x, left);
    numeric::real out;
    mpfr_set(out.backend().data(), e.get(), mode);
    return out;
}

std::int64_t clamp_floor(mpfr_srcptr e, std::int64_t cap) {
    if (mpfr_cmp_si(e, static_cast<long>(cap)) >= 0) return cap;
    if (mpfr_cmp_si(e, -static_cast<long>(cap)) <= 0) return -cap;
    return static_cast<std::int64_t>(mpfr_get_si(e, MPFR_RNDD));  // floor, |e| < cap fits
}

}  // namespace

mpfr_prec_t work_bits() { return static_cast<mpfr_prec_t>(numeric::current_precision_bits() + precision_margin_bits); }

WorkInterval::WorkInterval(mpfr_prec_t bits) { mpfi_init2(value_, bits); }

WorkInterval::WorkInterval(long value, mpfr_prec_t bits) : WorkInterval(bits) { mpfi_set_si(value_, value); }

WorkInterval::WorkInterval(const numeric::interval& x, mpfr_prec_t bits) : WorkInterval(bits) {
    mpfi_set(value_, x.backend().data());
}

WorkInterval::WorkInterval(const WorkInterval& other) : WorkInterval(other.bits()) { mpfi_set(value_, other.value_); }

WorkInterval& WorkInterval::operator=(const WorkInterval& other) {
    if (this != &other) {
        mpfi_set_prec(value_, other.bits());
        mpfi_set(value_, other.value_);
    }
    return *this;
}

WorkInterval::~WorkInterval() { mpfi_clear(value_); }

WorkInterval WorkInterval::two_pi(mpfr_prec_t bits) {
    WorkInterval x(bits);
    numeric::enclose_pi(x.value_);
    mpfi_mul_si(x.value_, x.value_, 2);
    return x;
}

numeric::interval WorkInterval::to_interval() const {
    numeric::interval out;
    mpfi_set(out.backend().data(), value_);
    return out;
}

numeric::real WorkInterval::lower() const { return endpoint(value_, true, MPFR_RNDD); }
numeric::real WorkInterval::upper() const { return endpoint(value_, false, MPFR_RNDU); }

bool WorkInterval::certainly_positive() const { return mpfi_is_strictly_pos(value_) > 0; }

WorkInterval WorkInterval::lower_point() const {
    WorkInterval x(bits());
    const Endpoint e(value_, true);
    mpfi_set_fr(x.value_, e.get());
    return x;
}

WorkInterval WorkInterval::upper_point() const {
    WorkInterval x(bits());
    const Endpoint e(value_, false);
    mpfi_set_fr(x.value_, e.get());
    return x;
}

WorkInterval operator+(const WorkInterval& a, const WorkInterval& b) {
    WorkInterval out(0L, wider(a, b));
    mpfi_add(out.data(), a.data(), b.data());
    return out;
}

WorkInterval operator-(const WorkInterval& a, const WorkInterval& b) {
    WorkInterval out(0L, wider(a, b));
    mpfi_sub(out.data(), a.data(), b.data());
    return out;
}

WorkInterval operator*(const WorkInterval& a, const WorkInterval& b) {
    WorkInterval out(0L, wider(a, b));
    mpfi_mul(out.data(), a.data(), b.data());
    return out;
}

WorkInterval operator/(const WorkInterval& a, const WorkInterval& b) {
    WorkInterval out(0L, wider(a, b));
    mpfi_div(out.data(), a.data(), b.data());
    return out;
}

WorkInterval operator*(const WorkInterval& a, std::int64_t n) {
    WorkInterval out(0L, a.bits());
    mpfi_mul_si(out.data(), a.data(), static_cast<long>(n));
    return out;
}

WorkInterval operator-(const WorkInterval& a, std::int64_t n) {
    WorkInterval out(0L, a.bits());
    mpfi_sub_si(out.data(), a.data(), static_cast<long>(n));
    return out;
}

FloorRange floor_range(const WorkInterval& x, std::int64_t cap) {
    if (mpfi_nan_p(x.data())) return {-cap, cap};  // nothing known: undecided
    mpfr_t e;
    mpfr_init2(e, x.bits());
    FloorRange out;
    mpfi_get_left(e, x.data());
    mpfr_floor(e, e);  // exact: an integer never needs more bits than the value it came from
    out.low = clamp_floor(e, cap);
    mpfi_get_right(e, x.data());
    mpfr_floor(e, e);
    out.high = clamp_floor(e, cap);
    mpfr_clear(e);
    return out;
}

WorkInterval turns_of(const numeric::interval& frequency, mpfr_prec_t bits) {
    return WorkInterval(frequency, bits) / WorkInterval::two_pi(bits);
}

}  // namespace ropecheck::probes::density_detail
