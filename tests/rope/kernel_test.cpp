// The one RoPE kernel, tested once per number type: the relative-position
// property, norm preservation, hand-derived values, exact identities (NoPE,
// r = 0), and Arb-style containment of a high-precision value in an enclosure.
//
// Inputs are dyadic (n/64 * 2^s with |n| <= 1024), so they are exact in every
// type and every product and sum of the coefficients is exact too: whatever
// differs between two routes to the same number comes from cos, sin and the
// frequencies alone. Seed 20241006 (fixed, printed); ROPECHECK_TEST_MULTIPLIER
// scales the iteration counts.
#include <boost/mpl/list.hpp>
#include <boost/test/unit_test.hpp>

#include "../support/typed_test.hpp"

#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <random>
#include <span>
#include <stdexcept>
#include <type_traits>
#include <vector>

#include "ropecheck/numeric/certainty.hpp"
#include "ropecheck/numeric/enclosure.hpp"
#include "ropecheck/numeric/ieee.hpp"
#include "ropecheck/numeric/precision_guard.hpp"
#include "ropecheck/rope/frequency_schedule.hpp"
#include "ropecheck/rope/kernel.hpp"

namespace numeric = ropecheck::numeric;
namespace rope = ropecheck::rope;
using numeric::interval;
using numeric::real;
using rope::FrequencySchedule;
using rope::RotaryKind;

namespace {

using ropecheck::test::test_seed;
using ropecheck::test::working_bits;
using ropecheck::test::iterations;
using ropecheck::test::number;
using ropecheck::test::view;
using ropecheck::test::unit_roundoff;
using ropecheck::test::number_types;

// A vector of d dyadic numbers numerators[i] / 64 * 2^log2_scale.
struct Sample {
    std::vector<std::int64_t> numerators;
    int log2_scale = 0;

    double norm() const {
        double s = 0;
        for (auto n : numerators) s += static_cast<double>(n) * static_cast<double>(n);
        return std::ldexp(std::sqrt(s) / 64, log2_scale);
    }
    template <class T>
    std::vector<T> as() const {
        using traits = numeric::number_traits<T>;
        std::vector<T> out;
        for (auto n : numerators)
            out.push_back(traits::from_integer(n) / traits::from_integer(64) *
                          traits::from_integer(std::int64_t{1} << log2_scale));
        return out;
    }
};

// Uses the engine's raw output only (portable across standard libraries).
// Adversarial share: one in eight is the zero vector, one in eight has a huge norm.
Sample random_sample(std::mt19937_64& rng, int d, unsigned iteration) {
    Sample s;
    for (int i = 0; i < d; ++i) s.numerators.push_back(static_cast<std::int64_t>(rng() % 2049) - 1024);
    if (iteration % 8 == 3) s.numerators.assign(static_cast<std::size_t>(d), 0);
    if (iteration % 8 == 5) s.log2_scale = 20;
    return s;
}

// Distances: random ones, plus 0, +-1 and the convergents 355 and 710 of pi
// and 2 pi, where r g_1 comes close to a multiple of 2 pi.
std::int64_t random_distance(std::mt19937_64& rng, unsigned iteration) {
    static constexpr std::int64_t special[] = {0, 1, -1, 355, -710, 100000};
    if (iteration % 4 == 0) return special[(iteration / 4) % std::size(special)];
    return static_cast<std::int64_t>(rng() % 20001) - 10000;
}

// a and b denote the same number up to tol: for enclosures they overlap and
// both are narrower than tol; otherwise they differ by at most tol.
template <class T>
void check_close(const T& a, const T& b, double tol) {
    if constexpr (std::is_same_v<T, interval>) {
        BOOST_TEST(numeric::overlaps(a, b));
        BOOST_TEST(numeric::width_of(a) <= real(tol));
        BOOST_TEST(numeric::width_of(b) <= real(tol));
    } else {
        using std::abs;
        BOOST_TEST(abs(a - b) <= T(tol));
    }
}

// |a - literal| <= tol, for an enclosure: every point of it.
template <class T>
void check_near_literal(const T& a, double literal, double tol) {
    if constexpr (std::is_same_v<T, interval>) {
        BOOST_TEST(numeric::certainly_positive(a - interval(literal - tol)));
        BOOST_TEST(numeric::certainly_negative(a - interval(literal + tol)));
    } else {
        using std::abs;
        BOOST_TEST(abs(a - T(literal)) <= T(tol));
    }
}

template <class T>
bool exactly_equal(const T& a, const T& b) {
    if constexpr (std::is_same_v<T, interval>)
        return numeric::is_equal(a, b) == numeric::Certainty::certainly;
    else
        return a == b;
}

// The same number (for an interval: the same endpoints).
template <class T>
bool same_number(const T& a, const T& b) {
    if constexpr (std::is_same_v<T, interval>) return numeric::identical(a, b);
    else return a == b;
}

const std::vector<FrequencySchedule>& schedules() {
    static const std::vector<FrequencySchedule> all = {
        FrequencySchedule::rope("10000", 2),
        FrequencySchedule::rope("10000", 16),
        FrequencySchedule::rope("500000", 128),
        FrequencySchedule(RotaryKind::p_rope, "10000", 64,
                          numeric::ExactFraction::parse_decimal("0.75", "p")),
    };
    return all;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(kernel)

BOOST_AUTO_TEST_CASE_TEMPLATE(relative_position_property, T, number_types) {
    // (R^i q)^T (R^j k) = a(j - i): positions enter only through their difference.
    numeric::PrecisionGuard guard(working_bits);
    BOOST_TEST_MESSAGE("seed " << test_seed);
    std::mt19937_64 rng(test_seed);
    for (const auto& s : schedules()) {
        const auto g = s.frequencies<T>();
        for (unsigned it = 0; it < iterations(12); ++it) {
            const Sample qs = random_sample(rng, s.head_dim(), it);
            const Sample ks = random_sample(rng, s.head_dim(), it + 1);
            const std::int64_t i = random_distance(rng, it), j = random_distance(rng, it + 1);
            BOOST_TEST_CONTEXT(s.describe() << ", seed " << test_seed << ", iteration " << it
                                            << ", i = " << i << ", j = " << j) {
                const auto q = qs.as<T>(), k = ks.as<T>();
                const T lhs = rope::dot(view(rope::rotate(view(q), view(g), i)),
                                        view(rope::rotate(view(k), view(g), j)));
                const T rhs = rope::activation(view(q), view(k), view(g), j - i);
                const double scale = qs.norm() * ks.norm();
                const double tol = 64.0 * (s.head_dim() + std::abs(i) + std::abs(j) + 1) *
                                   unit_roundoff<T>() * (scale + 1e-300);
                check_close(lhs, rhs, tol);
            }
        }
    }
}

BOOST_AUTO_TEST_CASE_TEMPLATE(rotation_preserves_the_norm, T, number_types) {
    numeric::PrecisionGuard guard(working_bits);
    std::mt19937_64 rng(test_seed + 1);
    for (const auto& s : schedules()) {
        const auto g = s.frequencies<T>();
        for (unsigned it = 0; it < iterations(12); ++it) {
            const Sample xs = random_sample(rng, s.head_dim(), it);
            const std::int64_t r = random_distance(rng, it);
            BOOST_TEST_CONTEXT(s.describe() << ", iteration " << it << ", r = " << r) {
                const auto x = xs.as<T>();
                const auto rotated = rope::rotate(view(x), view(g), r);
                const double tol = 64.0 * (s.head_dim() + std::abs(r) + 1) * unit_roundoff<T>() *
                                   (xs.norm() * xs.norm() + 1e-300);
                check_close(rope::dot(view(rotated), view(rotated)), rope::dot(view(x), view(x)), tol);
            }
        }
    }
}

BOOST_AUTO_TEST_CASE_TEMPLATE(self_activation_by_hand, T, number_types) {
    // With q = k the cross terms vanish: a(r) = sum_k ||q^(k)||^2 cos(r g_k).
    using std::cos;
    numeric::PrecisionGuard guard(working_bits);
    std::mt19937_64 rng(test_seed + 2);
    for (const auto& s : schedules()) {
        const auto g = s.frequencies<T>();
        for (unsigned it = 0; it < iterations(12); ++it) {
            const Sample qs = random_sample(rng, s.head_dim(), it);
            const std::int64_t r = random_distance(rng, it);
            BOOST_TEST_CONTEXT(s.describe() << ", iteration " << it << ", r = " << r) {
                const auto q = qs.as<T>();
                T by_hand = number<T>(0);
                for (std::size_t c = 0; c < g.size(); ++c)
                    by_hand = by_hand + (q[2 * c] * q[2 * c] + q[2 * c + 1] * q[2 * c + 1]) *
                                            cos(number<T>(r) * g[c]);
                const double tol = 64.0 * (s.head_dim() + std::abs(r) + 1) * unit_roundoff<T>() *
                                   (qs.norm() * qs.norm() + 1e-300);
                check_close(rope::activation(view(q), view(q), view(g), r), by_hand, tol);
            }
        }
    }
}

BOOST_AUTO_TEST_CASE_TEMPLATE(nope_and_removed_chunks_are_exactly_position_free, T, number_types) {
    // The paper, Section 6.1 (ii): a removed frequency is exactly 0, so its chunk's
    // activation is exactly the dot product at every distance, however large.
    numeric::PrecisionGuard guard(working_bits);
    std::mt19937_64 rng(test_seed + 3);
    const FrequencySchedule nope(RotaryKind::nope, "10000", 32);
    const FrequencySchedule quarter(RotaryKind::p_rope, "10000", 32,
                                    numeric::ExactFraction::parse_decimal("0.25", "p"));
    const auto g_nope = nope.frequencies<T>();
    const auto g_quarter = quarter.frequencies<T>();  // chunks 5..16 removed
    for (unsigned it = 0; it < iterations(16); ++it) {
        Sample qs = random_sample(rng, 32, it), ks = random_sample(rng, 32, it + 1);
        const std::int64_t r = it % 2 == 0 ? random_distance(rng, it) : std::int64_t{1} << (it % 40);
        BOOST_TEST_CONTEXT("iteration " << it << ", r = " << r) {
            const auto q = qs.as<T>(), k = ks.as<T>();
            BOOST_TEST(exactly_equal(rope::activation(view(q), view(k), view(g_nope), r),
                                     rope::dot(view(q), view(k))));
            // Support only on the removed chunks of 0.25-RoPE.
            for (int c = 0; c < 8; ++c) qs.numerators[c] = ks.numerators[c] = 0;
            const auto q2 = qs.as<T>(), k2 = ks.as<T>();
            BOOST_TEST(exactly_equal(rope::activation(view(q2), view(k2), view(g_quarter), r),
                                     rope::dot(view(q2), view(k2))));
        }
    }
}

BOOST_AUTO_TEST_CASE_TEMPLATE(distance_zero_is_the_dot_product, T, number_types) {
    // R^0 = I exactly: 0 * g_k is exactly 0, so even enclosures are points here.
    numeric::PrecisionGuard guard(working_bits);
    std::mt19937_64 rng(test_seed + 4);
    for (const auto& s : schedules()) {
        const auto g = s.frequencies<T>();
        for (unsigned it = 0; it < iterations(8); ++it) {
            const Sample qs = random_sample(rng, s.head_dim(), it), ks = random_sample(rng, s.head_dim(), it + 1);
            BOOST_TEST_CONTEXT(s.describe() << ", iteration " << it) {
                const auto q = qs.as<T>(), k = ks.as<T>();
                BOOST_TEST(exactly_equal(rope::activation(view(q), view(k), view(g), 0),
                                         rope::dot(view(q), view(k))));
                const auto same = rope::rotate(view(q), view(g), 0);
                for (std::size_t c = 0; c < q.size(); ++c) BOOST_TEST(exactly_equal(same[c], q[c]));
            }
        }
    }
}

BOOST_AUTO_TEST_CASE_TEMPLATE(two_dimensional_values_by_hand, T, number_types) {
    // d = 2, g = 1: rho(r) k = (cos r k0 - sin r k1, sin r k0 + cos r k1), so
    //   q = (1,0), k = (0,1): rho(r) k = (-sin r, cos r), a(r) = -sin r;
    //   q = (1,0), k = (1,0): a(r) = cos r;  q = (0,1), k = (1,0): a(r) = sin r.
    using std::cos;
    using std::sin;
    numeric::PrecisionGuard guard(working_bits);
    const std::vector<T> g{number<T>(1)};
    const std::vector<T> e0{number<T>(1), number<T>(0)}, e1{number<T>(0), number<T>(1)};
    for (std::int64_t r : {0, 1, 2, -1, 3, 355, -710, 100000}) {
        BOOST_TEST_CONTEXT("r = " << r) {
            const T tr = number<T>(r);
            const double tol = 16.0 * (std::abs(r) + 1) * unit_roundoff<T>();
            check_close(rope::activation(view(e0), view(e1), view(g), r), T(-sin(tr)), tol);
            check_close(rope::activation(view(e0), view(e0), view(g), r), T(cos(tr)), tol);
            check_close(rope::activation(view(e1), view(e0), view(g), r), T(sin(tr)), tol);
            const auto k_rotated = rope::rotate(view(e1), view(g), r);
            check_close(k_rotated[0], T(-sin(tr)), tol);
            check_close(k_rotated[1], T(cos(tr)), tol);
        }
    }
    // Against literal values, independent of the type's own sin.
    const double tol = 1e-15;
    check_near_literal(rope::activation(view(e0), view(e1), view(g), 1), -0.8414709848078965, tol);
    check_near_literal(rope::activation(view(e0), view(e1), view(g), 2), -0.9092974268256817, tol);
    check_near_literal(rope::activation(view(e0), view(e1), view(g), -1), 0.8414709848078965, tol);
    check_near_literal(rope::activation(view(e1), view(e0), view(g), 3), 0.1411200080598672, tol);
}

// A zero cross part skips the sine (the all-ones query of base-bound): the term is
// still the full formula's number, written out here with the sine, and an all-ones
// activation is exactly 2 sum_k cos(r g_k) formed term by term in the same order.
BOOST_AUTO_TEST_CASE_TEMPLATE(zero_cross_part_is_the_full_formula, T, number_types) {
    using std::cos;
    using std::sin;
    numeric::PrecisionGuard guard(working_bits);
    const FrequencySchedule s = FrequencySchedule::rope("10000", 16);
    const std::vector<T> g = s.frequencies<T>();
    const std::vector<T> ones(16, number<T>(1));
    for (const std::int64_t r : {std::int64_t{1}, std::int64_t{355}, std::int64_t{1} << 40}) {
        const T distance = number<T>(r);
        T by_hand = number<T>(0);
        for (const T& f : g) {
            const T angle = distance * f;
            const T full = number<T>(2) * cos(angle) + number<T>(0) * sin(angle);
            BOOST_TEST(same_number(rope::chunk_term(number<T>(2), number<T>(0), f, distance), full));
            by_hand = by_hand + full;
        }
        BOOST_TEST(same_number(rope::activation<T>(view(ones), view(ones), view(g), r), by_hand));
    }
}

BOOST_AUTO_TEST_CASE_TEMPLATE(mismatched_sizes_throw, T, number_types) {
    numeric::PrecisionGuard guard(working_bits);
    const std::vector<T> two(2, number<T>(1)), three(3, number<T>(1)), four(4, number<T>(1));
    const std::vector<T> one_freq(1, number<T>(1)), two_freqs(2, number<T>(1));
    BOOST_CHECK_THROW(rope::activation(view(four), view(two), view(two_freqs), 1), std::invalid_argument);
    BOOST_CHECK_THROW(rope::activation(view(four), view(four), view(one_freq), 1), std::invalid_argument);
    BOOST_CHECK_THROW(rope::activation(view(three), view(three), view(one_freq), 1), std::invalid_argument);
    BOOST_CHECK_THROW(rope::chunk_coefficients(view(three), view(three)), std::invalid_argument);
    BOOST_CHECK_THROW(rope::chunk_coefficients(view(four), view(two)), std::invalid_argument);
    BOOST_CHECK_THROW(rope::rotate(view(four), view(one_freq), 1), std::invalid_argument);
    BOOST_CHECK_THROW(rope::rotate(view(three), view(one_freq), 1), std::invalid_argument);
    BOOST_CHECK_THROW(rope::dot(view(three), view(four)), std::invalid_argument);
    const auto c = rope::chunk_coefficients(view(four), view(four));
    BOOST_CHECK_THROW(rope::activation_from_coefficients(c, view(one_freq), 1), std::invalid_argument);
    BOOST_CHECK_NO_THROW(rope::activation(view(four), view(four), view(two_freqs), 1));
}

BOOST_AUTO_TEST_CASE(interval_activation_contains_the_228_bit_value) {
    // Arb-style: the 128-bit enclosure must contain the value computed with
    // 100 more bits (whose own error, ~2^-228 relative, cannot matter).
    std::mt19937_64 rng(test_seed + 5);
    static constexpr std::int64_t distances[] = {1, 355, 710, 8000, 123457, 1000000, -99991};
    for (const char* theta : {"10000", "500000"}) {
        const auto s = FrequencySchedule::rope(theta, 64);
        std::vector<interval> g_low;
        std::vector<real> g_high;
        {
            numeric::PrecisionGuard guard(working_bits);
            g_low = s.frequencies<interval>();
        }
        {
            numeric::PrecisionGuard guard(working_bits + 100);
            g_high = s.frequencies<real>();
        }
        for (unsigned it = 0; it < iterations(10); ++it) {
            const Sample qs = random_sample(rng, 64, it), ks = random_sample(rng, 64, it + 1);
            const std::int64_t r = distances[it % std::size(distances)];
            BOOST_TEST_CONTEXT("theta " << theta << ", iteration " << it << ", r = " << r) {
                interval enclosure;
                {
                    numeric::PrecisionGuard guard(working_bits);
                    enclosure = rope::activation(view(qs.as<interval>()), view(ks.as<interval>()),
                                                 view(g_low), r);
                }
                real reference, same_at_128;
                {
                    numeric::PrecisionGuard guard(working_bits + 100);
                    reference = rope::activation(view(qs.as<real>()), view(ks.as<real>()), view(g_high), r);
                }
                {
                    numeric::PrecisionGuard guard(working_bits);
                    const auto g_real = s.frequencies<real>();
                    same_at_128 = rope::activation(view(qs.as<real>()), view(ks.as<real>()), view(g_real), r);
                }
                BOOST_TEST(numeric::contains(enclosure, reference));
                // Two precisions agree (the 128-bit point value is rounded, not certified).
                BOOST_TEST(abs(same_at_128 - reference) <= real(std::ldexp(qs.norm() * ks.norm(), -90)));
                // Not vacuous: the enclosure is tight (angles up to 10^6 rad lose ~20 bits).
                const double scale = qs.norm() * ks.norm() + 1e-300;
                BOOST_TEST(numeric::width_of(enclosure) <= real(std::ldexp(scale, -90)));
            }
        }
    }
}

// The emulated IEEE formats (numeric/ieee.hpp) through the kernel.
BOOST_AUTO_TEST_CASE(the_kernel_runs_in_every_format) {
    using numeric::bfloat16;
    using numeric::float32;
    const std::vector<float32> q{float32(0.5), float32(-1.25)}, k{float32(2.0), float32(0.75)};
    const std::vector<float32> g{float32(1.0)};
    const float32 a = rope::activation<float32>(q, k, g, 3);
    const double exact = (0.5 * 2.0 + -1.25 * 0.75) * std::cos(3.0) + (-1.25 * 2.0 - 0.5 * 0.75) * std::sin(3.0);
    BOOST_TEST(std::fabs(a.to_double() - exact) < 1e-6);
    const std::vector<bfloat16> qb{bfloat16(0.5), bfloat16(-1.25)}, kb{bfloat16(2.0), bfloat16(0.75)};
    const std::vector<bfloat16> gb{bfloat16(1.0)};
    const double ab = rope::activation<bfloat16>(qb, kb, gb, 3).to_double();
    BOOST_TEST(std::fabs(ab - exact) < 0.05);
    BOOST_TEST(ab != a.to_double());  // bfloat16 really rounds coarser
}

BOOST_AUTO_TEST_SUITE_END()
