// Softmax and causal attention in the log domain, once per number type: the
// weights sum to 1, huge logits do not overflow, the causal mask hides the
// future, and the 128-bit enclosure contains the 228-bit value.
// Seed 20241006 (fixed, printed); ROPECHECK_TEST_MULTIPLIER scales iterations.
#include <boost/mpl/list.hpp>
#include <boost/test/unit_test.hpp>

#include "../support/typed_test.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <random>
#include <span>
#include <stdexcept>
#include <type_traits>
#include <vector>

#include "ropecheck/numeric/certainty.hpp"
#include "ropecheck/numeric/precision_guard.hpp"
#include "ropecheck/rope/softmax.hpp"
#include "../support/print_certainty.hpp"

namespace numeric = ropecheck::numeric;
namespace rope = ropecheck::rope;
using numeric::interval;
using numeric::real;

namespace {

using ropecheck::test::test_seed;
using ropecheck::test::working_bits;
using ropecheck::test::iterations;
using ropecheck::test::number;
using ropecheck::test::view;
using ropecheck::test::unit_roundoff;
using ropecheck::test::number_types;

// Logits n/16 with |n| <= 16 * 40 (exact in every type); one list in four has
// ties (every logit equal), one in four a spread of 10^4 (tiny weights).
std::vector<std::int64_t> random_numerators(std::mt19937_64& rng, unsigned iteration) {
    const std::size_t n = 1 + rng() % 12;
    std::vector<std::int64_t> out;
    for (std::size_t j = 0; j < n; ++j) out.push_back(static_cast<std::int64_t>(rng() % 1281) - 640);
    if (iteration % 4 == 1) out.assign(n, out.front());
    if (iteration % 4 == 3)
        for (auto& v : out) v *= 250;
    return out;
}

template <class T>
std::vector<T> logits_of(const std::vector<std::int64_t>& numerators) {
    std::vector<T> out;
    for (auto v : numerators) out.push_back(number<T>(v) / number<T>(16));
    return out;
}

// x denotes the number `value` up to tol (an enclosure: contains it and is narrow).
template <class T>
void check_value(const T& x, const real& value, double tol) {
    if constexpr (std::is_same_v<T, interval>) {
        BOOST_TEST(numeric::contains(x, value));
        BOOST_TEST(numeric::width_of(x) <= real(tol));
    } else {
        BOOST_TEST(abs(real(x) - value) <= real(tol));
    }
}

template <class T>
bool finite(const T& x) {
    if constexpr (std::is_same_v<T, double>) return std::isfinite(x);
    else if constexpr (std::is_same_v<T, real>) return mpfr_number_p(x.backend().data()) != 0;
    else return mpfi_bounded_p(x.backend().data()) != 0;
}

template <class T>
bool identical(const T& a, const T& b) {
    if constexpr (std::is_same_v<T, interval>)
        return numeric::lower_bound(a) == numeric::lower_bound(b) &&
               numeric::upper_bound(a) == numeric::upper_bound(b);
    else
        return a == b;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(softmax)

BOOST_AUTO_TEST_CASE_TEMPLATE(weights_sum_to_one, T, number_types) {
    numeric::PrecisionGuard guard(working_bits);
    BOOST_TEST_MESSAGE("seed " << test_seed);
    std::mt19937_64 rng(test_seed);
    for (unsigned it = 0; it < iterations(40); ++it) {
        const auto numerators = random_numerators(rng, it);
        BOOST_TEST_CONTEXT("seed " << test_seed << ", iteration " << it << ", " << numerators.size()
                                   << " logits") {
            const auto w = rope::softmax(view(logits_of<T>(numerators)));
            BOOST_REQUIRE(w.size() == numerators.size());
            // exp(a - lse) inherits lse's absolute error, ~ |lse| u, as a relative error.
            double largest = 0;
            for (auto v : numerators) largest = std::max(largest, std::abs(static_cast<double>(v)) / 16);
            const double magnitude = 1 + largest;
            T sum = number<T>(0);
            for (const T& x : w) {
                BOOST_TEST(finite(x));
                if constexpr (std::is_same_v<T, interval>) BOOST_TEST(numeric::is_negative(x) == numeric::Certainty::certainly_not);
                else BOOST_TEST(x >= 0);
                sum = sum + x;
            }
            check_value(sum, real(1), 64.0 * static_cast<double>(w.size()) * magnitude * unit_roundoff<T>());
            // Ties get exactly equal shares 1/n (up to rounding).
            if (it % 4 == 1)
                for (const T& x : w)
                    check_value(x, real(1) / static_cast<long long>(w.size()), 16.0 * magnitude * unit_roundoff<T>());
        }
    }
}

BOOST_AUTO_TEST_CASE_TEMPLATE(huge_logits_do_not_overflow, T, number_types) {
    using std::log;
    numeric::PrecisionGuard guard(working_bits);
    real log2;
    {
        numeric::PrecisionGuard fine(working_bits + 100);
        log2 = log(real(2));
    }
    // exp(10^6) overflows binary64 (and would be 10^434294 in MPFR): the shift by
    // the largest logit is what makes this finite.
    const std::vector<T> equal{number<T>(1000000), number<T>(1000000)};
    const T lse = rope::log_sum_exp(view(equal));
    BOOST_TEST(finite(lse));
    check_value(lse, real(1000000) + log2, 1e6 * 8 * unit_roundoff<T>());

    // log(e^-10^6 + 1) = log1p(e^-10^6) ~ 10^-434294: zero in double, tiny otherwise.
    const std::vector<T> apart{number<T>(-1000000), number<T>(0)};
    const T small = rope::log_sum_exp(view(apart));
    BOOST_TEST(finite(small));
    if constexpr (std::is_same_v<T, interval>) {
        BOOST_TEST(numeric::is_negative(small) == numeric::Certainty::certainly_not);  // it is > 0
        BOOST_TEST(numeric::upper_bound(small) <= real(1e-30));
    } else {
        BOOST_TEST(small >= 0);
        BOOST_TEST(small <= T(1e-30));
    }

    const std::vector<T> spread{number<T>(1000), number<T>(0), number<T>(-1000)};
    const auto w = rope::softmax(view(spread));
    BOOST_REQUIRE(w.size() == 3u);
    for (const T& x : w) BOOST_TEST(finite(x));
    check_value(w[0], real(1), 8 * 1000 * unit_roundoff<T>());  // 1 - e^-1000 - ..., error ~ 1000 u
    if constexpr (std::is_same_v<T, interval>) {
        BOOST_TEST(numeric::upper_bound(w[1]) <= real("1e-400"));  // e^-1000 ~ 5e-435
        BOOST_TEST(numeric::certainly_positive(w[1] - w[2]));
    } else if constexpr (std::is_same_v<T, real>) {
        BOOST_TEST(w[1] > 0);
        BOOST_TEST(w[1] <= real("1e-400"));
    } else {
        BOOST_TEST(w[1] == 0.0);  // e^-1000 underflows binary64 to 0, not to NaN
        BOOST_TEST(w[2] == 0.0);
    }
}

BOOST_AUTO_TEST_CASE_TEMPLATE(causal_row_masks_the_future, T, number_types) {
    numeric::PrecisionGuard guard(working_bits);
    std::mt19937_64 rng(test_seed + 1);
    for (unsigned it = 0; it < iterations(20); ++it) {
        auto numerators = random_numerators(rng, it);
        const std::size_t n = numerators.size();
        const auto row = logits_of<T>(numerators);
        for (std::size_t i = 1; i <= n; ++i) {
            BOOST_TEST_CONTEXT("iteration " << it << ", query position " << i << " of " << n) {
                const auto w = rope::causal_attention_row(view(row), i);
                BOOST_REQUIRE(w.size() == i);
                // Exactly the softmax of the first i logits...
                const std::vector<T> visible(row.begin(), row.begin() + static_cast<std::ptrdiff_t>(i));
                const auto expected = rope::softmax(view(visible));
                for (std::size_t j = 0; j < i; ++j) BOOST_TEST(identical(w[j], expected[j]));
                // ...and a future logit, however large, changes nothing.
                auto future = row;
                for (std::size_t j = i; j < n; ++j) future[j] = number<T>(1000000);
                const auto w2 = rope::causal_attention_row(view(future), i);
                for (std::size_t j = 0; j < i; ++j) BOOST_TEST(identical(w2[j], w[j]));
            }
        }
        BOOST_CHECK_THROW(rope::causal_attention_row(view(row), 0), std::invalid_argument);
        BOOST_CHECK_THROW(rope::causal_attention_row(view(row), n + 1), std::invalid_argument);
    }
    const std::vector<T> none;
    BOOST_CHECK_THROW(rope::log_sum_exp(view(none)), std::invalid_argument);
    BOOST_CHECK_THROW(rope::causal_attention_row(view(none), 1), std::invalid_argument);
    // Position 1 sees only itself: weight exactly one share of one.
    const std::vector<T> one{number<T>(-5), number<T>(7)};
    check_value(rope::causal_attention_row(view(one), 1)[0], real(1), 4 * unit_roundoff<T>());
}

BOOST_AUTO_TEST_CASE(interval_softmax_contains_the_228_bit_value) {
    // Arb-style: enclosures at 128 bits against point values at 128 + 100 bits.
    std::mt19937_64 rng(test_seed + 2);
    for (unsigned it = 0; it < iterations(40); ++it) {
        const auto numerators = random_numerators(rng, it);
        BOOST_TEST_CONTEXT("iteration " << it << ", " << numerators.size() << " logits") {
            std::vector<interval> w;
            interval lse;
            {
                numeric::PrecisionGuard guard(working_bits);
                const auto logits = logits_of<interval>(numerators);
                w = rope::softmax(view(logits));
                lse = rope::log_sum_exp(view(logits));
            }
            std::vector<real> reference;
            real reference_lse;
            {
                numeric::PrecisionGuard guard(working_bits + 100);
                const auto logits = logits_of<real>(numerators);
                reference = rope::softmax(view(logits));
                reference_lse = rope::log_sum_exp(view(logits));
            }
            BOOST_TEST(numeric::contains(lse, reference_lse));
            BOOST_TEST(numeric::width_of(lse) <= real(std::ldexp(abs(reference_lse).convert_to<double>() + 1, -110)));
            for (std::size_t j = 0; j < w.size(); ++j) {
                BOOST_TEST(numeric::contains(w[j], reference[j]));
                // Relative width: tight even for weights near e^-20000.
                BOOST_TEST(numeric::width_of(w[j]) <= reference[j] * real(std::ldexp(1.0, -100)));
            }
        }
    }
}

BOOST_AUTO_TEST_SUITE_END()
