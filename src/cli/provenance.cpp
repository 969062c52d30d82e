#include "ropecheck/cli/provenance.hpp"

#include <gmp.h>
#include <mpfi.h>
#include <mpfr.h>

#include <boost/version.hpp>
#include <nlohmann/json.hpp>
#include <string>

#include "ropecheck/build_info.hpp"
#include "ropecheck/version.hpp"

namespace ropecheck::cli {

namespace {

std::string compiler() {
#if defined(__clang__)
    return std::string("Clang ") + __clang_version__;
#elif defined(__GNUC__)
    return std::string("GCC ") + __VERSION__;
#else
    return "unknown compiler";
#endif
}

std::string boost_version() {
    return std::to_string(BOOST_VERSION / 100000) + "." + std::to_string(BOOST_VERSION / 100 % 1000) + "." +
           std::to_string(BOOST_VERSION % 100);
}

// The instruction set the build targets: the double filters (sweep/block_evaluator.cpp,
// probes/base_bound_guide.cpp) are vectorised for it at compile time, with no
// run-time dispatch, so this is the code path that ran on any CPU.
std::string code_path() {
    std::string isa;
#if defined(__x86_64__)
    isa = "x86-64";
#if defined(__AVX512F__)
    isa += ", AVX-512F vectors";
#elif defined(__AVX2__)
    isa += ", AVX2 vectors";
#elif defined(__AVX__)
    isa += ", AVX vectors";
#else
    isa += ", SSE2 vectors (the x86-64 baseline)";
#endif
#if defined(__FMA__)
    isa += ", FMA available (contraction off where the error analysis needs it)";
#endif
#elif defined(__aarch64__)
    isa = "AArch64, NEON vectors";
#else
    isa = "unknown architecture, scalar code assumed";
#endif
    isa += "; compiled in, no run-time dispatch";
#if defined(__x86_64__) && defined(__GNUC__)
    std::string more;
    __builtin_cpu_init();
    if (__builtin_cpu_supports("avx2")) more += " avx2";
    if (__builtin_cpu_supports("fma")) more += " fma";
    if (__builtin_cpu_supports("avx512f")) more += " avx512f";
    if (!more.empty()) isa += "; this CPU also has" + more + " (unused)";
#endif
    return isa;
}

}  // namespace

core::json build_provenance() {
    core::json p = core::json::object();
    p["ropecheck"] = version;
    p["git_commit"] = ROPECHECK_GIT_COMMIT;
    p["compiler"] = compiler();
    p["build_type"] = ROPECHECK_BUILD_TYPE;
    p["compile_flags"] = ROPECHECK_COMPILE_FLAGS;
    p["mpfr"] = mpfr_get_version();
    p["mpfr_thread_safe"] = mpfr_buildopt_tls_p() ? "yes (thread-local caches)" : "no";
    p["mpfi"] = mpfi_get_version();
    p["gmp"] = gmp_version;
    p["boost"] = boost_version();
    p["nlohmann_json"] = std::to_string(NLOHMANN_JSON_VERSION_MAJOR) + "." +
                         std::to_string(NLOHMANN_JSON_VERSION_MINOR) + "." +
                         std::to_string(NLOHMANN_JSON_VERSION_PATCH);
#if defined(_OPENMP)
    p["openmp"] = std::to_string(_OPENMP);
#else
    p["openmp"] = "off";
#endif
    p["cpu_code_path"] = code_path();
    return p;
}

}  // namespace ropecheck::cli
