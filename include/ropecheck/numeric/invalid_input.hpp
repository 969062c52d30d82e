#pragma once
// Bad input from a spec, the command line or a parameter grid. The command
// line turns it into a message and exit code 2; it is never a crash.
#include <stdexcept>
#include <string>

namespace ropecheck {

class InvalidInput : public std::invalid_argument {
public:
    using std::invalid_argument::invalid_argument;
};

}  // namespace ropecheck
