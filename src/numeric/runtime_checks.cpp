#include "ropecheck/numeric/runtime_checks.hpp"

#include <mpfr.h>

#include <boost/version.hpp>
#include <stdexcept>

namespace ropecheck::numeric {

// The precision handling (PrecisionGuard, runner's one region per precision)
// was written against these two behaviours; any other Boost must be reviewed
// before it is allowed to build.
static_assert(BOOST_VERSION >= 107400, "ropecheck needs Boost >= 1.74 (Boost.Multiprecision's mpfr/mpfi back ends)");
#if BOOST_VERSION < 107500
inline constexpr bool process_wide_precision = true;   // 1.74: one static atomic per type
#else
inline constexpr bool process_wide_precision = false;  // 1.75+: thread_local by default
#endif

bool boost_precision_is_process_wide() { return process_wide_precision; }

void verify_numeric_runtime() {
    if (mpfr_buildopt_tls_p() == 0)
        throw std::runtime_error(
            "the MPFR library was built without thread-local storage (mpfr_buildopt_tls_p() = 0); "
            "ropecheck's parallel checks would race on MPFR's shared state");
}

}  // namespace ropecheck::numeric
