#include "ropecheck/numeric/decimal.hpp"

#include <charconv>
#include <cstdio>
#include <memory>
#include <stdexcept>

#include "ropecheck/numeric/certainty.hpp"

namespace ropecheck::numeric {
namespace {

// mpfr_asprintf's R<mode>e conversion rounds the decimal string in a chosen
// direction; 'N' nearest, 'D' toward -inf, 'U' toward +inf.
std::string format_directed(const real& x, int digits, char mode) {
    if (mpfr_nan_p(x.backend().data())) return "nan";
    if (mpfr_zero_p(x.backend().data())) return "0";
    const int after_point = digits > 1 ? digits - 1 : 0;
    const char format[] = {'%', '.', '*', 'R', mode, 'e', '\0'};
    char* text = nullptr;
    if (mpfr_asprintf(&text, format, after_point, x.backend().data()) < 0 || text == nullptr)
        return "nan";
    std::unique_ptr<char, void (*)(char*)> owner(text, [](char* p) { mpfr_free_str(p); });
    return std::string(text);
}

}  // namespace

std::string decimal_nearest(const real& x, int d) { return format_directed(x, d, 'N'); }
std::string decimal_down(const real& x, int d) { return format_directed(x, d, 'D'); }
std::string decimal_up(const real& x, int d) { return format_directed(x, d, 'U'); }

std::string decimal_lower(const interval& x, int d) { return decimal_down(lower_bound(x), d); }
std::string decimal_upper(const interval& x, int d) { return decimal_up(upper_bound(x), d); }

std::string decimal_enclosure(const interval& x, int d) {
    // Built by append: GCC 12 warns falsely (-Wrestrict) on "[" + std::string.
    std::string out(1, '[');
    out.append(decimal_lower(x, d)).append(", ").append(decimal_upper(x, d)).push_back(']');
    return out;
}

std::string decimal_midpoint(const interval& x, int d) {
    return decimal_nearest(boost::multiprecision::median(x), d);
}

namespace {

// std::to_chars without a precision is the shortest round-trip text. A fixed
// double needs at most 309 digits before the point or 1074 after it less the
// leading zeros' share (the least subnormal prints as 0.000...5, 326 characters).
std::string shortest(double x, bool fixed) {
    char buffer[400];
    const auto [end, ec] = fixed ? std::to_chars(buffer, buffer + sizeof buffer, x, std::chars_format::fixed)
                                 : std::to_chars(buffer, buffer + sizeof buffer, x);
    if (ec != std::errc()) throw std::logic_error("shortest decimal: buffer too short");
    return std::string(buffer, end);
}

}  // namespace

std::string shortest_decimal(double x) { return shortest(x, false); }
std::string shortest_fixed_decimal(double x) { return shortest(x, true); }
std::string float32_decimal(float x) { return shortest_fixed_decimal(static_cast<double>(x)); }

std::string exact_hex(double x) {
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%a", x);
    return buffer;
}

}  // namespace ropecheck::numeric
