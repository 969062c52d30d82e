#include "circle_gaps.hpp"

#include <gmp.h>
#include <mpfi.h>

#include <algorithm>
#include <iterator>
#include <stdexcept>

#include "work_interval.hpp"

namespace ropecheck::probes::density_detail {
namespace {

constexpr unsigned long fraction_bits = 128;

// Holds 128-bit integers exactly, plus headroom for the products below.
mpfr_prec_t exact_bits() { return std::max<mpfr_prec_t>(work_bits(), 256); }

turn_units to_units(const mpz_t z) {
    if (mpz_sgn(z) < 0 || mpz_sizeinbase(z, 2) > fraction_bits) throw std::logic_error("circle gaps: value outside [0, 2^128)");
    std::uint64_t words[2] = {0, 0};
    std::size_t count = 0;
    mpz_export(words, &count, -1, sizeof(std::uint64_t), 0, 0, z);
    return (static_cast<turn_units>(words[1]) << 64) | words[0];
}

void from_units(mpz_t z, turn_units u) {
    const std::uint64_t words[2] = {static_cast<std::uint64_t>(u), static_cast<std::uint64_t>(u >> 64)};
    mpz_import(z, 2, -1, sizeof(std::uint64_t), 0, 0, words);
}

// ceil(endpoint 2^128) as an integer: scaling by a power of two is exact.
turn_units ceil_units(mpfr_srcptr endpoint) {
    mpfr_t scaled;
    mpfr_init2(scaled, mpfr_get_prec(endpoint));
    mpfr_mul_2ui(scaled, endpoint, fraction_bits, MPFR_RNDN);
    mpfr_ceil(scaled, scaled);
    mpz_t z;
    mpz_init(z);
    mpfr_get_z(z, scaled, MPFR_RNDN);  // exact: already an integer
    const turn_units u = to_units(z);
    mpz_clear(z);
    mpfr_clear(scaled);
    return u;
}

}  // namespace

FixedRotation fixed_rotation(const numeric::interval& frequency) {
    const mpfr_prec_t bits = exact_bits();
    WorkInterval scaled = turns_of(frequency, bits);
    mpfi_mul_2ui(scaled.data(), scaled.data(), fraction_bits);  // alpha 2^128, exact scaling

    mpfr_t mid, left, right;
    mpfr_inits2(bits, mid, left, right, static_cast<mpfr_ptr>(nullptr));
    mpz_t a, d;
    mpz_inits(a, d, static_cast<mpz_ptr>(nullptr));
    mpfi_mid(mid, scaled.data());
    mpfr_get_z(a, mid, MPFR_RNDN);  // A, not yet reduced mod 2^128

    // d = ceil(sup |alpha 2^128 - A|): the difference in MPFI, then the larger
    // absolute endpoint rounded up.
    mpfi_sub_z(scaled.data(), scaled.data(), a);
    mpfi_get_left(left, scaled.data());
    mpfi_get_right(right, scaled.data());
    mpfr_abs(left, left, MPFR_RNDU);
    mpfr_abs(right, right, MPFR_RNDU);
    mpfr_max(mid, left, right, MPFR_RNDU);
    mpfr_ceil(mid, mid);

    FixedRotation out;
    if (mpfr_number_p(mid) && mpfr_cmp_ui_2exp(mid, 1, 100) < 0) {
        mpfr_get_z(d, mid, MPFR_RNDU);
        out.step_error = to_units(d);
        mpz_fdiv_r_2exp(a, a, fraction_bits);  // A mod 2^128, in [0, 2^128)
        out.step = to_units(a);
        out.usable = true;
    }
    mpz_clears(a, d, static_cast<mpz_ptr>(nullptr));
    mpfr_clears(mid, left, right, static_cast<mpfr_ptr>(nullptr));
    return out;
}

UnitThresholds thresholds_in_units(const numeric::interval& turns) {
    const mpfr_prec_t bits = std::max<mpfr_prec_t>(mpfi_get_prec(turns.backend().data()), exact_bits());
    mpfr_t e;
    mpfr_init2(e, bits);
    UnitThresholds t;
    mpfi_get_left(e, turns.backend().data());
    t.lower = ceil_units(e);
    mpfi_get_right(e, turns.backend().data());
    t.upper = ceil_units(e);
    mpfr_clear(e);
    return t;
}

numeric::interval units_to_radians(turn_units lower, turn_units upper) {
    const mpfr_prec_t bits = exact_bits();
    mpz_t z;
    mpz_init(z);
    mpfr_t lo, hi;
    mpfr_inits2(bits, lo, hi, static_cast<mpfr_ptr>(nullptr));
    from_units(z, lower);
    mpfr_set_z_2exp(lo, z, -static_cast<long>(fraction_bits), MPFR_RNDD);  // exact at >= 128 bits
    from_units(z, upper);
    mpfr_set_z_2exp(hi, z, -static_cast<long>(fraction_bits), MPFR_RNDU);
    WorkInterval turns(0L, bits);
    mpfi_interv_fr(turns.data(), lo, hi);
    mpfr_clears(lo, hi, static_cast<mpfr_ptr>(nullptr));
    mpz_clear(z);
    return (turns * WorkInterval::two_pi(bits)).to_interval();
}

CircleGaps::CircleGaps(turn_units step) : points_(&pool_), step_(step) { points_.insert(0); }

void CircleGaps::add_gap(turn_units g) { ++gap_counts_[g]; }

void CircleGaps::remove_gap(turn_units g) {
    const auto it = gap_counts_.find(g);
    if (it == gap_counts_.end()) throw std::logic_error("circle gaps: a gap that was never recorded");
    if (--it->second == 0) gap_counts_.erase(it);
}

void CircleGaps::add_next() {
    current_ += step_;  // mod 2^128: unsigned wrap-around is the circle
    ++r_;
    const auto [it, inserted] = points_.insert(current_);
    if (!inserted) return;  // the same point again cuts no gap
    if (points_.size() == 2) {
        // The first split: the whole circle becomes the two arcs between the points.
        const turn_units other = it == points_.begin() ? *std::next(it) : *points_.begin();
        add_gap(current_ - other);
        add_gap(other - current_);
        return;
    }
    const turn_units before = it == points_.begin() ? *points_.rbegin() : *std::prev(it);
    const auto after_it = std::next(it);
    const turn_units after = after_it == points_.end() ? *points_.begin() : *after_it;
    remove_gap(after - before);  // differences wrap around 0 correctly mod 2^128
    add_gap(current_ - before);
    add_gap(after - current_);
}

turn_units CircleGaps::largest_gap() const {
    return gap_counts_.empty() ? whole_circle_stand_in : gap_counts_.rbegin()->first;
}

}  // namespace ropecheck::probes::density_detail
