#pragma once
// The RoPE that inference code runs, step by step in the formats it uses
// (Hugging Face transformers' rotary embedding followed by eager attention):
//
//   inv_freq  = 1 / base^(float32(2j) / float32(D))       float32 (a scaled schedule's
//               exact inverse frequency is rounded to float32 once)
//   angle     = float32(position) * inv_freq              float32 (positions above 2^24 round)
//   cos, sin  = cos(angle), sin(angle)                    float32, then times the schedule's
//               attention factor in float32 when it is not 1 (YaRN, LongRoPE)
//   cos, sin  cast to the model dtype
//   q, k      the model's activations: dtype values (exact inputs are rounded once)
//   q_embed   = q * cos + rotate_half(q) * sin            every product and sum rounded to
//               the dtype: the kernel's apply_rotation on Ieee<dtype>
//   score     = q_embed . k_embed accumulated in float32 in coordinate order,
//               rounded to the dtype (the output of a dtype matmul)
//
// Modelling choices, stated because a reader may hold a different machine in
// mind: cos and sin are correctly rounded (real libraries are within an ulp or
// so); a dtype sum is rounded once (torch forms a bf16 + bf16 sum in float32
// and rounds again, which differs only in rare double-rounding cases); the
// accumulation order is sequential (GPU kernels use blocked orders); the
// 1/sqrt(d) scale is left out (a positive scale does not reorder exact scores).
// Positions are absolute: unlike exact RoPE, the pipeline's score of a query at
// i and a key at j depends on i and j, not only on j - i.
//
// Each step's format is data (pipeline_variant.hpp): the default variant is the
// pipeline above, and a variant runs a step in another format (positions cast
// to bfloat16, a TF32 angle product, a float16 cos/sin cache, ...).
//
// Values in dtype are held as float: float16 and bfloat16 are subsets of
// float32, so the conversion is exact, and float arithmetic is IEEE binary32,
// bit for bit that of numeric::float32 (tests/rope/inference_pipeline_test.cpp).
#include <cstdint>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "ropecheck/numeric/ieee.hpp"
#include "ropecheck/numeric/types.hpp"
#include "ropecheck/rope/frequency_schedule.hpp"
#include "ropecheck/rope/kernel.hpp"
#include "ropecheck/rope/pipeline_variant.hpp"

namespace ropecheck::rope {

// A model dtype of the pipeline by name: float32, bfloat16 or float16 (and their
// aliases). Throws InvalidInput naming `option` for float64 or an unknown name.
numeric::IeeeFormat parse_pipeline_dtype(const std::string& name, const std::string& option = "--dtype");

// The float32 inverse frequency of a pair (0-based chunk) as the pipeline computes
// it. Throws InvalidInput when the pair does not rotate.
float float32_inverse_frequency(const FrequencySchedule& schedule, int chunk);

class InferencePipeline {
public:
    // dtype: float32, bfloat16 or float16 (the formats models run in, all with a
    // float32 accumulator). Throws InvalidInput otherwise.
    // The variant's steps run in its formats (default: the pipeline above).
    InferencePipeline(const FrequencySchedule& schedule, numeric::IeeeFormat dtype, const PipelineVariant& variant = {});

    numeric::IeeeFormat dtype() const { return dtype_; }
    const PipelineVariant& variant() const { return variant_; }
    // The format scores are rounded to: the variant's, or the dtype.
    numeric::IeeeFormat score_format() const { return variant_.score.value_or(dtype_); }
    int head_dim() const { return static_cast<int>(inverse_frequencies_.size()) * 2; }
    // Per pair, as stored: the float32 inverse frequency rounded to the variant's
    // inv_freq format (float32: unchanged); exactly 0 for a pair that does not rotate.
    const std::vector<float>& inverse_frequencies() const { return inverse_frequencies_; }
    // The largest position whose stored position and every angle are finite
    // (float16 overflows above 65504); rotation() and rotate() refuse larger ones.
    std::int64_t max_position() const { return max_position_; }
    // The position as the positions step stores it.
    float stored_position(std::int64_t position) const;
    // The angle step's value for a pair (0 for a pair that does not rotate).
    float angle(int chunk, std::int64_t position) const;
    // The attention factor rounded to float32 (1 for most schedules).
    float attention_factor() const { return attention_factor_; }

    // cos and sin of every pair at a position, in the dtype (as exact floats).
    // Pairs that do not rotate get exactly 1 and 0 and no attention factor.
    // Throws InvalidInput above max_position().
    RotationTable<float> rotation(std::int64_t position) const;
    // The dtype's rounding of the table's cos(angle) of one pair, without the
    // attention factor: the value float-collision compares with 1.
    numeric::real unit_cosine(int chunk, std::int64_t position) const;

    // Exact values rounded to the dtype, as model activations are stored.
    std::vector<float> to_dtype(std::span<const numeric::real> x) const;
    std::vector<float> to_dtype(std::span<const double> x) const;
    // The rotated vector; x must hold dtype values (from to_dtype). Pairs whose
    // two coordinates are zero stay exactly zero and are skipped (their rotation
    // costs nothing and changes nothing).
    std::vector<float> rotate(std::span<const float> x, std::int64_t position) const;

    // The float32 accumulator of a . b (before the final rounding).
    static float accumulate(std::span<const float> a, std::span<const float> b);
    // The accumulator rounded to the dtype: the score the softmax sees.
    float round_score(float accumulator) const;
    float score(std::span<const float> a, std::span<const float> b) const {
        return round_score(accumulate(a, b));
    }

private:
    // The table's cos and sin of one rotating pair, with the attention factor.
    std::pair<double, double> table_entry(std::size_t chunk, std::int64_t position) const;
    void require_position(std::int64_t position) const;

    numeric::IeeeFormat dtype_;
    PipelineVariant variant_;
    std::vector<float> inverse_frequencies_;
    float attention_factor_ = 1.0F;
    std::int64_t max_position_ = 0;
};

}  // namespace ropecheck::rope
