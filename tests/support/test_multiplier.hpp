#pragma once
// ROPECHECK_TEST_MULTIPLIER scales the iteration counts of randomised tests
// (a soak run is one environment variable away); anything but a positive integer counts as 1.
#include <cstdlib>

namespace ropecheck::test {

inline int test_multiplier() {
    const char* env = std::getenv("ROPECHECK_TEST_MULTIPLIER");
    if (env == nullptr || *env == '\0') return 1;
    char* end = nullptr;
    const long m = std::strtol(env, &end, 10);
    return (*end != '\0' || m < 1 || m > 1'000'000) ? 1 : static_cast<int>(m);
}

}  // namespace ropecheck::test
