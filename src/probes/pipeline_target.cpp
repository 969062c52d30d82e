#include "ropecheck/probes/pipeline_target.hpp"

#include <omp.h>

#include <cmath>
#include <string>
#include <vector>

#include "ropecheck/numeric/invalid_input.hpp"
#include "rotated_positions.hpp"

namespace ropecheck::probes {

namespace {

// No float32 accumulator below target - slack can round to a dtype value >= the
// target's: rounding moves a value by at most half an ulp (<= |v| 2^-p, or half
// the least subnormal), and rounding is monotone.
double rounding_slack(const rope::InferencePipeline& pipeline, float target) {
    const auto f = numeric::parameters_of(pipeline.dtype());
    return std::abs(static_cast<double>(target)) * std::ldexp(1.0, -(f.precision - 2)) +
           std::ldexp(1.0, f.min_exponent - f.precision + 1);
}

}  // namespace

TargetLoss pipeline_target_loss(const rope::InferencePipeline& pipeline, std::span<const numeric::real> q,
                                std::span<const numeric::real> k, std::int64_t offset, std::int64_t max_position) {
    if (offset > 0) throw InvalidInput("target offset " + std::to_string(offset) + ": a causal head's target must be <= 0");
    if (max_position < -offset)
        throw InvalidInput("--context " + std::to_string(max_position) + " leaves no query with a target at offset " +
                           std::to_string(offset));
    if (max_position > max_pipeline_positions)
        throw InvalidInput("--context above " + std::to_string(max_pipeline_positions) +
                           " is not supported by the pipeline scan (every query position against every key)");
    if (q.size() != k.size() || static_cast<int>(q.size()) != pipeline.head_dim())
        throw InvalidInput("query and key must have the pipeline's head dimension");

    const std::vector<float> qd = pipeline.to_dtype(q), kd = pipeline.to_dtype(k);
    const std::vector<std::size_t> support = detail::joint_support(qd, kd);
    const std::int64_t first_query = -offset;
    const detail::RotatedPositions queries(pipeline, qd, support, first_query, max_position);
    const detail::RotatedPositions keys(pipeline, kd, support, 0, max_position);

    TargetLoss answer;
    const int threads = omp_get_level() > 0 ? 1 : omp_get_max_threads();
    constexpr std::int64_t chunk = 16;
    for (std::int64_t wave = first_query; wave <= max_position; wave += chunk * threads) {
        const std::int64_t wave_end = std::min(max_position, wave + chunk * threads - 1);
        const auto n = static_cast<std::size_t>(wave_end - wave + 1);
        std::vector<std::int64_t> rival(n, -1);
        std::vector<float> target_at(n, 0), rival_at(n, 0);
#pragma omp parallel for schedule(dynamic, 1) num_threads(threads)
        for (std::int64_t i = wave; i <= wave_end; ++i) {
            const auto slot = static_cast<std::size_t>(i - wave);
            const auto qi = queries.at(i);
            const float target = detail::support_score(pipeline, qi, keys.at(i + offset));
            const double threshold = static_cast<double>(target) - rounding_slack(pipeline, target);
            target_at[slot] = target;
            for (std::int64_t j = 0; j <= i; ++j) {
                if (j == i + offset) continue;
                const float acc = rope::InferencePipeline::accumulate(qi, keys.at(j));
                if (static_cast<double>(acc) < threshold) continue;
                const float s = pipeline.round_score(acc);
                if (s >= target) {
                    rival[slot] = j;
                    rival_at[slot] = s;
                    break;
                }
            }
        }
        for (std::size_t s = 0; s < n; ++s) {
            if (rival[s] < 0) continue;
            answer.query_position = wave + static_cast<std::int64_t>(s);
            answer.rival_position = rival[s];
            answer.target_score = target_at[s];
            answer.rival_score = rival_at[s];
            answer.positions_checked = *answer.query_position - first_query + 1;
            return answer;
        }
    }
    answer.positions_checked = max_position - first_query + 1;
    return answer;
}

}  // namespace ropecheck::probes
