#pragma once
// The Arb side of the cross-checks: a small RAII wrapper for arb_t and the
// comparisons with ropecheck's MPFI enclosures.
//
// Arb (FLINT's ball arithmetic) represents a real number as a ball
// [mid +/- rad]; every operation returns a ball containing the exact result of
// the exact inputs. It is a second certified library, written independently of
// MPFR/MPFI, so an enclosure computed by ropecheck and a ball computed here
// from the definitions must share at least one point (they both contain the
// same exact number). A ropecheck bug that moves its enclosure away from the
// true value makes the two disjoint, and the test fails.
#include <arb.h>

#include <cstdint>
#include <map>
#include <string>
#include <utility>

#include "ropecheck/numeric/certainty.hpp"
#include "ropecheck/numeric/types.hpp"

namespace ropecheck::arbcheck {

// Working precision of every Arb computation, in bits.
inline constexpr slong prec = 128;

// Owns one arb_t: arb_init in every constructor, arb_clear in the destructor.
// Copies duplicate the ball (arb_set), moves swap it; `get()` hands the raw
// arb_ptr to Arb's C functions, which write their result into the first
// argument. Arithmetic operators are deliberately absent: each operation is a
// visible Arb call with its precision, as in Arb's own code.
class Ball {
public:
    Ball() { arb_init(x_); }
    ~Ball() { arb_clear(x_); }
    Ball(const Ball& other) : Ball() { arb_set(x_, other.x_); }
    Ball(Ball&& other) noexcept : Ball() { arb_swap(x_, other.x_); }
    Ball& operator=(const Ball& other) {
        if (this != &other) arb_set(x_, other.x_);
        return *this;
    }
    Ball& operator=(Ball&& other) noexcept {
        arb_swap(x_, other.x_);
        return *this;
    }

    // Exact integers and doubles (a double is a dyadic number: exact in Arb).
    static Ball integer(std::int64_t v) {
        Ball b;
        arb_set_si(b.x_, static_cast<slong>(v));
        return b;
    }
    static Ball exact(double v) {
        Ball b;
        arb_set_d(b.x_, v);
        return b;
    }
    // A ball containing the decimal number written in `text` ("10000", "0.75",
    // "1.5e-4"); throws std::invalid_argument when Arb cannot parse it.
    static Ball decimal(const std::string& text);
    static Ball pi() {
        Ball b;
        arb_const_pi(b.x_, prec);
        return b;
    }

    arb_ptr get() { return x_; }
    arb_srcptr get() const { return x_; }

    double mid() const { return arf_get_d(arb_midref(x_), ARF_RND_NEAR); }
    double radius() const { return mag_get_d(arb_radref(x_)); }
    // "[m +/- r]" with `digits` significant digits of the midpoint.
    std::string str(slong digits = 25) const;

private:
    arb_t x_;
};

// Sums, products, quotients: one call each, at `prec`.
Ball add(const Ball& a, const Ball& b);
Ball sub(const Ball& a, const Ball& b);
Ball mul(const Ball& a, const Ball& b);
Ball div(const Ball& a, const Ball& b);
Ball mul_si(const Ball& a, std::int64_t n);
Ball neg(const Ball& a);
Ball abs(const Ball& a);
Ball cos(const Ball& a);
Ball sin(const Ball& a);
Ball exp(const Ball& a);
Ball log(const Ball& a);
Ball sqrt(const Ball& a);
Ball pow(const Ball& base, const Ball& exponent);
// p / q as a ball (exact when p / q is dyadic).
Ball ratio(std::int64_t p, std::int64_t q);
// The smallest ball containing both.
Ball hull(const Ball& a, const Ball& b);

// Certain answers (true only when every point of the balls satisfies it).
inline bool certainly_positive(const Ball& a) { return arb_is_positive(a.get()) != 0; }
inline bool certainly_negative(const Ball& a) { return arb_is_negative(a.get()) != 0; }
inline bool certainly_nonnegative(const Ball& a) { return arb_is_nonnegative(a.get()) != 0; }
inline bool certainly_less(const Ball& a, const Ball& b) { return arb_lt(a.get(), b.get()) != 0; }
inline bool certainly_less_equal(const Ball& a, const Ball& b) { return arb_le(a.get(), b.get()) != 0; }
// The integer floor(a) when it is the same for every point of a; false otherwise.
bool unique_floor(const Ball& a, std::int64_t& out);

// The MPFI enclosure (or a printed "[lower, upper]" / single decimal bound of
// ropecheck's reports) as an Arb ball: the hull of its endpoints, rounded
// outward, so the ball contains everything the enclosure does.
Ball from_interval(const numeric::interval& x);
Ball from_enclosure_text(const std::string& text);  // "[a, b]"
// The two decimal ends of "[a, b]".
std::pair<std::string, std::string> enclosure_ends(const std::string& text);

// The two share a point.
inline bool overlaps(const Ball& a, const Ball& b) { return arb_overlaps(a.get(), b.get()) != 0; }
// rad(a) <= tolerance * max(1, |mid(a)|): the ball is narrow enough for an
// overlap to say something (1e-30 at 128 bits leaves ~8 decimal digits of room
// for the error growth of long sums).
bool narrow(const Ball& a, double tolerance = 1e-30);

// Case counts per (claim, quantity) for the summary the suite prints at the end.
std::map<std::pair<std::string, std::string>, int>& tally();
inline void count_case(const std::string& claim, const std::string& quantity) { ++tally()[{claim, quantity}]; }

}  // namespace ropecheck::arbcheck
