#pragma once
// Lets Boost.Test print a Certainty in a failed BOOST_TEST (found by argument-dependent lookup).
// One definition, included by every test that compares Certainty values: a copy per file would
// be a redefinition when the test files are compiled together in one unity batch.
#include <ostream>

#include "ropecheck/numeric/certainty.hpp"

namespace ropecheck::numeric {

inline std::ostream& boost_test_print_type(std::ostream& os, Certainty c) { return os << to_string(c); }

}  // namespace ropecheck::numeric
