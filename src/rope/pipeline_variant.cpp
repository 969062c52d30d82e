#include "ropecheck/rope/pipeline_variant.hpp"

#include "ropecheck/numeric/invalid_input.hpp"

namespace ropecheck::rope {

using numeric::IeeeFormat;

bool PipelineVariant::default_table() const {
    PipelineVariant same = *this;
    same.score.reset();
    return same == PipelineVariant{};
}

std::string step_name(PipelineStep step) {
    switch (step) {
        case PipelineStep::positions: return "positions";
        case PipelineStep::inv_freq: return "inv_freq";
        case PipelineStep::angle: return "angle";
        case PipelineStep::table: return "table";
        case PipelineStep::accumulation: return "accumulation";
        case PipelineStep::score: return "score";
    }
    return "score";
}

namespace {

// A variant by the formats of its first four steps (accumulation and score as intended).
PipelineVariant steps(IeeeFormat positions, IeeeFormat inv_freq, AngleFormat angle, IeeeFormat table) {
    PipelineVariant v;
    v.positions = positions;
    v.inv_freq = inv_freq;
    v.angle = angle;
    v.table = table;
    return v;
}

}  // namespace

const std::vector<VariantPreset>& variant_presets() {
    const IeeeFormat f32 = IeeeFormat::binary32, bf16 = IeeeFormat::bfloat16, f16 = IeeeFormat::binary16;
    static const std::vector<VariantPreset> presets{
        {"default", "the intended pipeline: positions, inv_freq, angles and cos/sin in float32", {}},
        {"positions-bf16",
         "positions cast to bfloat16 before the angle product (DeepSpeed zero.Init casting arange; transformers "
         "#28685, candle #3520)",
         steps(bf16, f32, {f32, false}, f32)},
        {"inv-freq-bf16", "the inv_freq buffer cast to bfloat16 by model.to(bfloat16) (transformers #25681, #29496)",
         steps(f32, bf16, {f32, false}, f32)},
        {"autocast-bf16",
         "the rotary embedding under bfloat16 autocast: the matmul's inputs and output and cos/sin in bfloat16 "
         "(transformers PR #29285)",
         steps(bf16, bf16, {bf16, false}, bf16)},
        {"tf32-angles",
         "inv_freq @ position_ids as a TF32 matmul, set_float32_matmul_precision(\"high\") (transformers #48428)",
         steps(f32, f32, {f32, true}, f32)},
        {"half-cache",
         "the rotary cache built in float16 (a model converted by .half(): arange and inv_freq follow it, so "
         "angles and cos/sin are float16; GPT-NeoX #1003)",
         steps(f16, f16, {f16, false}, f16)},
    };
    return presets;
}

PipelineVariant parse_variant(const std::string& name, const std::string& option) {
    std::string names;
    for (const auto& p : variant_presets()) {
        if (p.name == name) return p.variant;
        names.append(names.empty() ? "" : ", ").append(p.name);
    }
    throw InvalidInput(option + " " + name + ": unknown pipeline variant (expected " + names + ")");
}

std::string variant_name(const PipelineVariant& variant) {
    for (const auto& p : variant_presets())
        if (p.variant == variant) return p.name;
    return "custom";
}

void set_step_format(PipelineVariant& variant, PipelineStep step, const std::string& name, const std::string& option) {
    const auto refuse = [&](const std::string& takes) {
        throw InvalidInput(option + " " + name + ": the " + step_name(step) + " step takes " + takes);
    };
    if (step == PipelineStep::angle && name == "tf32") {
        variant.angle = {IeeeFormat::binary32, true};
        return;
    }
    IeeeFormat f{};
    try {
        f = numeric::parse_ieee_format(name);
    } catch (const InvalidInput&) {
        f = IeeeFormat::binary64;  // refused below with the step's formats
    }
    const bool known = name != "tf32" && (f != IeeeFormat::binary64);
    if (step == PipelineStep::accumulation) {
        if (f != IeeeFormat::binary32 || !known) refuse("float32 only (every modelled kernel accumulates in float32)");
        variant.accumulation = f;
        return;
    }
    if (!known) refuse(step == PipelineStep::angle ? "float32, tf32, bfloat16 or float16" : "float32, bfloat16 or float16");
    switch (step) {
        case PipelineStep::positions: variant.positions = f; break;
        case PipelineStep::inv_freq: variant.inv_freq = f; break;
        case PipelineStep::angle: variant.angle = {f, false}; break;
        case PipelineStep::table: variant.table = f; break;
        case PipelineStep::score: variant.score = f; break;
        case PipelineStep::accumulation: break;
    }
}

std::string step_format(const PipelineVariant& variant, PipelineStep step) {
    switch (step) {
        case PipelineStep::positions: return numeric::to_string(variant.positions);
        case PipelineStep::inv_freq: return numeric::to_string(variant.inv_freq);
        case PipelineStep::angle: return variant.angle.tf32_inputs ? "tf32" : numeric::to_string(variant.angle.result);
        case PipelineStep::table: return numeric::to_string(variant.table);
        case PipelineStep::accumulation: return numeric::to_string(variant.accumulation);
        case PipelineStep::score: return variant.score ? numeric::to_string(*variant.score) : "";
    }
    return "";
}

std::string describe(const PipelineVariant& variant, IeeeFormat dtype) {
    std::string out;
    for (PipelineStep step : all_pipeline_steps) {
        if (step == PipelineStep::accumulation)
            out.append(", rotation ").append(numeric::to_string(dtype));
        std::string f = step_format(variant, step);
        if (f.empty()) f = numeric::to_string(dtype);
        out.append(out.empty() ? "" : ", ").append(step_name(step)).append(" ").append(f);
    }
    return out;
}

}  // namespace ropecheck::rope
