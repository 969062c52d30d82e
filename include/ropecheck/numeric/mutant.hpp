#pragma once
// Mutation-testing seams. A mutant is a plausible one-line bug compiled into
// the code that answers users (kernel, schedules, scaling rules, pipeline,
// sweep, softmax, verdict plumbing) behind a named switch. The switches exist
// only in the `ropecheck-mutant` binary, whose libraries are compiled with
// ROPECHECK_MUTANTS defined (CMake option ROPECHECK_MUTANTS); there one mutant
// is selected at run time with the environment variable ROPECHECK_MUTANT=<name>.
// In every other build (the shipped `ropecheck`, the unit tests) the macros are
// the constant `false` and the compiler removes the mutated branch entirely.
//
// tests/mutation/ runs the ci profile under every mutant of the catalogue and
// fails unless each one turns the run red (see docs/mutation-testing.md).
#include <span>
#include <string_view>

namespace ropecheck::numeric {

struct MutantInfo {
    std::string_view name;
    std::string_view layer;     // where the mutated line lives
    std::string_view mutation;  // what the bug is
};

// Every mutant site in the tree, in catalogue order. A name used at a site but
// missing here is rejected when selected, so the catalogue cannot drift.
std::span<const MutantInfo> mutant_catalogue();

#ifdef ROPECHECK_MUTANTS
// True when `name` is the mutant selected by ROPECHECK_MUTANT. The variable is
// read once; an unknown name ends the process with exit code 2.
bool mutant_active(std::string_view name);
#endif

}  // namespace ropecheck::numeric

#ifdef ROPECHECK_MUTANTS
#define ROPECHECK_MUTANT(name) (::ropecheck::numeric::mutant_active(name))
#else
#define ROPECHECK_MUTANT(name) false
#endif
// `ROPECHECK_MUTANT_IF(name, cond) statement;` runs the statement only under the mutant.
#define ROPECHECK_MUTANT_IF(name, cond) if (ROPECHECK_MUTANT(name) && (cond))
