#pragma once
// An error message names each of the fragments (one BOOST_TEST per fragment, so a failure says
// which is missing).
#include <boost/test/unit_test.hpp>
#include <initializer_list>
#include <string>

namespace ropecheck::test {

inline void check_mentions(const std::string& message, std::initializer_list<std::string> fragments) {
    for (const auto& fragment : fragments)
        BOOST_TEST(message.find(fragment) != std::string::npos,
                   "\"" << fragment << "\" is missing from: " << message);
}

}  // namespace ropecheck::test
