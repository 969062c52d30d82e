#include "ropecheck/core/check_registry.hpp"

#include <stdexcept>

namespace ropecheck::core {

void CheckRegistry::add(std::unique_ptr<Check> check) {
    const std::string name = check->name();
    if (!checks_.emplace(name, std::move(check)).second)
        throw std::logic_error("check registered twice: " + name);
}

const Check* CheckRegistry::find(const std::string& name) const {
    const auto it = checks_.find(name);
    return it == checks_.end() ? nullptr : it->second.get();
}

std::vector<std::string> CheckRegistry::names() const {
    std::vector<std::string> out;
    for (const auto& [name, check] : checks_) out.push_back(name);
    return out;
}

}  // namespace ropecheck::core
