#pragma once
// Making arbitrary text (claim titles, messages, counterexample values) safe to
// embed in XML 1.0.
#include <string>

namespace ropecheck::report {

// &, <, >, " and ' are escaped, code points XML 1.0 forbids (most C0 controls,
// U+FFFE, U+FFFF) are dropped, and malformed UTF-8 becomes U+FFFD. Carriage
// returns are written as &#13; since a parser would otherwise normalise them away.
std::string escape_xml_text(const std::string& text);

// As above, and tab and newline also become character references, because a
// parser turns literal ones in an attribute value into spaces.
std::string escape_xml_attribute(const std::string& text);

}  // namespace ropecheck::report
