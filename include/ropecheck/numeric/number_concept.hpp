#pragma once
// The concept every number type of the one RoPE kernel satisfies: double,
// MPFR reals and MPFI intervals (and, later, emulated IEEE formats). The
// kernel is written once against it; `number_traits` supplies the few
// operations that cannot be spelled the same way for every type.
#include <cmath>
#include <concepts>
#include <cstdint>
#include <string>

#include "ropecheck/numeric/certainty.hpp"
#include "ropecheck/numeric/enclosure.hpp"
#include "ropecheck/numeric/types.hpp"

namespace ropecheck::numeric {

template <class T>
struct number_traits;

template <>
struct number_traits<double> {
    static constexpr bool is_enclosure = false;
    static double from_decimal(const std::string& s) { return std::stod(s); }
    static double from_integer(std::int64_t v) { return static_cast<double>(v); }
    // A point value that may be subtracted from every logit without changing
    // the softmax; for enclosures it is a point, so no width is added.
    static double shift_point(const double& x) { return x; }
    static double pi() { return 3.141592653589793; }
    static bool point_less(const double& a, const double& b) { return a < b; }
};

// float is the accumulator of inference pipelines (a float32 dot product); its
// operations are IEEE binary32, bit for bit those of Ieee<binary32> (tested).
template <>
struct number_traits<float> {
    static constexpr bool is_enclosure = false;
    static float from_decimal(const std::string& s) { return std::stof(s); }
    static float from_integer(std::int64_t v) { return static_cast<float>(v); }
    static float shift_point(const float& x) { return x; }
    static float pi() { return 3.14159265f; }
    static bool point_less(const float& a, const float& b) { return a < b; }
};

template <>
struct number_traits<real> {
    static constexpr bool is_enclosure = false;
    static real from_decimal(const std::string& s) { return real(s); }
    static real from_integer(std::int64_t v) { return real(static_cast<long long>(v)); }
    static real shift_point(const real& x) { return x; }
    static real pi() {
        real x;
        mpfr_const_pi(x.backend().data(), MPFR_RNDN);
        return x;
    }
    static bool point_less(const real& a, const real& b) { return a < b; }
};

template <>
struct number_traits<interval> {
    static constexpr bool is_enclosure = true;
    static interval from_decimal(const std::string& s) { return enclose_decimal(s); }
    static interval from_integer(std::int64_t v) { return interval(static_cast<long long>(v)); }
    static interval shift_point(const interval& x) { return interval(upper_bound(x)); }
    static interval pi() { return numeric::pi(); }
    // Compares two points made by shift_point through their endpoints, never
    // through interval operator< (which aborts on overlap).
    static bool point_less(const interval& a, const interval& b) {
        return upper_bound(a) < lower_bound(b);
    }
};

template <class T>
concept KernelNumber = requires(T a, T b, std::int64_t i, std::string s) {
    { a + b } -> std::convertible_to<T>;
    { a - b } -> std::convertible_to<T>;
    { a * b } -> std::convertible_to<T>;
    { a / b } -> std::convertible_to<T>;
    { number_traits<T>::from_integer(i) } -> std::convertible_to<T>;
    { number_traits<T>::from_decimal(s) } -> std::convertible_to<T>;
    { number_traits<T>::shift_point(a) } -> std::convertible_to<T>;
    { number_traits<T>::point_less(a, b) } -> std::convertible_to<bool>;
};

}  // namespace ropecheck::numeric
