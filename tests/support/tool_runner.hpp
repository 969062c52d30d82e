#pragma once
// Runs the built `ropecheck` binary (ROPECHECK_BINARY, defined by tests/CMakeLists.txt)
// with a shell argument string, capturing stdout and stderr together.
#include <sys/wait.h>

#include <boost/test/unit_test.hpp>
#include <cstdio>
#include <string>

namespace ropecheck::test {

struct ToolOutcome {
    int code;            // exit code, -1 if the process did not exit normally
    std::string output;  // stdout and stderr, interleaved
};

inline ToolOutcome run_tool(const std::string& arguments) {
    const std::string command = std::string(ROPECHECK_BINARY) + " " + arguments + " 2>&1";
    FILE* pipe = popen(command.c_str(), "r");
    BOOST_REQUIRE(pipe != nullptr);
    std::string output;
    char buffer[4096];
    while (std::fgets(buffer, sizeof buffer, pipe)) output += buffer;
    const int status = pclose(pipe);
    return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, output};
}

}  // namespace ropecheck::test
