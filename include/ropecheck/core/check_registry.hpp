#pragma once
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "ropecheck/core/check.hpp"

namespace ropecheck::core {

class CheckRegistry {
public:
    // Throws std::logic_error on a duplicate name (a programming error).
    void add(std::unique_ptr<Check> check);
    const Check* find(const std::string& name) const;
    std::vector<std::string> names() const;

private:
    std::map<std::string, std::unique_ptr<Check>> checks_;
};

}  // namespace ropecheck::core
