// Times `probe position-collision` over a real model's whole context: Llama 3.1
// 8B's config.json (tests/data/configs; theta 500000, head_dim 128, llama3
// scaling), every position 0..131072, for the default pipeline and each preset
// (the scan stops at the first collision, so a preset that collides early is
// quick; the default scans every position). Prints seconds per variant and the
// answers. Goal (issue 14): the default's full scan under 60 s on 2 cores.
// Usage: bench_position_collision [--quick]   (--quick: context 8192)
#include <omp.h>

#include <chrono>
#include <cstdio>
#include <algorithm>
#include <cstring>
#include <string>

#include "ropecheck/model/model_config.hpp"
#include "ropecheck/numeric/enclosure.hpp"
#include "ropecheck/numeric/precision_guard.hpp"
#include "ropecheck/probes/position_collision.hpp"
#include "ropecheck/rope/inference_pipeline.hpp"

using namespace ropecheck;

int main(int argc, char** argv) {
    const bool quick = argc > 1 && std::strcmp(argv[1], "--quick") == 0;
    const std::int64_t context = quick ? 8192 : 131072;
    numeric::PrecisionGuard guard(128);
    const auto model =
        model::load_model_config(std::string(ROPECHECK_SOURCE_DIR) + "/tests/data/configs/meta-llama--Llama-3.1-8B.json",
                                 std::nullopt);
    const auto g = model.schedule.frequencies<numeric::interval>();
    const numeric::interval delta = numeric::pi() / numeric::interval(2);  // the probe's default
    std::printf("position-collision, Llama 3.1 8B (theta %s, d = %d, %s), positions 0..%lld, bfloat16, %d threads\n",
                model.theta.c_str(), model.head_dim, model.rope_type.c_str(), static_cast<long long>(context),
                omp_get_max_threads());
    for (const auto& preset : rope::variant_presets()) {
        const rope::InferencePipeline pipeline(model.schedule, numeric::IeeeFormat::bfloat16, preset.variant);
        const std::int64_t n = std::min(context, pipeline.max_position());
        const auto t0 = std::chrono::steady_clock::now();
        const auto c = probes::first_position_collision(pipeline, n);
        const auto phase = probes::first_phase_inversion(pipeline, 0, g[0], delta, n);
        const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        std::printf("  %-15s %8.2f s  first collision %s, phase inversion of pair 1 %s (scanned to %lld)\n",
                    preset.name.c_str(), s, c.position ? std::to_string(*c.position).c_str() : "none",
                    phase.position ? std::to_string(*phase.position).c_str() : "none", static_cast<long long>(n));
    }
    return 0;
}
