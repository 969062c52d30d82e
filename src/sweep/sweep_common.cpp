#include "sweep_common.hpp"

#include <stdexcept>

#include "block_evaluator.hpp"
#include "ropecheck/sweep/scan_engine.hpp"

namespace ropecheck::sweep::detail {

void require_range(std::int64_t first, std::int64_t last) {
    constexpr std::int64_t limit = std::int64_t{1} << 52;
    if (first > last) throw std::invalid_argument("sweep: empty distance range");
    if (first < -limit || last > limit) throw std::invalid_argument("sweep: distances beyond 2^52");
}

int thread_count(const SweepOptions& options) { return scan_threads(options.threads); }

bool fast_path_applies(std::int64_t first, std::int64_t last) {
    return first >= -max_fast_distance && last <= max_fast_distance;
}

void outward_doubles(const numeric::interval& x, double& lower, double& upper) {
    mpfr_t endpoint;
    mpfr_init2(endpoint, mpfi_get_prec(x.backend().data()));
    mpfi_get_left(endpoint, x.backend().data());
    lower = mpfr_get_d(endpoint, MPFR_RNDD);
    mpfi_get_right(endpoint, x.backend().data());
    upper = mpfr_get_d(endpoint, MPFR_RNDU);
    mpfr_clear(endpoint);
}

}  // namespace ropecheck::sweep::detail
