#pragma once
// The whole content of a file, byte for byte ("" when it cannot be read: the comparison that
// follows then fails and names the file).
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace ropecheck::test {

inline std::string file_text(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

}  // namespace ropecheck::test
