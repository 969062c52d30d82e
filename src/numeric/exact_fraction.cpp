#include "ropecheck/numeric/exact_fraction.hpp"

#include <cctype>
#include <numeric>

#include "ropecheck/numeric/invalid_input.hpp"

namespace ropecheck::numeric {

ExactFraction ExactFraction::parse_decimal(const std::string& text, const std::string& what) {
    auto fail = [&](const std::string& why) {
        throw InvalidInput(what + " = \"" + text + "\": " + why);
    };
    if (text.empty()) fail("empty value");
    std::int64_t whole = 0, frac = 0, scale = 1;
    std::size_t i = 0;
    int whole_digits = 0, frac_digits = 0;
    for (; i < text.size() && std::isdigit(static_cast<unsigned char>(text[i])); ++i, ++whole_digits) {
        if (whole_digits >= 9) fail("too many digits");
        whole = whole * 10 + (text[i] - '0');
    }
    if (i < text.size() && text[i] == '.') {
        for (++i; i < text.size() && std::isdigit(static_cast<unsigned char>(text[i])); ++i, ++frac_digits) {
            if (frac_digits >= 15) fail("more than 15 fractional digits");
            frac = frac * 10 + (text[i] - '0');
            scale *= 10;
        }
    }
    if (i != text.size() || whole_digits + frac_digits == 0)
        fail("expected a non-negative decimal such as 0.75");
    // whole * scale must fit in int64: 9 whole and 15 fractional digits each
    // pass alone, but together (e.g. "10000.000000000000000") they overflow.
    if (whole_digits + frac_digits > 18) fail("more than 18 digits in all");
    return {whole * scale + frac, scale};
}

std::int64_t ExactFraction::floor_times(std::int64_t n, std::int64_t m) const {
    // numerator <= 1e9 * 1e15 would overflow with n; keep the product in 128 bits.
    const __int128 product = static_cast<__int128>(numerator) * n;
    const __int128 divisor = static_cast<__int128>(denominator) * m;
    return static_cast<std::int64_t>(product / divisor);
}

std::string ExactFraction::str() const {
    // In lowest terms the decimal expansion terminates iff the denominator has
    // no prime factor but 2 and 5 (5/4 = "1.25"); otherwise print "n/d" (1/3).
    const std::int64_t g = std::gcd(numerator, denominator);
    const std::int64_t n = g == 0 ? numerator : numerator / g;
    const std::int64_t d = g == 0 ? denominator : denominator / g;
    if (n < 0 || d <= 0) return std::to_string(numerator) + "/" + std::to_string(denominator);
    std::int64_t other = d;
    while (other % 2 == 0) other /= 2;
    while (other % 5 == 0) other /= 5;
    if (other != 1) return std::to_string(n) + "/" + std::to_string(d);
    std::string out = std::to_string(n / d);
    __int128 rest = n % d;
    if (rest == 0) return out;
    out += '.';
    while (rest != 0) {
        rest *= 10;
        out += static_cast<char>('0' + static_cast<int>(rest / d));
        rest %= d;
    }
    return out;
}

}  // namespace ropecheck::numeric
