// The default of --theorems (commands.hpp). An installed `ropecheck` must find the
// specs installed with it without a source tree, and without trusting the current
// directory's path to it: the installed share directory is located from the
// executable's own path (/proc/self/exe), ROPECHECK_THEOREMS_FROM_BIN being its
// relative path from the bin directory as installed (CMakeLists.txt). A binary run
// from its build tree has no such directory beside it and falls back to the source
// tree it was built from.
#include <filesystem>
#include <system_error>

#include "ropecheck/cli/commands.hpp"

namespace ropecheck::cli {

namespace {

std::filesystem::path installed_theorems_dir() {
    std::error_code error;
    const auto exe = std::filesystem::read_symlink("/proc/self/exe", error);
    if (error || exe.empty()) return {};
    const auto dir = (exe.parent_path() / ROPECHECK_THEOREMS_FROM_BIN).lexically_normal();
    return std::filesystem::is_directory(dir, error) ? dir : std::filesystem::path{};
}

}  // namespace

std::filesystem::path default_theorems_dir() {
    if (std::filesystem::is_directory("theorems")) return "theorems";
    if (auto installed = installed_theorems_dir(); !installed.empty()) return installed;
    return std::filesystem::path(ROPECHECK_SOURCE_DIR) / "theorems";
}

}  // namespace ropecheck::cli
