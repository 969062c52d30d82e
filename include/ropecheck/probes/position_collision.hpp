#pragma once
// Where does a pipeline variant stop telling positions apart? Two questions
// about rope::InferencePipeline over the positions 0..N:
//
//   first collision      the least p <= N whose rotation table (the cos and sin
//                        of every pair, in the dtype, as the rotation applies
//                        them) equals that of an earlier position q < p: from p
//                        on the model cannot tell p from q by position at all.
//   first phase inversion  the least p <= N at which pair K's pipeline angle
//                        (the angle step's value) is off the exact p g_K by at
//                        least delta on the circle: min_k |angle - p g_K - 2 pi k|
//                        >= delta (delta in (0, pi]; pi/2: the channel points
//                        at right angles to where it should, cos of the error <= 0).
//
// Exact, not estimated: the tables are the pipeline's own values, compared bit
// for bit (a hash screens, equal hashes are compared in full); the phase error
// is an MPFI enclosure of the exact difference, and each position is decided
// both ways (>= delta, or < delta) or the answer says where it was not.
// Both scans run on the sweep layer's scan engine (scan_engine.hpp).
#include <cstdint>
#include <optional>

#include "ropecheck/numeric/types.hpp"
#include "ropecheck/rope/inference_pipeline.hpp"

namespace ropecheck::probes {

// Positions scanned at most (the collision scan keeps one hash per position).
inline constexpr std::int64_t max_collision_positions = std::int64_t{1} << 24;

struct PositionCollision {
    std::optional<std::int64_t> position;  // none in [1, N]
    std::int64_t collides_with = 0;        // the earlier position with the same table
};

// Throws InvalidInput when N < 1, N > max_collision_positions or N > pipeline.max_position().
PositionCollision first_position_collision(const rope::InferencePipeline& pipeline, std::int64_t context);

struct PhaseInversion {
    std::optional<std::int64_t> position;  // the least p in [0, N] with phase error >= delta
    bool certified = true;                 // false: `undecided_at` could not be decided
    std::optional<std::int64_t> undecided_at;
    numeric::interval error_at;            // the phase error at `position` (or `undecided_at`)
    float angle_at = 0;                    // the pipeline's angle there
};

// g: pair K's exact frequency (an enclosure); delta in (0, pi].
PhaseInversion first_phase_inversion(const rope::InferencePipeline& pipeline, std::size_t pair,
                                     const numeric::interval& g, const numeric::interval& delta,
                                     std::int64_t context);

// The phase error of an angle against p g on the circle, enclosed: min over k of
// |angle - p g - 2 pi k|.
numeric::interval phase_error(float angle, std::int64_t position, const numeric::interval& g);

}  // namespace ropecheck::probes
