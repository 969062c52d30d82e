#include "ropecheck/probes/float_collision.hpp"

#include <cmath>
#include <optional>

#include "ropecheck/numeric/invalid_input.hpp"
#include "ropecheck/rope/inference_pipeline.hpp"
#include "ropecheck/sweep/scan_engine.hpp"
#include "ropecheck/sweep/one_minus_cos.hpp"

namespace ropecheck::probes {

using numeric::IeeeFormat;

namespace {

// A collision needs the float32 cos c32 = RN32(cos angle) to round to 1 in the
// dtype of p significand bits. For p < 24: c32 >= m = 1 - 2^-(p+1), the midpoint
// below 1 (a tie goes to 1, the even neighbour), and m is a float32 whose
// neighbour below is 2^-24 away, so cos(angle) >= m - 2^-25. For float32 itself:
// c32 = 1, so cos(angle) >= 1 - 2^-25. Hence 1 - cos(angle) <= the threshold is
// necessary for a collision.
double collision_threshold(IeeeFormat dtype) {
    const int p = numeric::parameters_of(dtype).precision;
    return p >= 24 ? 0x1p-25 : std::ldexp(1.0, -(p + 1)) + 0x1p-25;
}

bool ruled_out(float angle, double threshold) { return sweep::one_minus_cos(angle).lower > threshold; }

}  // namespace

bool collision_ruled_out(float angle, IeeeFormat dtype) { return ruled_out(angle, collision_threshold(dtype)); }

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
    const double threshold = collision_threshold(dtype);
    // The least colliding r (scan_engine.hpp: the same for any thread count);
    // decided_exactly counts the distances evaluated exactly up to it.
    const auto collision = sweep::first_event<std::int64_t>(
        sweep::BlockPlan(1, max_distance, std::int64_t{1} << 16), sweep::scan_threads(), 4, answer.decided_exactly,
        [&](std::int64_t from, std::int64_t to, std::uint64_t& exact) -> std::optional<std::int64_t> {
            for (std::int64_t r = from; r <= to; ++r) {
                const float angle = static_cast<float>(r) * inv;
                if (ruled_out(angle, threshold)) continue;
                ++exact;
                if (pipeline.unit_cosine(chunk, r) == 1) return r;
            }
            return std::nullopt;
        });
    if (collision) {
        answer.first_collision_distance = *collision;
        answer.angle_at_collision = static_cast<double>(static_cast<float>(*collision) * inv);
    }
    return answer;
}

}  // namespace ropecheck::probes
