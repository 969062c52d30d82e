#pragma once

namespace ropecheck::cli {

// Exit codes: 0 every claim met its expectation, 1 one did not, 2 bad usage or
// input, 3 internal error.
inline constexpr int exit_ok = 0;
inline constexpr int exit_mismatch = 1;
inline constexpr int exit_bad_input = 2;
inline constexpr int exit_internal = 3;

int run_app(int argc, char** argv);

}  // namespace ropecheck::cli
