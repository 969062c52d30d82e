#pragma once
// A non-negative decimal such as "0.75" held exactly as numerator/denominator,
// so that counts like floor(p * d / 2) are computed without any rounding.
#include <cstdint>
#include <string>

namespace ropecheck::numeric {

struct ExactFraction {
    std::int64_t numerator = 0;
    std::int64_t denominator = 1;

    // Accepts "1", "0.75", ".5", "1.0"; rejects signs, exponents and more than
    // 15 fractional digits. Throws InvalidInput naming `what`.
    static ExactFraction parse_decimal(const std::string& text, const std::string& what);
    static ExactFraction whole(std::int64_t n) { return {n, 1}; }

    // floor(this * n / m) for n, m > 0, exactly.
    std::int64_t floor_times(std::int64_t n, std::int64_t m = 1) const;
    bool is_zero() const { return numerator == 0; }
    bool at_most_one() const { return numerator <= denominator; }
    std::string str() const;
};

}  // namespace ropecheck::numeric
