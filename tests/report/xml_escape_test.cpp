#include <boost/test/unit_test.hpp>

#include <string>

#include "ropecheck/report/xml_escape.hpp"

using namespace ropecheck::report;

BOOST_AUTO_TEST_SUITE(xml_escape)

BOOST_AUTO_TEST_CASE(five_special_characters) {
    BOOST_TEST(escape_xml_text(R"(<a & "b" 'c'>)") == "&lt;a &amp; &quot;b&quot; &apos;c&apos;&gt;");
    BOOST_TEST(escape_xml_attribute("&amp;") == "&amp;amp;");  // escaping is not idempotent by design
}

BOOST_AUTO_TEST_CASE(whitespace) {
    BOOST_TEST(escape_xml_text("a\tb\nc\rd") == "a\tb\nc&#13;d");
    BOOST_TEST(escape_xml_attribute("a\tb\nc\rd") == "a&#9;b&#10;c&#13;d");
}

BOOST_AUTO_TEST_CASE(forbidden_code_points_are_dropped) {
    BOOST_TEST(escape_xml_text(std::string("a\0b", 3)) == "ab");
    BOOST_TEST(escape_xml_text("a\x01\x08\x0B\x0C\x1F" "b") == "ab");
    BOOST_TEST(escape_xml_text("a\xEF\xBF\xBE\xEF\xBF\xBF" "b") == "ab");  // U+FFFE, U+FFFF
}

BOOST_AUTO_TEST_CASE(valid_utf8_is_kept) {
    const std::string text = "\xCE\xB8 = 10\xE2\x81\xB4, \xF0\x9D\x94\xBC";  // θ, ⁴, 𝔼
    BOOST_TEST(escape_xml_text(text) == text);
    BOOST_TEST(escape_xml_text("\xEF\xBF\xBD") == "\xEF\xBF\xBD");  // U+FFFD itself
}

BOOST_AUTO_TEST_CASE(malformed_utf8_becomes_replacement_characters) {
    const std::string r = "\xEF\xBF\xBD";
    BOOST_TEST(escape_xml_text("a\xFF" "b") == "a" + r + "b");
    BOOST_TEST(escape_xml_text("a\xC0\xAF" "b") == "a" + r + r + "b");        // overlong '/'
    BOOST_TEST(escape_xml_text("a\xED\xA0\x80" "b") == "a" + r + r + r + "b");  // surrogate
    BOOST_TEST(escape_xml_text("a\xCE") == "a" + r);                           // truncated
}

BOOST_AUTO_TEST_SUITE_END()
