#include "ropecheck/probes/float_collision.hpp"

#include <omp.h>

#include <cmath>
#include <vector>

#include "ropecheck/numeric/invalid_input.hpp"
#include "ropecheck/rope/inference_pipeline.hpp"

namespace ropecheck::probes {

using numeric::IeeeFormat;

namespace {

// 1 - (largest dtype value below 1): the gap below 1 in the dtype.
double gap_below_one(IeeeFormat dtype) {
    return std::ldexp(1.0, -numeric::parameters_of(dtype).precision);
}

}  // namespace

CollisionAnswer float_collision(const rope::FrequencySchedule& schedule, int chunk, IeeeFormat dtype,
                                std::int64_t max_distance) {
    if (max_distance < 1) throw InvalidInput("--max-distance must be >= 1");
    if (max_distance > (std::int64_t{1} << 40)) throw InvalidInput("--max-distance above 2^40 is not supported");
    if (chunk < 0 || chunk >= schedule.pairs()) throw InvalidInput("--frequency is outside 1..d/2");
    if (!schedule.chunks()[static_cast<std::size_t>(chunk)].rotated)
        throw InvalidInput("pair " + std::to_string(chunk + 1) + " does not rotate in this schedule");
    const rope::InferencePipeline pipeline(schedule, dtype);
    CollisionAnswer answer;
    answer.inverse_frequency = pipeline.inverse_frequencies()[static_cast<std::size_t>(chunk)];
    const float inv = answer.inverse_frequency;
    // The pipeline value is 1 only if the float32 cosine is at least 1 - gap/2 - 2^-25
    // (rounding boundaries of the dtype, then of float32). A double 1 - cos(angle) above
    // twice the dtype's gap below 1 is therefore certainly no collision: glibc's cos is
    // within an ulp of double, some 10^8 times finer than this margin.
    const double screen = 2 * gap_below_one(dtype);
    constexpr std::int64_t block = 1 << 16;
    const std::int64_t blocks = (max_distance + block - 1) / block;
    // Inside an outer parallel region (the runner) one thread: a nested team
    // would only oversubscribe the cores.
    const int threads = omp_get_level() > 0 ? 1 : omp_get_max_threads();
    for (std::int64_t wave = 0; wave < blocks; wave += threads * 4) {
        const std::int64_t wave_end = std::min(blocks, wave + threads * 4);
        std::vector<std::int64_t> first(static_cast<std::size_t>(wave_end - wave), 0);
        std::vector<std::uint64_t> exact(first.size(), 0);
#pragma omp parallel for schedule(dynamic, 1) num_threads(threads)
        for (std::int64_t b = wave; b < wave_end; ++b) {
            const std::int64_t lo = b * block + 1, hi = std::min(max_distance, (b + 1) * block);
            const auto slot = static_cast<std::size_t>(b - wave);
            for (std::int64_t r = lo; r <= hi; ++r) {
                const float angle = static_cast<float>(r) * inv;
                if (1.0 - std::cos(static_cast<double>(angle)) > screen) continue;
                ++exact[slot];
                if (pipeline.unit_cosine(chunk, r) == 1) {
                    first[slot] = r;
                    break;
                }
            }
        }
        for (std::size_t i = 0; i < first.size(); ++i) {
            answer.decided_exactly += exact[i];
            if (first[i] == 0) continue;
            answer.first_collision_distance = first[i];
            answer.angle_at_collision = static_cast<double>(static_cast<float>(first[i]) * inv);
            return answer;
        }
    }
    return answer;
}

}  // namespace ropecheck::probes
