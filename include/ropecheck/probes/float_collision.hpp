#pragma once
// float-collision: the least distance r >= 1 at which the RoPE pipeline real
// inference code runs can no longer tell r from 0 on one frequency: its
// cos(r g), rounded to the model dtype, is 1 (the diagonal construction of
// Theorem 5.3 then scores r exactly like 0). In exact arithmetic this never
// happens (Lemma A.1).
//
// The pipeline is rope::InferencePipeline (inv_freq, angle and cos in float32,
// the cos rounded to the model dtype): the value is its unit_cosine, the cos
// before any attention factor (which scales every distance alike).
// Certified: every distance is screened in double (1 - cos far from the
// rounding boundary) and each candidate is decided with MPFR's correctly
// rounded cos; the answer is the first r whose pipeline value is exactly 1.
#include <cstdint>
#include <optional>

#include "ropecheck/numeric/ieee.hpp"
#include "ropecheck/rope/frequency_schedule.hpp"

namespace ropecheck::probes {

struct CollisionAnswer {
    std::optional<std::int64_t> first_collision_distance;  // none up to max_distance
    bool certified = true;
    float inverse_frequency = 0;                 // the float32 inv_freq of the pair
    double angle_at_collision = 0;               // float32 angle (exact as a double)
    std::uint64_t decided_exactly = 0;           // candidates decided with MPFR
};

// chunk: 0-based pair index of the schedule (must rotate). Throws InvalidInput.
CollisionAnswer float_collision(const rope::FrequencySchedule& schedule, int chunk, numeric::IeeeFormat dtype,
                                std::int64_t max_distance);

}  // namespace ropecheck::probes
