#pragma once
// Which format each step of the inference pipeline (inference_pipeline.hpp)
// runs in: a pipeline variant is data, so that the slips engines shipped (a step
// run in a narrower format than intended) are answered by the same certified
// machinery as the intended pipeline.
//
//   positions   the position, rounded to this format            (float32)
//   inv_freq    the float32 inverse frequency as stored          (float32)
//   angle       position * inv_freq: the exact product of the two stored values
//               rounded once to float32, bfloat16 or float16 (a GPU matmul forms
//               products exactly and rounds its output once); or tf32: both inputs
//               first rounded to 11 significant bits, to nearest with ties to even,
//               then the product rounded to float32         (float32)
//   table       cos and sin of the angle, correctly rounded to this format, times
//               the attention factor in this format when it is not 1 (float32)
//   rotation    the model dtype (InferencePipeline's dtype)
//   accumulation  the score's dot product: float32 (every modelled kernel)
//   score       the accumulator rounded to this format          (the model dtype)
//
// TF32's input rounding is a modelling choice: NVIDIA documents the conversion
// as rounding, CUTLASS offers both rounding and truncation, and CPU PyTorch has
// no TF32 to compare with. Rounding to nearest is modelled.
#include <optional>
#include <string>
#include <vector>

#include "ropecheck/numeric/ieee.hpp"

namespace ropecheck::rope {

struct AngleFormat {
    numeric::IeeeFormat result = numeric::IeeeFormat::binary32;
    bool tf32_inputs = false;  // inputs rounded to 11 bits first (then result is float32)
    bool operator==(const AngleFormat&) const = default;
};

struct PipelineVariant {
    numeric::IeeeFormat positions = numeric::IeeeFormat::binary32;
    numeric::IeeeFormat inv_freq = numeric::IeeeFormat::binary32;
    AngleFormat angle;
    numeric::IeeeFormat table = numeric::IeeeFormat::binary32;
    numeric::IeeeFormat accumulation = numeric::IeeeFormat::binary32;
    std::optional<numeric::IeeeFormat> score;  // none: the model dtype
    bool operator==(const PipelineVariant&) const = default;
    // The steps up to the table as the intended pipeline runs them (the score may differ).
    bool default_table() const;
};

// The steps, named as their command-line options are (--positions-dtype, ...).
enum class PipelineStep { positions, inv_freq, angle, table, accumulation, score };
inline constexpr PipelineStep all_pipeline_steps[] = {PipelineStep::positions, PipelineStep::inv_freq,
                                                     PipelineStep::angle,     PipelineStep::table,
                                                     PipelineStep::accumulation, PipelineStep::score};
std::string step_name(PipelineStep step);  // "positions", "inv_freq", ...

// A named slip: what it models and where it was reported.
struct VariantPreset {
    std::string name;
    std::string models;
    PipelineVariant variant;
};
// "default" first, then positions-bf16, inv-freq-bf16, autocast-bf16, tf32-angles, half-cache.
const std::vector<VariantPreset>& variant_presets();
// A preset by name. Throws InvalidInput naming `option` and listing the presets.
PipelineVariant parse_variant(const std::string& name, const std::string& option = "--variant");
// The preset a variant is, or "custom".
std::string variant_name(const PipelineVariant& variant);

// Sets one step's format from its name. Throws InvalidInput naming `option` for a
// format the step cannot take (float64 anywhere; tf32 except for the angle;
// anything but float32 for the accumulation).
void set_step_format(PipelineVariant& variant, PipelineStep step, const std::string& name, const std::string& option);
// One step's format as text ("tf32" for the TF32 angle; the score's empty when it is the dtype).
std::string step_format(const PipelineVariant& variant, PipelineStep step);
// "positions bfloat16, inv_freq float32, angle float32, table float32,
// rotation bfloat16, accumulation float32, score bfloat16".
std::string describe(const PipelineVariant& variant, numeric::IeeeFormat dtype);

}  // namespace ropecheck::rope
