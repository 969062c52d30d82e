#pragma once
// What produced a report: this build (commit, compiler, flags), the libraries it
// runs on (MPFR, MPFI, GMP, Boost, nlohmann/json, OpenMP), whether MPFR is
// thread-safe (the runner shares nothing else between threads), and which CPU
// code path the vector loops were compiled for. Every report carries it.
#include "ropecheck/core/parameters.hpp"

namespace ropecheck::cli {

// {"ropecheck": "0.1.0", "git_commit": ..., ...}, in display order, all strings.
core::json build_provenance();

}  // namespace ropecheck::cli
