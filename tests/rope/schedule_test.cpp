// FrequencySchedule against the paper (Notation, Section 6.1, quoted numbers; docs/rope-scaling.md):
// enclosures are checked against an independent 300-bit mpfr_pow, and the
// p-RoPE variants against RoPE chunk by chunk.
#include <boost/mpl/list.hpp>
#include <boost/test/unit_test.hpp>

#include <string>
#include <vector>

#include "../support/reference_power.hpp"
#include "ropecheck/numeric/certainty.hpp"
#include "ropecheck/numeric/decimal.hpp"
#include "ropecheck/numeric/invalid_input.hpp"
#include "ropecheck/numeric/precision_guard.hpp"
#include "ropecheck/rope/frequency_schedule.hpp"
#include "../support/print_certainty.hpp"
#include "../support/typed_test.hpp"

namespace numeric = ropecheck::numeric;
namespace rope = ropecheck::rope;
using numeric::Certainty;
using numeric::ExactFraction;
using numeric::interval;
using numeric::real;
using rope::FrequencySchedule;
using rope::RotaryKind;

namespace {

using ropecheck::test::number_types;

ExactFraction fraction(const char* text) { return ExactFraction::parse_decimal(text, "p"); }

// theta^(-num/den) by MPFR's own pow at 300 bits: independent of exp(-x log theta).
real reference_power(const char* theta, long num, long den) { return ropecheck::test_support::reference_power(theta, num, den, 300); }

// Both enclosures are the same interval, endpoint for endpoint.
bool same_enclosure(const interval& a, const interval& b) {
    return numeric::lower_bound(a) == numeric::lower_bound(b) &&
           numeric::upper_bound(a) == numeric::upper_bound(b);
}
bool same_value(const double& a, const double& b) { return a == b; }
bool same_value(const real& a, const real& b) { return a == b; }
bool same_value(const interval& a, const interval& b) { return same_enclosure(a, b); }

bool exactly_zero(const double& x) { return x == 0; }
bool exactly_zero(const real& x) { return x == 0; }
bool exactly_zero(const interval& x) { return numeric::is_equal(x, interval(0)) == Certainty::certainly; }

bool same_chunk(const rope::ChunkFrequency& a, const rope::ChunkFrequency& b) {
    return a.rotated == b.rotated && a.exponent_numerator == b.exponent_numerator &&
           a.exponent_denominator == b.exponent_denominator;
}

// Runs f and requires InvalidInput whose message contains `needle`.
template <class F>
void require_invalid(F f, const std::string& needle) {
    try {
        f();
        BOOST_ERROR("no InvalidInput; expected one mentioning \"" << needle << '"');
    } catch (const ropecheck::InvalidInput& e) {
        BOOST_TEST_INFO("message: " << e.what());
        BOOST_TEST(std::string(e.what()).find(needle) != std::string::npos);
    }
}

}  // namespace

BOOST_AUTO_TEST_SUITE(frequency_schedule)

BOOST_AUTO_TEST_CASE(rope_gemma_frequencies) {
    numeric::PrecisionGuard guard(128);
    const auto s = FrequencySchedule::rope("10000", 256);
    BOOST_TEST(s.pairs() == 128);
    BOOST_TEST(s.rotated_pairs() == 128);
    const auto g = s.frequencies<interval>();
    BOOST_REQUIRE(g.size() == 128u);

    // g_1 = theta^0 = 1 exactly.
    BOOST_TEST(numeric::contains(g[0], real(1)));
    BOOST_TEST(numeric::width_of(g[0]) <= pow(real(2), -120));
    BOOST_TEST(s.frequencies<double>()[0] == 1.0);

    // g_128 = 10000^(-254/256) ~ 1.07e-4, wavelength ~ 58,470 tokens (the paper, Section 6).
    const real g128 = reference_power("10000", 254, 256);
    BOOST_TEST(numeric::contains(g[127], g128));
    BOOST_TEST(numeric::width_of(g[127]) <= g128 * pow(real(2), -120));
    BOOST_TEST(numeric::decimal_nearest(numeric::lower_bound(g[127]), 3) == "1.07e-04");
    interval pi;
    mpfi_const_pi(pi.backend().data());
    const interval wavelength = 2 * pi / g[127];
    BOOST_TEST(numeric::certainly_positive(wavelength - 58469));
    BOOST_TEST(numeric::certainly_negative(wavelength - 58470));

    // g_119 = 10000^(-236/256) ~ 2.05e-4, and 8000 g_119 ~ 1.64 ("about a quarter turn").
    BOOST_TEST(numeric::contains(g[118], reference_power("10000", 236, 256)));
    BOOST_TEST(numeric::decimal_nearest(numeric::lower_bound(g[118]), 3) == "2.05e-04");
    BOOST_TEST(numeric::decimal_nearest(numeric::lower_bound(8000 * g[118]), 3) == "1.64e+00");

    // Every frequency against MPFR's pow, and strictly decreasing.
    for (int k = 1; k <= 128; ++k) {
        BOOST_TEST_CONTEXT("k = " << k) {
            BOOST_TEST(numeric::contains(g[k - 1], reference_power("10000", 2 * (k - 1), 256)));
            if (k > 1) BOOST_TEST(numeric::certainly_positive(g[k - 2] - g[k - 1]));
        }
    }
}

BOOST_AUTO_TEST_CASE(rope_llama_frequency) {
    // The paper's 500,000^(-40/64) ~ 0.0001 is wrong; it is ~ 2.74e-4.
    numeric::PrecisionGuard guard(128);
    const auto g = FrequencySchedule::rope("500000", 128).frequencies<interval>();
    BOOST_REQUIRE(g.size() == 64u);
    const interval& g41 = g[40];  // exponent 2 (41 - 1) / 128 = 80/128 = 40/64
    BOOST_TEST(numeric::contains(g41, reference_power("500000", 80, 128)));
    BOOST_TEST(numeric::decimal_nearest(numeric::lower_bound(g41), 3) == "2.74e-04");
    BOOST_TEST(numeric::certainly_positive(g41 - numeric::enclose_decimal("0.0002")));
}

BOOST_AUTO_TEST_CASE_TEMPLATE(p_rope_keeps_the_highest, T, number_types) {
    numeric::PrecisionGuard guard(128);
    const auto rope_schedule = FrequencySchedule::rope("10000", 256);
    const auto full = rope_schedule.frequencies<T>();
    for (const auto& [text, kept] : {std::pair{"0.75", 96}, {"0.25", 32}, {"0.5", 64}, {"0", 0},
                                     {"1", 128}, {"0.999", 127}}) {
        BOOST_TEST_CONTEXT("p = " << text) {
            const FrequencySchedule s(RotaryKind::p_rope, "10000", 256, fraction(text));
            BOOST_TEST(s.rotated_pairs() == kept);
            const auto g = s.frequencies<T>();
            BOOST_REQUIRE(g.size() == 128u);
            for (int k = 1; k <= 128; ++k) {
                BOOST_TEST_CONTEXT("k = " << k) {
                    const bool rotated = k <= kept;
                    BOOST_TEST(s.chunks()[k - 1].rotated == rotated);
                    if (rotated) {
                        BOOST_TEST(same_chunk(s.chunks()[k - 1], rope_schedule.chunks()[k - 1]));
                        BOOST_TEST(same_value(g[k - 1], full[k - 1]));
                    } else {
                        BOOST_TEST(exactly_zero(g[k - 1]));
                    }
                }
            }
        }
    }
}

BOOST_AUTO_TEST_CASE(p_rope_quoted_values) {
    numeric::PrecisionGuard guard(128);
    // With d = 256, p = 0.75 the lowest kept is g_96 ~ 1.07e-3.
    const FrequencySchedule s(RotaryKind::p_rope, "10000", 256, fraction("0.75"));
    const auto g = s.frequencies<interval>();
    BOOST_TEST(numeric::decimal_nearest(numeric::lower_bound(g[95]), 3) == "1.07e-03");
    BOOST_TEST(numeric::contains(g[95], reference_power("10000", 190, 256)));
    BOOST_TEST(s.describe() == "p-rope(p=0.75) theta=10000 d=256: 96 of 128 pairs rotate");
}

BOOST_AUTO_TEST_CASE(p_zero_is_nope_and_p_one_is_rope) {
    const FrequencySchedule zero(RotaryKind::p_rope, "10000", 64, fraction("0"));
    const FrequencySchedule nope(RotaryKind::nope, "10000", 64);
    const FrequencySchedule one(RotaryKind::p_rope, "10000", 64, fraction("1"));
    const auto rope_schedule = FrequencySchedule::rope("10000", 64);
    BOOST_TEST(nope.rotated_pairs() == 0);
    BOOST_TEST(zero.rotated_pairs() == 0);
    for (int k = 0; k < 32; ++k) {
        BOOST_TEST(same_chunk(zero.chunks()[k], nope.chunks()[k]));
        BOOST_TEST(same_chunk(one.chunks()[k], rope_schedule.chunks()[k]));
    }
    for (double g : nope.frequencies<double>()) BOOST_TEST(g == 0.0);
}

BOOST_AUTO_TEST_CASE_TEMPLATE(reversed_p_rope_keeps_the_lowest, T, number_types) {
    numeric::PrecisionGuard guard(128);
    const auto full = FrequencySchedule::rope("10000", 256).frequencies<T>();
    const FrequencySchedule s(RotaryKind::reversed_p_rope, "10000", 256, fraction("0.75"));
    BOOST_TEST(s.rotated_pairs() == 96);
    const auto g = s.frequencies<T>();
    for (int k = 1; k <= 128; ++k) {
        BOOST_TEST_CONTEXT("k = " << k) {
            if (k > 32) BOOST_TEST(same_value(g[k - 1], full[k - 1]));  // g_33..g_128 kept
            else BOOST_TEST(exactly_zero(g[k - 1]));                     // the 32 highest removed
        }
    }
}

BOOST_AUTO_TEST_CASE(neox_partial_respreads_the_spectrum) {
    numeric::PrecisionGuard guard(128);
    const FrequencySchedule s(RotaryKind::neox_partial, "10000", 256, fraction("0.5"));
    BOOST_TEST(s.rotated_pairs() == 64);  // rotary_dim = 128
    const auto g = s.frequencies<interval>();
    const auto rope_g = FrequencySchedule::rope("10000", 256).frequencies<interval>();
    for (int k = 1; k <= 128; ++k) {
        BOOST_TEST_CONTEXT("k = " << k) {
            if (k <= 64) {
                BOOST_TEST(s.chunks()[k - 1].exponent_denominator == 128);
                BOOST_TEST(numeric::contains(g[k - 1], reference_power("10000", 2 * (k - 1), 128)));
            } else {
                BOOST_TEST(numeric::is_equal(g[k - 1], interval(0)) == Certainty::certainly);
            }
        }
    }
    // Not p-RoPE: g_2 = 10000^(-2/128) ~ 0.866, RoPE's g_2 = 10000^(-2/256) ~ 0.931.
    BOOST_TEST(numeric::is_equal(g[1], rope_g[1]) == Certainty::certainly_not);
    BOOST_TEST(numeric::decimal_nearest(numeric::lower_bound(g[1]), 3) == "8.66e-01");
    // The slice's lowest frequency is 10000^(-126/128), near 1/theta like RoPE's lowest.
    BOOST_TEST(numeric::contains(g[63], reference_power("10000", 126, 128)));
}

BOOST_AUTO_TEST_CASE(rotary_kind_names) {
    for (RotaryKind k : {RotaryKind::rope, RotaryKind::nope, RotaryKind::p_rope,
                         RotaryKind::reversed_p_rope, RotaryKind::neox_partial})
        BOOST_TEST((rope::parse_rotary_kind(rope::to_string(k)) == k));
    require_invalid([] { rope::parse_rotary_kind("yarn"); }, "yarn");
}

BOOST_AUTO_TEST_CASE(invalid_input_names_the_problem) {
    require_invalid([] { FrequencySchedule::rope("10000", 7); }, "odd");
    require_invalid([] { FrequencySchedule::rope("10000", 0); }, "d = 0");
    require_invalid([] { FrequencySchedule::rope("10000", -2); }, "out of range");
    require_invalid([] { FrequencySchedule::rope("1", 64); }, "greater than 1");
    require_invalid([] { FrequencySchedule::rope("0.5", 64); }, "greater than 1");
    require_invalid([] { FrequencySchedule::rope("abc", 64); }, "not a positive decimal");
    require_invalid([] { FrequencySchedule::rope("-10000", 64); }, "not a positive decimal");
    require_invalid([] { FrequencySchedule(RotaryKind::p_rope, "10000", 64, ExactFraction{5, 4}); },
                    "p = 1.25 is outside [0, 1]");
    require_invalid([] { FrequencySchedule(RotaryKind::p_rope, "10000", 64, ExactFraction{-1, 4}); },
                    "outside [0, 1]");
    // floor(p d) = floor(0.5 * 6) = 3 is odd; floor(0.005 * 256) = 1 is below 2.
    require_invalid([] { FrequencySchedule(RotaryKind::neox_partial, "10000", 6, fraction("0.5")); },
                    "rotary_dim = floor(p * d) = 3");
    require_invalid([] { FrequencySchedule(RotaryKind::neox_partial, "10000", 256, fraction("0.005")); },
                    "rotary_dim = floor(p * d) = 1");
    require_invalid([] { FrequencySchedule(RotaryKind::neox_partial, "10000", 256, fraction("0")); },
                    "must be even and >= 2");
    // Valid edge cases do not throw.
    BOOST_CHECK_NO_THROW(FrequencySchedule::rope("1.0001", 2));
    BOOST_CHECK_NO_THROW(FrequencySchedule::rope("1e4", 65536));
    BOOST_CHECK_NO_THROW(FrequencySchedule(RotaryKind::neox_partial, "10000", 4, fraction("0.5")));
}

BOOST_AUTO_TEST_SUITE_END()
