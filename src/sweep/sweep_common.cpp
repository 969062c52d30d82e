#include "sweep_common.hpp"

#include <omp.h>

#include <stdexcept>

#include "block_evaluator.hpp"

namespace ropecheck::sweep::detail {

void require_range(std::int64_t first, std::int64_t last) {
    constexpr std::int64_t limit = std::int64_t{1} << 52;
    if (first > last) throw std::invalid_argument("sweep: empty distance range");
    if (first < -limit || last > limit) throw std::invalid_argument("sweep: distances beyond 2^52");
}

std::int64_t block_count(std::int64_t first, std::int64_t last) {
    return (last - first) / block_size + 1;
}

int thread_count(const SweepOptions& options) {
    if (options.threads > 0) return options.threads;
    // Called from inside a parallel region (the runner's, even a team of one):
    // stay on this thread rather than start a nested team on every core.
    return omp_get_level() > 0 ? 1 : omp_get_max_threads();
}

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

numeric::interval make_interval(const numeric::real& lower, const numeric::real& upper) {
    numeric::interval x;
    mpfi_interv_fr(x.backend().data(), lower.backend().data(), upper.backend().data());
    return x;
}

}  // namespace ropecheck::sweep::detail
