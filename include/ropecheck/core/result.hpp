#pragma once
// What one instance of a check returns, and the pieces a report shows.
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "ropecheck/core/parameters.hpp"
#include "ropecheck/core/verdict.hpp"

namespace ropecheck::core {

// A certified (or estimated) margin: how far the instance is from failing.
// Bounds are decimal strings rounded outward; `where` says where it was attained
// (e.g. "r = 355").
struct Margin {
    std::string lower;
    std::string upper;
    std::string where;
};

// A witness that a statement is false, readable by a person and replayable.
struct Counterexample {
    std::string kind;  // e.g. "a distance beats the target"
    std::vector<std::pair<std::string, std::string>> inputs;  // name -> exact value
    std::string claimed;
    std::string computed;
    json replay = json::object();  // the JSON replay record (inputs, precision, seed)
};

struct InstanceResult {
    Verdict verdict = Verdict::error;
    std::string message;                 // one line: why this verdict
    std::optional<Margin> margin;        // smallest margin in this instance, if any
    json evidence = json::object();      // check-specific figures, deterministic
    std::optional<Counterexample> counterexample;
};

}  // namespace ropecheck::core
