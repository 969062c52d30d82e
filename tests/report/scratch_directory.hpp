#pragma once
// A fresh, empty directory under the system temporary directory for one test, removed with its
// contents when the test ends (make_scratch_directory is in fixtures.cpp).
#include <filesystem>
#include <string>
#include <system_error>
#include <vector>

namespace ropecheck::report::test {

std::filesystem::path make_scratch_directory();
std::vector<std::string> directory_entries(const std::filesystem::path& dir);  // names, sorted

struct Scratch {
    std::filesystem::path dir = make_scratch_directory();
    ~Scratch() {
        std::error_code ignored;
        std::filesystem::remove_all(dir, ignored);
    }
};

}  // namespace ropecheck::report::test
