#pragma once
// What the numeric layer assumes of the libraries it was built and linked
// with, checked once at startup (before any parallel work):
//  - MPFR was built thread-safe (mpfr_buildopt_tls_p): OpenMP workers each
//    keep their own MPFR caches, flags and exponent range. A non-TLS MPFR
//    would share them and race.
//  - Boost.Multiprecision's default precision has the scope the runner is
//    written for. In Boost 1.74 (Debian 12) it is one process-wide value;
//    from 1.75 on it is thread-local unless configured otherwise. The runner
//    sets a PrecisionGuard before each parallel region and inside each task,
//    which is right under both, but tests and the base-bound probe rely on the
//    1.74 behaviour when they read precision in a worker. Boost.Multiprecision
//    is header-only, so the scope is fixed when this layer is compiled: the
//    compile-time guard in runtime_checks.cpp decides it, and a unit test
//    (tests/numeric/mutant_catalogue_test.cpp) observes it with a second thread.
namespace ropecheck::numeric {

// True for the Boost this build was compiled against (decided at compile time).
bool boost_precision_is_process_wide();

// The startup check (MPFR's thread safety): throws std::runtime_error naming
// what is wrong; returns normally otherwise.
void verify_numeric_runtime();

}  // namespace ropecheck::numeric
