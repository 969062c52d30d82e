// The emulated IEEE formats against the hardware, bit for bit: float and
// double for binary32/binary64, _Float16 for binary16, and an independent
// integer rounding of float bits for bfloat16. Includes subnormals, overflow
// and ties.
#include <boost/test/unit_test.hpp>

#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <random>

#include "ropecheck/numeric/ieee.hpp"
#include "ropecheck/numeric/invalid_input.hpp"
#include "ropecheck/numeric/precision_guard.hpp"

using namespace ropecheck::numeric;

namespace {

// Round a float to bfloat16 (nearest, ties to even) by integer arithmetic on its bits.
float bfloat16_by_bits(float x) {
    std::uint32_t bits;
    std::memcpy(&bits, &x, 4);
    if ((bits & 0x7f800000u) == 0x7f800000u) return x;  // inf / nan
    const std::uint32_t lsb = (bits >> 16) & 1u;
    bits += 0x7fffu + lsb;
    bits &= 0xffff0000u;
    float out;
    std::memcpy(&out, &bits, 4);
    return out;
}

float random_float(std::mt19937& rng) {
    std::uniform_int_distribution<std::uint32_t> any;
    std::uint32_t bits = any(rng);
    if (rng() % 4 == 0) bits &= 0x807fffffu | (static_cast<std::uint32_t>(rng() % 3) << 23);  // subnormal / tiny
    float f;
    std::memcpy(&f, &bits, 4);
    return std::isfinite(f) ? f : 1.5f;
}

// Equal values, or both NaN (inf - inf), which == never reports.
bool same(double a, double b) { return a == b || (std::isnan(a) && std::isnan(b)); }

}  // namespace

BOOST_AUTO_TEST_SUITE(ieee)

BOOST_AUTO_TEST_CASE(binary32_matches_hardware_floats) {
    std::mt19937 rng(20241006);
    for (int i = 0; i < 20000; ++i) {
        const float a = random_float(rng), b = random_float(rng);
        const float32 x(a), y(b);
        BOOST_TEST((x + y).to_double() == static_cast<double>(a + b));
        BOOST_TEST((x - y).to_double() == static_cast<double>(a - b));
        BOOST_TEST((x * y).to_double() == static_cast<double>(a * b));
        if (b != 0) BOOST_TEST((x / y).to_double() == static_cast<double>(a / b));
    }
    BOOST_TEST(std::isinf((float32(3e38) * float32(10)).to_double()));
    BOOST_TEST(float32(1e-46).to_double() == 0.0);               // below half the least subnormal
    BOOST_TEST(float32(1e-45).to_double() == 0x1p-149);          // rounds to the least subnormal
}

BOOST_AUTO_TEST_CASE(binary64_matches_hardware_doubles) {
    std::mt19937_64 rng(7);
    std::uniform_real_distribution<double> u(-1e3, 1e3);
    for (int i = 0; i < 20000; ++i) {
        double a = u(rng), b = u(rng);
        if (i % 5 == 0) a = std::ldexp(a, -1070);  // subnormal results
        const float64 x(a), y(b);
        BOOST_TEST((x + y).to_double() == a + b);
        BOOST_TEST((x * y).to_double() == a * b);
        BOOST_TEST((x / y).to_double() == a / b);
    }
}

BOOST_AUTO_TEST_CASE(binary16_matches_Float16) {
    std::mt19937 rng(11);
    std::uniform_real_distribution<float> u(-70000.0f, 70000.0f);
    for (int i = 0; i < 20000; ++i) {
        float a = u(rng), b = u(rng);
        if (i % 3 == 0) a = std::ldexp(a, -30);  // subnormal half values
        const _Float16 ha = static_cast<_Float16>(a), hb = static_cast<_Float16>(b);
        BOOST_TEST(float16(a).to_double() == static_cast<double>(ha));
        const float16 x(static_cast<double>(ha)), y(static_cast<double>(hb));
        BOOST_TEST(same((x + y).to_double(), static_cast<double>(static_cast<_Float16>(ha + hb))));
        BOOST_TEST(same((x * y).to_double(), static_cast<double>(static_cast<_Float16>(ha * hb))));
    }
    BOOST_TEST(std::isinf(float16(65520.0).to_double()));   // the tie above 65504 rounds to inf
    BOOST_TEST(float16(65519.0).to_double() == 65504.0);
}

BOOST_AUTO_TEST_CASE(bfloat16_matches_rounding_of_float_bits) {
    std::mt19937 rng(13);
    for (int i = 0; i < 20000; ++i) {
        const float a = random_float(rng);
        BOOST_TEST(bfloat16(static_cast<double>(a)).to_double() == static_cast<double>(bfloat16_by_bits(a)));
    }
    // 1 - 2^-9 is the midpoint between 1 - 2^-8 and 1; ties go to the even 1.
    BOOST_TEST(bfloat16(1 - 0x1p-9).to_double() == 1.0);
    BOOST_TEST(bfloat16(1 - 0x1p-9 - 0x1p-30).to_double() == 1 - 0x1p-8);
}

BOOST_AUTO_TEST_CASE(transcendentals_are_correctly_rounded) {
    PrecisionGuard guard(200);
    for (double x : {0.5, 1.0, 355.0, 710.0, 1e6}) {
        const real exact = cos(real(x));
        const float32 c = cos(float32(x));
        BOOST_TEST(c.to_double() == round_to_format(exact, IeeeFormat::binary32).convert_to<double>());
    }
    // float32: cos(710) = 1 - 1.8e-9 rounds to exactly 1.
    BOOST_TEST(cos(float32(710.0)).to_double() == 1.0);
}

BOOST_AUTO_TEST_CASE(format_names) {
    BOOST_TEST((parse_ieee_format("bf16") == IeeeFormat::bfloat16));
    BOOST_TEST(to_string(IeeeFormat::binary16) == "float16");
    BOOST_CHECK_THROW(parse_ieee_format("float8"), ropecheck::InvalidInput);
}

BOOST_AUTO_TEST_SUITE_END()
