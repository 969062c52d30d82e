// The strict JSON reader: a repeated key within one object and a leading byte-order mark are
// refused naming the key (nlohmann::json alone keeps the last value and skips the mark); equal
// keys in different objects, and the same text otherwise, read as nlohmann::json reads them.
#include <boost/test/unit_test.hpp>
#include <string>

#include "ropecheck/model/strict_json.hpp"

using ropecheck::model::parse_strict_json;

namespace {

std::string refusal(const std::string& text) {
    try {
        (void)parse_strict_json<nlohmann::json>(text, "x.json");
    } catch (const ropecheck::InvalidInput& e) {
        return e.what();
    }
    return "";
}

}  // namespace

BOOST_AUTO_TEST_SUITE(strict_json)

BOOST_AUTO_TEST_CASE(repeated_keys_are_refused_at_any_depth) {
    BOOST_TEST(refusal(R"({"a": 1, "a": 2})") == "x.json: key \"a\" appears twice in one object (which one is meant?)");
    BOOST_TEST(refusal(R"({"a": {"b": [{"c": 1, "c": 1}]}})").find("key \"c\" appears twice") != std::string::npos);
    // nlohmann::json itself accepts both, keeping the last value: the reason for this reader.
    BOOST_TEST(nlohmann::json::parse(R"({"a": 1, "a": 2})").at("a") == 2);
}

BOOST_AUTO_TEST_CASE(equal_keys_in_different_objects_are_fine) {
    const auto j = parse_strict_json<nlohmann::ordered_json>(R"({"a": {"a": 1}, "b": [{"a": 2}, {"a": 3}], "c": {}})", "x");
    BOOST_TEST(j.dump() == nlohmann::ordered_json::parse(R"({"a": {"a": 1}, "b": [{"a": 2}, {"a": 3}], "c": {}})").dump());
    BOOST_TEST(j.dump() == R"({"a":{"a":1},"b":[{"a":2},{"a":3}],"c":{}})");  // key order kept
}

BOOST_AUTO_TEST_CASE(a_byte_order_mark_and_broken_text_are_refused) {
    BOOST_TEST(refusal("\xEF\xBB\xBF{}").find("x.json: starts with a UTF-8 byte-order mark") == 0u);
    BOOST_TEST(refusal("{\"a\": ").find("x.json: not valid JSON") == 0u);
    BOOST_TEST(refusal("").find("x.json: not valid JSON") == 0u);
    BOOST_TEST(refusal("[1, 2]").empty());  // a non-object document is the caller's to judge
}

BOOST_AUTO_TEST_SUITE_END()
