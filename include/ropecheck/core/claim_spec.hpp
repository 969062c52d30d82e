#pragma once
// A claim as read from theorems/<id>.toml (the spec layer builds these; the
// runner consumes them). Grids are ordered axes; their cartesian product, last
// axis fastest, is the list of instances.
#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "ropecheck/core/parameters.hpp"
#include "ropecheck/core/verdict.hpp"

namespace ropecheck::core {

// name -> the values it takes, in spec order; a scalar is an axis of one value.
using ParameterGrid = std::vector<std::pair<std::string, std::vector<json>>>;

std::vector<json> expand_grid(const ParameterGrid& grid);  // each an object

// A negative control is a test of the check: a deliberately false variant of
// the claim, run by the claim's own machinery on a perturbed input, whose every
// instance must come out `refuted`. A spec carries one or more, each named.
struct NegativeControl {
    std::string name;         // "shifted-key": run id "<id>/negative/shifted-key"
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
    std::vector<NegativeControl> negatives;  // at least one, names unique
};

// The spec format this build reads (`spec_version` in every theorems/*.toml).
inline constexpr int spec_format_version = 2;

// The literature suite (spec/spec_loader.hpp, theorems/literature/): claims of papers other
// than the one this suite checks, every id starting with this prefix.
inline constexpr std::string_view literature_prefix = "literature-";
inline bool is_literature_id(const std::string& id) { return id.starts_with(literature_prefix); }

// The grid the claim runs under a profile.
ParameterGrid grid_for(const ClaimSpec& spec, const std::string& profile);
// The grid a negative control runs under a profile: the claim's grid with the
// control's axes replaced or added.
ParameterGrid grid_for(const ClaimSpec& spec, const std::string& profile, const NegativeControl& negative);

}  // namespace ropecheck::core
