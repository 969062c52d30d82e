// The shared entry point of every Boost.Test program.
#define BOOST_TEST_MODULE ropecheck
#include <boost/test/unit_test.hpp>
