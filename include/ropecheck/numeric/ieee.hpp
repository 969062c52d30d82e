#pragma once
// IEEE 754 binary formats as number types for the one RoPE kernel:
// binary16 (float16), bfloat16, binary32 (float32), binary64 (float64).
// Each value is an MPFR number at the format's precision; every operation is
// rounded exactly as the format rounds it (to nearest, ties to even, with
// subnormals and overflow to infinity), because MPFR computes it correctly
// rounded within the format's exponent range and then subnormalises. For +, -,
// *, / this is bit-for-bit what IEEE hardware does (tests compare with the
// hardware's float, double and _Float16); cos, sin, exp, log are the correctly
// rounded results, which real libraries only approximate (within an ulp or so).
#include <cstdint>
#include <string>

#include "ropecheck/numeric/number_concept.hpp"
#include "ropecheck/numeric/types.hpp"

namespace ropecheck::numeric {

enum class IeeeFormat { binary16, bfloat16, binary32, binary64 };

struct IeeeParameters {
    int precision;     // significand bits, with the hidden bit
    int min_exponent;  // of the smallest normal number, 2^min_exponent
    int max_exponent;  // of the largest finite number's leading bit
    const char* name;
};

IeeeParameters parameters_of(IeeeFormat format);
// float16 / binary16, bfloat16, float32 / binary32, float64 / binary64. Throws InvalidInput.
IeeeFormat parse_ieee_format(const std::string& name);
std::string to_string(IeeeFormat format);

// The format's rounding of an exact value x (nearest, ties to even, subnormals, +-inf on overflow).
real round_to_format(const real& x, IeeeFormat format);

namespace detail {
enum class IeeeOp { add, sub, mul, div, pow, cos, sin, exp, log, sqrt, neg };
// a (op) b rounded to the format; b is ignored by unary operations.
real ieee_apply(IeeeFormat format, IeeeOp op, const real& a, const real& b);
}  // namespace detail

template <IeeeFormat F>
class Ieee {
public:
    Ieee() : value_(0) {}
    Ieee(double x) : value_(round_to_format(real(x), F)) {}  // NOLINT: literals convert as in C
    static Ieee from_exact(const real& x) {
        Ieee out;
        out.value_ = round_to_format(x, F);
        return out;
    }
    const real& value() const { return value_; }
    double to_double() const { return value_.convert_to<double>(); }

    friend Ieee operator+(const Ieee& a, const Ieee& b) { return make(detail::IeeeOp::add, a, b); }
    friend Ieee operator-(const Ieee& a, const Ieee& b) { return make(detail::IeeeOp::sub, a, b); }
    friend Ieee operator*(const Ieee& a, const Ieee& b) { return make(detail::IeeeOp::mul, a, b); }
    friend Ieee operator/(const Ieee& a, const Ieee& b) { return make(detail::IeeeOp::div, a, b); }
    friend Ieee operator-(const Ieee& a) { return make(detail::IeeeOp::neg, a, a); }
    friend Ieee cos(const Ieee& a) { return make(detail::IeeeOp::cos, a, a); }
    friend Ieee sin(const Ieee& a) { return make(detail::IeeeOp::sin, a, a); }
    friend Ieee exp(const Ieee& a) { return make(detail::IeeeOp::exp, a, a); }
    friend Ieee log(const Ieee& a) { return make(detail::IeeeOp::log, a, a); }
    friend Ieee sqrt(const Ieee& a) { return make(detail::IeeeOp::sqrt, a, a); }
    friend Ieee pow(const Ieee& a, const Ieee& b) { return make(detail::IeeeOp::pow, a, b); }
    friend bool operator<(const Ieee& a, const Ieee& b) { return a.value_ < b.value_; }
    friend bool operator==(const Ieee& a, const Ieee& b) { return a.value_ == b.value_; }

private:
    static Ieee make(detail::IeeeOp op, const Ieee& a, const Ieee& b) {
        Ieee out;
        out.value_ = detail::ieee_apply(F, op, a.value_, b.value_);
        return out;
    }
    real value_;
};

using float16 = Ieee<IeeeFormat::binary16>;
using bfloat16 = Ieee<IeeeFormat::bfloat16>;
using float32 = Ieee<IeeeFormat::binary32>;
using float64 = Ieee<IeeeFormat::binary64>;

template <IeeeFormat F>
struct number_traits<Ieee<F>> {
    static constexpr bool is_enclosure = false;
    static Ieee<F> from_decimal(const std::string& s) { return Ieee<F>::from_exact(real(s)); }
    static Ieee<F> from_integer(std::int64_t v) { return Ieee<F>::from_exact(real(static_cast<long long>(v))); }
    static Ieee<F> shift_point(const Ieee<F>& x) { return x; }
    static bool point_less(const Ieee<F>& a, const Ieee<F>& b) { return a < b; }
    static Ieee<F> pi() { return Ieee<F>::from_exact(number_traits<real>::pi()); }
};

}  // namespace ropecheck::numeric
