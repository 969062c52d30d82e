// PrecisionGuard is the one place that turns bits into Boost's decimal digits.
// These tests observe the precision MPFR and MPFI values actually get, so they
// do not merely restate the conversion formula.
#include <boost/test/unit_test.hpp>

#include <stdexcept>

#include "ropecheck/numeric/precision_guard.hpp"
#include "ropecheck/numeric/types.hpp"

namespace numeric = ropecheck::numeric;
using numeric::interval;
using numeric::real;

namespace {
unsigned bits_of(const real& x) { return static_cast<unsigned>(mpfr_get_prec(x.backend().data())); }
unsigned bits_of(const interval& x) { return static_cast<unsigned>(mpfi_get_prec(x.backend().data())); }
}  // namespace

BOOST_AUTO_TEST_SUITE(precision_guard)

BOOST_AUTO_TEST_CASE(sets_and_restores) {
    const unsigned before = numeric::current_precision_bits();
    {
        numeric::PrecisionGuard outer(200);
        BOOST_TEST(numeric::current_precision_bits() == numeric::effective_bits(200));
        // New values of both types get the guarded precision.
        BOOST_TEST(bits_of(real(1)) == numeric::effective_bits(200));
        BOOST_TEST(bits_of(interval(1)) == numeric::effective_bits(200));
        {
            numeric::PrecisionGuard inner(80);
            BOOST_TEST(numeric::current_precision_bits() == numeric::effective_bits(80));
            BOOST_TEST(bits_of(real(1)) == numeric::effective_bits(80));
            BOOST_TEST(bits_of(interval(1)) == numeric::effective_bits(80));
        }
        // Nested guards restore the enclosing guard's precision, not the global one.
        BOOST_TEST(numeric::current_precision_bits() == numeric::effective_bits(200));
        BOOST_TEST(bits_of(interval(1)) == numeric::effective_bits(200));
    }
    BOOST_TEST(numeric::current_precision_bits() == before);
}

BOOST_AUTO_TEST_CASE(restores_when_unwinding) {
    const unsigned before = numeric::current_precision_bits();
    try {
        numeric::PrecisionGuard guard(999);
        throw std::runtime_error("leave the scope by an exception");
    } catch (const std::runtime_error&) {
    }
    BOOST_TEST(numeric::current_precision_bits() == before);
    BOOST_TEST(bits_of(real(1)) == before);
}

BOOST_AUTO_TEST_CASE(effective_bits_cover_the_request) {
    for (unsigned b = 53; b <= 300; ++b) {
        BOOST_TEST_CONTEXT("bits " << b) {
            const unsigned e = numeric::effective_bits(b);
            BOOST_TEST(e >= b);
            // Decimal digits are coarser than bits: one more digit is ~3.3 bits,
            // plus Boost's rounding; more than that would waste precision.
            BOOST_TEST(e <= b + 6);
            numeric::PrecisionGuard guard(b);
            BOOST_TEST(bits_of(real(0)) == e);
        }
    }
}

BOOST_AUTO_TEST_CASE(digits10_round_trip) {
    for (unsigned b = 53; b <= 300; ++b) {
        BOOST_TEST_CONTEXT("bits " << b) {
            const unsigned d10 = numeric::digits10_for_bits(b);
            const unsigned e = numeric::effective_bits(b);
            // Asking again for the bits we got changes nothing: a task that copies
            // its parent's precision (PrecisionGuard(current_precision_bits()))
            // must compute at exactly the parent's precision.
            BOOST_TEST(numeric::digits10_for_bits(e) == d10);
            BOOST_TEST(numeric::effective_bits(e) == e);
            {
                numeric::PrecisionGuard guard(b);
                const unsigned now = numeric::current_precision_bits();
                numeric::PrecisionGuard copy(now);
                BOOST_TEST(numeric::current_precision_bits() == now);
            }
            // d10 is the least digit count that gives b bits: one digit fewer,
            // as Boost itself allocates it, falls short.
            const unsigned saved = real::default_precision();
            real::default_precision(d10 - 1);
            const unsigned fewer = bits_of(real(0));
            real::default_precision(saved);
            BOOST_TEST(fewer < b);
        }
    }
}

BOOST_AUTO_TEST_SUITE_END()
