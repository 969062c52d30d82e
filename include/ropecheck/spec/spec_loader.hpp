#pragma once
// Reads theorems/*.toml into claim specs. The loader checks the format (keys,
// types, ranges); validate_claim_specs checks the parameters against the
// registered checks, so a bad spec fails before anything runs.
#include <filesystem>
#include <string>
#include <vector>

#include "ropecheck/core/check_registry.hpp"
#include "ropecheck/core/claim_spec.hpp"

namespace ropecheck::spec {

// Reads one claim spec; throws InvalidInput whose message names the file, the
// key and the reason, e.g. `theorems/prop-3.1.toml: key "precision": 40 bits is
// below the minimum of 53 (precision too low to decide)`.
core::ClaimSpec load_claim_spec(const std::filesystem::path& file);

// Every *.toml file in dir (non-recursive), sorted by id. Throws InvalidInput if
// the dir is missing or unreadable, holds no .toml file, or two specs share an id.
std::vector<core::ClaimSpec> load_claim_specs(const std::filesystem::path& dir);

// The literature suite: claims of papers other than the one this suite checks, in the
// subdirectory `literature/` of a spec directory, every id starting with "literature-" (and
// no other id: core::is_literature_id). They are a suite of their own: a glob selects a literature claim only when
// the glob itself starts with "literature", so `run` with the default `*` (the ci suite, its
// mutation test and its frozen outputs) stays the paper's, and `--claims 'literature-*'`
// runs the literature.
inline constexpr const char* literature_directory = "literature";

// load_claim_specs(dir) and, when dir/literature is a directory, its specs, sorted by id.
// Throws InvalidInput for a spec on the wrong side of the prefix rule, or as above.
std::vector<core::ClaimSpec> load_all_claim_specs(const std::filesystem::path& dir);

// The specs the globs select (core::matches_any), with the literature rule above.
std::vector<core::ClaimSpec> select_claim_specs(const std::vector<core::ClaimSpec>& specs,
                                                const std::vector<std::string>& globs);

// Throws InvalidInput naming both files when two specs share an id. Within one
// directory the id-equals-stem rule already prevents this; specs gathered from
// several directories are where it bites.
void require_unique_ids(const std::vector<core::ClaimSpec>& specs);

// For every spec, both profiles ("ci" and "full") and both variants, expands the
// grid and checks each point with core::plan_run; lets its InvalidInput through.
void validate_claim_specs(const std::vector<core::ClaimSpec>& specs, const core::CheckRegistry& registry);

}  // namespace ropecheck::spec
