// The scan engine's thread policy (the loops are templates in scan_engine.hpp).
#include "ropecheck/sweep/scan_engine.hpp"

#include <omp.h>

namespace ropecheck::sweep {

int scan_threads(int requested) {
    if (requested > 0) return requested;
    return omp_get_level() > 0 ? 1 : omp_get_max_threads();
}

}  // namespace ropecheck::sweep
