#include "ropecheck/report/xml_escape.hpp"

#include <cstddef>

namespace ropecheck::report {

namespace {

constexpr char32_t replacement_character = 0xFFFD;

struct Decoded {
    char32_t code_point;
    std::size_t length;  // bytes consumed; 1 for a malformed byte
};

// Strict UTF-8 (RFC 3629): rejects overlong forms, surrogates and values past
// U+10FFFF, each of which reports one malformed byte.
Decoded decode_utf8(const std::string& s, std::size_t i) {
    const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
    const unsigned char b0 = byte(i);
    if (b0 < 0x80) return {b0, 1};

    std::size_t length = 0;
    char32_t cp = 0;
    unsigned char lo = 0x80, hi = 0xBF;  // allowed range of the second byte
    if (b0 >= 0xC2 && b0 <= 0xDF) {
        length = 2;
        cp = b0 & 0x1F;
    } else if (b0 >= 0xE0 && b0 <= 0xEF) {
        length = 3;
        cp = b0 & 0x0F;
        if (b0 == 0xE0) lo = 0xA0;
        if (b0 == 0xED) hi = 0x9F;
    } else if (b0 >= 0xF0 && b0 <= 0xF4) {
        length = 4;
        cp = b0 & 0x07;
        if (b0 == 0xF0) lo = 0x90;
        if (b0 == 0xF4) hi = 0x8F;
    } else {
        return {replacement_character, 1};
    }
    if (i + length > s.size()) return {replacement_character, 1};
    for (std::size_t k = 1; k < length; ++k) {
        const unsigned char b = byte(i + k);
        const unsigned char min = k == 1 ? lo : 0x80;
        const unsigned char max = k == 1 ? hi : 0xBF;
        if (b < min || b > max) return {replacement_character, 1};
        cp = (cp << 6) | (b & 0x3F);
    }
    return {cp, length};
}

bool allowed_in_xml(char32_t cp) {
    return cp == 0x9 || cp == 0xA || cp == 0xD || (cp >= 0x20 && cp <= 0xD7FF) ||
           (cp >= 0xE000 && cp <= 0xFFFD) || (cp >= 0x10000 && cp <= 0x10FFFF);
}

std::string escape(const std::string& text, bool attribute) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size();) {
        const Decoded d = decode_utf8(text, i);
        const std::size_t start = i;
        i += d.length;
        if (!allowed_in_xml(d.code_point)) continue;
        switch (d.code_point) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            case '\'': out += "&apos;"; break;
            case '\r': out += "&#13;"; break;
            case '\n': out += attribute ? "&#10;" : "\n"; break;
            case '\t': out += attribute ? "&#9;" : "\t"; break;
            case replacement_character:
                out += "\xEF\xBF\xBD";  // also covers a malformed byte
                break;
            default: out.append(text, start, d.length);
        }
    }
    return out;
}

}  // namespace

std::string escape_xml_text(const std::string& text) { return escape(text, false); }

std::string escape_xml_attribute(const std::string& text) { return escape(text, true); }

}  // namespace ropecheck::report
