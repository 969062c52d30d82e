#pragma once
// float-collision: the least distance r >= 1 at which the RoPE pipeline real
// inference code runs can no longer tell r from 0 on one frequency: its
// cos(r g), rounded to the model dtype, is 1 (the diagonal construction of
// Theorem 5.3 then scores r exactly like 0). In exact arithmetic this never
// happens (Lemma A.1).
//
// The pipeline (transformers' LlamaRotaryEmbedding, every step rounded to
// float32 as torch does, modelled as correctly rounded):
//   inv_freq = 1 / base^(float32(2j) / float32(d))   in float32 (unscaled schedules;
//              a scaled schedule's exact inverse frequency is rounded to float32 once),
//   angle    = float32(r) * inv_freq                 in float32,
//   c        = cos(angle)                            in float32,
//   value    = c rounded to the model dtype          (float32, bfloat16, float16).
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

// The float32 inverse frequency of a pair as the pipeline computes it.
float float32_inverse_frequency(const rope::FrequencySchedule& schedule, int chunk);

// The pipeline's value at distance r, decided exactly (MPFR).
numeric::real pipeline_cosine(float inverse_frequency, std::int64_t r, numeric::IeeeFormat dtype);

}  // namespace ropecheck::probes
