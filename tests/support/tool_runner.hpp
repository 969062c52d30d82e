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

// With timeout_seconds > 0, under timeout(1): a run past it exits 124 (a hang, not an answer).
inline ToolOutcome run_tool(const std::string& arguments, int timeout_seconds = 0) {
    const std::string limit = timeout_seconds > 0 ? "timeout " + std::to_string(timeout_seconds) + " " : "";
    const std::string command = limit + std::string(ROPECHECK_BINARY) + " " + arguments + " 2>&1";
    FILE* pipe = popen(command.c_str(), "r");
    BOOST_REQUIRE(pipe != nullptr);
    std::string output;
    char buffer[4096];
    while (std::fgets(buffer, sizeof buffer, pipe)) output += buffer;
    const int status = pclose(pipe);
    return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, output};
}

}  // namespace ropecheck::test
