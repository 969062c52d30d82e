#pragma once
// A claim as read from theorems/<id>.toml (the spec layer builds these; the
// runner consumes them). Grids are ordered axes; their cartesian product, last
// axis fastest, is the list of instances.
#include <filesystem>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "ropecheck/core/parameters.hpp"
#include "ropecheck/core/verdict.hpp"

namespace ropecheck::core {

// name -> the values it takes, in spec order; a scalar is an axis of one value.
using ParameterGrid = std::vector<std::pair<std::string, std::vector<json>>>;

std::vector<json> expand_grid(const ParameterGrid& grid);  // each an object

struct NegativeControl {
    std::string description;
    Verdict expected = Verdict::refuted;
    // Replaces or adds these axes on top of the claim's grid for every profile.
    ParameterGrid overrides;
};

struct ClaimSpec {
    std::filesystem::path file;
    std::string id;         // "prop-3.1", also the file stem
    std::string title;
    std::string source;     // "Section 3, Proposition 3.1"
    std::string statement;
    std::string check;      // registered check name
    unsigned precision_bits = 128;
    Verdict expected = Verdict::certified;
    std::map<std::string, ParameterGrid> profiles;  // "ci", "full"
    NegativeControl negative;
};

// The grid a variant ("claim" or "negative") runs under a profile.
ParameterGrid grid_for(const ClaimSpec& spec, const std::string& profile, const std::string& variant);

}  // namespace ropecheck::core
