#include "ropecheck/probes/pipeline_target.hpp"

#include <cmath>
#include <optional>
#include <string>
#include <vector>

#include "ropecheck/numeric/invalid_input.hpp"
#include "ropecheck/sweep/scan_engine.hpp"
#include "rotated_positions.hpp"

namespace ropecheck::probes {

namespace {

// No float32 accumulator below target - slack can round to a dtype value >= the
// target's: rounding moves a value by at most half an ulp (<= |v| 2^-p, or half
// the least subnormal), and rounding is monotone.
double rounding_slack(const rope::InferencePipeline& pipeline, float target) {
    const auto f = numeric::parameters_of(pipeline.score_format());
    return std::abs(static_cast<double>(target)) * std::ldexp(1.0, -(f.precision - 2)) +
           std::ldexp(1.0, f.min_exponent - f.precision + 1);
}

struct Rival {
    std::int64_t query, rival;
    float target_score, rival_score;
};

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

    // The least query position with a rival, each position one block (its keys
    // scanned in order, so the least rival key): scan_engine.hpp.
    const auto lost = sweep::first_event<Rival>(
        sweep::BlockPlan(first_query, max_position, 1), sweep::scan_threads(), 16,
        [&](std::int64_t i, std::int64_t) -> std::optional<Rival> {
            const auto qi = queries.at(i);
            const float target = detail::support_score(pipeline, qi, keys.at(i + offset));
            const double threshold = static_cast<double>(target) - rounding_slack(pipeline, target);
            for (std::int64_t j = 0; j <= i; ++j) {
                if (j == i + offset) continue;
                const float acc = rope::InferencePipeline::accumulate(qi, keys.at(j));
                if (static_cast<double>(acc) < threshold) continue;
                const float s = pipeline.round_score(acc);
                if (s >= target) return Rival{i, j, target, s};
            }
            return std::nullopt;
        });
    TargetLoss answer;
    answer.positions_checked = max_position - first_query + 1;
    if (lost) {
        answer.query_position = lost->query;
        answer.rival_position = lost->rival;
        answer.target_score = lost->target_score;
        answer.rival_score = lost->rival_score;
        answer.positions_checked = lost->query - first_query + 1;
    }
    return answer;
}

}  // namespace ropecheck::probes
