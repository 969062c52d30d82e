// FrequencySchedule::frequencies_at and frequency_exponents: at the schedule's
// own base they enclose its frequencies (product form, one exp per head); over an interval of bases they
// enclose the frequencies at every base inside (checked at the ends and a middle
// base, each computed on its own); g_k = theta^(-e_k) with the exponents given.
#include <boost/test/unit_test.hpp>

#include <cmath>
#include <stdexcept>
#include <string>

#include "../support/reference_power.hpp"
#include "ropecheck/numeric/certainty.hpp"
#include "ropecheck/numeric/enclosure.hpp"
#include "ropecheck/numeric/precision_guard.hpp"
#include "ropecheck/rope/frequency_schedule.hpp"

using namespace ropecheck;
using numeric::interval;
using numeric::real;

BOOST_AUTO_TEST_SUITE(frequencies_at)

// At the schedule's own base the product form and the per-term exp enclose the
// same exact g_k (both contain MPFR's pow), the product form within 16 bits of the
// working precision; in double, within (3 j + 4) units in the last place for g = ratio^j
// (the ratio carries about 2, each product 1).
BOOST_AUTO_TEST_CASE(at_the_own_base_encloses_the_frequencies) {
    for (const auto kind : {rope::RotaryKind::rope, rope::RotaryKind::p_rope, rope::RotaryKind::reversed_p_rope,
                            rope::RotaryKind::neox_partial}) {
        for (const char* theta : {"10000", "500000"}) {
            numeric::PrecisionGuard guard(128);
            const rope::FrequencySchedule s(kind, theta, 64, numeric::ExactFraction{1, 2});
            const auto own = s.frequencies<interval>();
            const auto at = s.frequencies_at(numeric::enclose_decimal(theta));
            const auto at_d = s.frequencies_at(std::stod(theta));
            BOOST_TEST_REQUIRE(own.size() == at.size());
            for (std::size_t k = 0; k < own.size(); ++k) {
                const rope::ChunkFrequency& c = s.chunks()[k];
                if (!c.rotated) {
                    BOOST_TEST(numeric::identical(at[k], interval(0)));
                    BOOST_TEST(at_d[k] == 0.0);
                    continue;
                }
                const real exact = test_support::reference_power(theta, c.exponent_numerator, c.exponent_denominator, 400);
                BOOST_TEST((numeric::lower_bound(at[k]) <= exact && exact <= numeric::upper_bound(at[k])));
                BOOST_TEST((numeric::lower_bound(own[k]) <= exact && exact <= numeric::upper_bound(own[k])));
                const real width = numeric::upper_bound(at[k]) - numeric::lower_bound(at[k]);
                BOOST_TEST((width <= ldexp(exact, -(128 - 16))));
                const double j = c.exponent_numerator / 2;
                const double ulps = (abs(real(at_d[k]) - exact) / (exact * std::ldexp(1.0, -52))).convert_to<double>();
                BOOST_TEST(ulps <= 3 * j + 4, "g_" << k + 1 << " in double is " << ulps << " ulps off");
            }
        }
    }
}

BOOST_AUTO_TEST_CASE(over_an_interval_encloses_every_base_inside) {
    numeric::PrecisionGuard guard(128);
    const auto s = rope::FrequencySchedule::rope("10000", 32);
    const interval bases = numeric::between(real(9000), real(12000));
    const auto over = s.frequencies_at(bases);
    for (const char* t : {"9000", "10500.25", "12000"}) {
        const auto at = rope::FrequencySchedule::rope(t, 32).frequencies<interval>();
        for (std::size_t k = 0; k < at.size(); ++k) {
            BOOST_TEST((numeric::lower_bound(over[k]) <= numeric::lower_bound(at[k])));
            BOOST_TEST((numeric::upper_bound(over[k]) >= numeric::upper_bound(at[k])));
        }
    }
    // Not wider than the range itself by more than rounding: g_2 = theta^(-1/16).
    const interval g2_low = exp(-(interval(2) / interval(32)) * log(interval(12000)));
    const interval g2_high = exp(-(interval(2) / interval(32)) * log(interval(9000)));
    BOOST_TEST((numeric::upper_bound(over[1]) - numeric::lower_bound(over[1]) <=
                numeric::upper_bound(g2_high) - numeric::lower_bound(g2_low)));
}

BOOST_AUTO_TEST_CASE(exponents_give_the_frequencies) {
    numeric::PrecisionGuard guard(128);
    const rope::FrequencySchedule s(rope::RotaryKind::p_rope, "500000", 8, numeric::ExactFraction{1, 2});
    const auto e = s.frequency_exponents<interval>();
    const auto g = s.frequencies<interval>();
    const interval theta = numeric::enclose_decimal("500000");
    BOOST_TEST_REQUIRE(e.size() == 4u);
    for (std::size_t k = 0; k < e.size(); ++k) {
        if (!s.chunks()[k].rotated) {
            BOOST_TEST(numeric::identical(e[k], interval(0)));
            BOOST_TEST(numeric::identical(g[k], interval(0)));
            continue;
        }
        // e_k = 2(k-1)/d for a kept RoPE pair.
        BOOST_TEST(numeric::overlaps(e[k], interval(static_cast<long long>(2 * k)) / interval(8)));
        BOOST_TEST(numeric::overlaps(g[k], exp(-(e[k] * log(theta)))));
    }
}

BOOST_AUTO_TEST_CASE(a_scaled_schedule_refuses) {
    rope::Scaling linear;
    linear.type = rope::ScalingType::linear;
    linear.factor = "2";
    const auto s = rope::FrequencySchedule::rope("10000", 8).with_scaling(linear);
    BOOST_CHECK_THROW(s.frequencies_at(10000.0), std::logic_error);
    BOOST_CHECK_THROW(s.frequency_exponents<double>(), std::logic_error);
}

BOOST_AUTO_TEST_SUITE_END()
