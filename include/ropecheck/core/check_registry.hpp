#pragma once
// The checks `ropecheck run` and `replay` know, by name, listed in name order.
#include "ropecheck/core/check.hpp"
#include "ropecheck/core/named_registry.hpp"

namespace ropecheck::core {

struct CheckOrder {
    static constexpr const char* kind = "check";
    static bool before(const Check& a, const Check& b) { return a.name() < b.name(); }
};
using CheckRegistry = NamedRegistry<Check, CheckOrder>;

}  // namespace ropecheck::core
