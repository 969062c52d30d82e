#include "printed_decimal.hpp"

#include <cctype>
#include <stdexcept>
#include <string>

#include "ropecheck/numeric/certainty.hpp"

namespace ropecheck::claims::support {

numeric::interval half_unit(std::string_view printed) {
    const std::string text(printed);
    auto bad = [&] { return std::invalid_argument("not a printed decimal: \"" + text + "\""); };
    std::size_t i = 0;
    if (i < text.size() && text[i] == '-') ++i;
    std::size_t whole_digits = 0, fraction_digits = 0, trailing_zeros = 0;
    bool point = false;
    for (; i < text.size() && text[i] != 'e' && text[i] != 'E'; ++i) {
        const char c = text[i];
        if (c == '.' && !point) {
            point = true;
        } else if (std::isdigit(static_cast<unsigned char>(c)) != 0) {
            if (point) {
                ++fraction_digits;
            } else {
                ++whole_digits;
                trailing_zeros = c == '0' ? trailing_zeros + 1 : 0;
            }
        } else {
            throw bad();
        }
    }
    if (whole_digits + fraction_digits == 0) throw bad();
    long exponent = 0;
    if (i < text.size()) {
        const std::string tail = text.substr(i + 1);
        if (tail.empty() || tail.find_first_not_of("+-0123456789") != std::string::npos) throw bad();
        exponent = std::stol(tail);
    }
    // A bare "0" or "0000" has no non-zero digit to anchor the place: its last digit counts.
    const bool all_zero = trailing_zeros == whole_digits;
    const long place = point ? exponent - static_cast<long>(fraction_digits)
                             : exponent + (all_zero ? 0 : static_cast<long>(trailing_zeros));
    return numeric::enclose_decimal("5e" + std::to_string(place - 1));
}

}  // namespace ropecheck::claims::support
