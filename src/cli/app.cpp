#include "ropecheck/cli/app.hpp"

namespace ropecheck::cli {
int run_app(int, char**) { return exit_internal; }
}  // namespace ropecheck::cli
