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
// Certified: every distance is screened in double and each candidate is
// decided with MPFR's correctly rounded cos; the answer is the first r whose
// pipeline value is exactly 1. The screen dismisses r only when a proven lower
// bound on 1 - cos(angle) (sweep::one_minus_cos: the sweep's phase reduction
// and Taylor sine with their error bounds, no libm) exceeds
// 2^-(p+1) + 2^-25, p < 24 the dtype's significand bits (2^-25 for float32): a
// collision needs the float32 cos to reach the dtype's midpoint below 1,
// 1 - 2^-(p+1) (ties go to 1), and RN32 moves cos by at most 2^-25 there (for
// float32 it must round to 1 itself). The bound is 2 s~^2 (1 - 2 rho_s) - 4 a_x
// with rho_s ~ 70 u and a_x < 10^-19 for angles up to 2^40 (one_minus_cos.hpp),
// so it gives up almost nothing against the threshold, and every dismissed
// distance is dismissed rigorously (tests/probes/float_collision_test.cpp
// checks each one against MPFR on small ranges).
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

// The screen: true only if the pipeline's cos(angle), rounded to float32 and
// then to dtype, is certainly not 1 (angle: the pipeline's float32 angle).
bool collision_ruled_out(float angle, numeric::IeeeFormat dtype);

// chunk: 0-based pair index of the schedule (must rotate). Throws InvalidInput.
CollisionAnswer float_collision(const rope::FrequencySchedule& schedule, int chunk, numeric::IeeeFormat dtype,
                                std::int64_t max_distance);

}  // namespace ropecheck::probes
