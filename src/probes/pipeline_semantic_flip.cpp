#include "ropecheck/probes/pipeline_semantic_flip.hpp"

#include <omp.h>

#include <cmath>
#include <string>
#include <vector>

#include "ropecheck/numeric/invalid_input.hpp"
#include "rotated_positions.hpp"

namespace ropecheck::probes {

namespace {

// Query/key pairs scanned at most (about a minute of float arithmetic).
constexpr double max_pairs = 0x1p34;

}  // namespace

PipelineFlip pipeline_semantic_flip(const rope::InferencePipeline& pipeline, std::span<const numeric::real> psi,
                                    std::int64_t max_distance, std::int64_t max_position, bool strict,
                                    std::int64_t from_distance) {
    if (from_distance < 1) throw InvalidInput("distances searched must be >= 1");
    if (max_distance < 1) throw InvalidInput("--max-distance must be >= 1");
    if (max_position < max_distance)
        throw InvalidInput("--context " + std::to_string(max_position) + " is below the largest distance searched (" +
                           std::to_string(max_distance) + ")");
    if (max_position > max_flip_position)
        throw InvalidInput("--context above " + std::to_string(max_flip_position) + " is not supported by the flip scan");
    if (static_cast<double>(max_distance) * static_cast<double>(max_position) > max_pairs)
        throw InvalidInput("distances x positions above 2^34: narrow --max-distance or --context");
    if (static_cast<int>(psi.size()) != pipeline.head_dim())
        throw InvalidInput("psi must have the pipeline's head dimension");

    const std::vector<float> x = pipeline.to_dtype(psi);
    const std::vector<std::size_t> support = detail::joint_support(x, x);
    PipelineFlip answer;
    if (support.empty()) {
        // psi rounds to zero: the target ties the competitor at every distance.
        if (strict || from_distance > max_distance) return answer;
        answer.distance = from_distance;
        answer.query_position = from_distance;
        return answer;
    }
    const detail::RotatedPositions track(pipeline, x, support, 0, max_position);
    // A positive float32 accumulator rounds to a positive dtype value unless it
    // underflows; anything at or below this is rounded exactly.
    const auto f = numeric::parameters_of(pipeline.dtype());
    const double tiny = std::ldexp(1.0, f.min_exponent);

    const int threads = omp_get_level() > 0 ? 1 : omp_get_max_threads();
    constexpr std::int64_t chunk = 8;
    for (std::int64_t wave = from_distance; wave <= max_distance; wave += chunk * threads) {
        const std::int64_t wave_end = std::min(max_distance, wave + chunk * threads - 1);
        const auto n = static_cast<std::size_t>(wave_end - wave + 1);
        std::vector<std::int64_t> at(n, -1);
        std::vector<float> score(n, 0);
#pragma omp parallel for schedule(dynamic, 1) num_threads(threads)
        for (std::int64_t r = wave; r <= wave_end; ++r) {
            const auto slot = static_cast<std::size_t>(r - wave);
            for (std::int64_t i = r; i <= max_position; ++i) {
                const float acc = rope::InferencePipeline::accumulate(track.at(i), track.at(i - r));
                if (static_cast<double>(acc) > tiny) continue;
                const float s = pipeline.round_score(acc);
                if (strict ? s < 0 : s <= 0) {
                    at[slot] = i;
                    score[slot] = s;
                    break;
                }
            }
        }
        for (std::size_t s = 0; s < n; ++s) {
            if (at[s] < 0) continue;
            answer.distance = wave + static_cast<std::int64_t>(s);
            answer.query_position = at[s];
            answer.score = score[s];
            return answer;
        }
    }
    return answer;
}

}  // namespace ropecheck::probes
