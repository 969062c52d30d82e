#include "ropecheck/rope/inference_pipeline.hpp"

#include <string>

#include "ropecheck/numeric/mutant.hpp"
#include "ropecheck/numeric/invalid_input.hpp"

namespace ropecheck::rope {

using numeric::Ieee;
using numeric::IeeeFormat;
using numeric::real;

IeeeFormat parse_pipeline_dtype(const std::string& name, const std::string& option) {
    const IeeeFormat f = numeric::parse_ieee_format(name);
    if (f == IeeeFormat::binary64) {
        std::string message = option;
        message.append(" ").append(name).append(": the inference pipeline runs in float32, bfloat16 or float16");
        throw InvalidInput(message);
    }
    return f;
}

float float32_inverse_frequency(const FrequencySchedule& schedule, int chunk) {
    const auto& c = schedule.chunks().at(static_cast<std::size_t>(chunk));
    if (!c.rotated) throw InvalidInput("pair " + std::to_string(chunk + 1) + " does not rotate in this schedule");
    if (schedule.scaling().type != ScalingType::none) {
        // At the caller's precision (>= 53 bits, far above float32's 24): the
        // default precision is process-wide in Boost 1.74, so it is never changed here.
        return static_cast<float>(
            numeric::round_to_format(schedule.frequencies<real>()[static_cast<std::size_t>(chunk)], IeeeFormat::binary32)
                .convert_to<double>());
    }
    using numeric::float32;
    const float32 exponent = float32(c.exponent_numerator) / float32(c.exponent_denominator);
    const float32 base = numeric::number_traits<float32>::from_decimal(schedule.theta());
    return static_cast<float>((float32(1.0) / pow(base, exponent)).to_double());
}

namespace {

float as_float(const real& dtype_value) { return static_cast<float>(dtype_value.convert_to<double>()); }

// The rotation of the pairs listed in `pairs`, in the dtype F: the table in
// float32 through the kernel, the attention factor, the cast, then the kernel's
// apply_rotation in F.
template <IeeeFormat F>
std::vector<float> rotate_pairs(const std::vector<float>& inv_freq, float attention_factor,
                                const std::vector<std::size_t>& pairs, std::span<const float> x,
                                std::int64_t position) {
    using numeric::float32;
    using D = Ieee<F>;
    std::vector<float32> freqs;
    std::vector<D> sub;
    freqs.reserve(pairs.size());
    sub.reserve(2 * pairs.size());
    for (std::size_t k : pairs) {
        freqs.emplace_back(static_cast<double>(inv_freq[k]));
        sub.emplace_back(static_cast<double>(x[2 * k]));
        sub.emplace_back(static_cast<double>(x[2 * k + 1]));
    }
    RotationTable<float32> table32 = rotation_table<float32>(freqs, position);
    RotationTable<D> table;
    const float32 factor(static_cast<double>(attention_factor));
    for (std::size_t i = 0; i < pairs.size(); ++i) {
        float32 c = table32.cos[i], s = table32.sin[i];
        if (inv_freq[pairs[i]] == 0.0F) {
            c = float32(1.0);
            s = float32(0.0);
        } else if (attention_factor != 1.0F) {
            c = c * factor;
            s = s * factor;
        }
        table.cos.push_back(D::from_exact(c.value()));
        table.sin.push_back(D::from_exact(s.value()));
    }
    const std::vector<D> rotated = apply_rotation<D>(sub, table);
    std::vector<float> out(x.size(), 0.0F);
    for (std::size_t i = 0; i < pairs.size(); ++i) {
        out[2 * pairs[i]] = as_float(rotated[2 * i].value());
        out[2 * pairs[i] + 1] = as_float(rotated[2 * i + 1].value());
    }
    return out;
}

}  // namespace

InferencePipeline::InferencePipeline(const FrequencySchedule& schedule, IeeeFormat dtype) : dtype_(dtype) {
    parse_pipeline_dtype(numeric::to_string(dtype));  // rejects float64
    for (int k = 0; k < schedule.pairs(); ++k)
        inverse_frequencies_.push_back(schedule.chunks()[static_cast<std::size_t>(k)].rotated
                                           ? float32_inverse_frequency(schedule, k)
                                           : 0.0F);
    attention_factor_ = as_float(numeric::round_to_format(schedule.attention_factor<real>(), IeeeFormat::binary32));
}

RotationTable<float> InferencePipeline::rotation(std::int64_t position) const {
    // Rotating the unit vectors e_0 of every pair reads the table off: the
    // rotated pair is (c * 1 - s * 0, s * 1 + c * 0) = (c, s) exactly.
    std::vector<float> unit(inverse_frequencies_.size() * 2, 0.0F);
    for (std::size_t k = 0; k < inverse_frequencies_.size(); ++k) unit[2 * k] = 1.0F;
    const std::vector<float> r = rotate(unit, position);
    RotationTable<float> table;
    for (std::size_t k = 0; k < inverse_frequencies_.size(); ++k) {
        table.cos.push_back(r[2 * k]);
        table.sin.push_back(r[2 * k + 1]);
    }
    return table;
}

real InferencePipeline::unit_cosine(int chunk, std::int64_t position) const {
    using numeric::float32;
    const float inv = inverse_frequencies_.at(static_cast<std::size_t>(chunk));
    const std::vector<float32> freq{float32(static_cast<double>(inv))};
    const RotationTable<float32> t = rotation_table<float32>(freq, position);
    return numeric::round_to_format(t.cos[0].value(), dtype_);
}

std::vector<float> InferencePipeline::to_dtype(std::span<const real> x) const {
    std::vector<float> out;
    out.reserve(x.size());
    for (const real& v : x) out.push_back(as_float(numeric::round_to_format(v, dtype_)));
    return out;
}

std::vector<float> InferencePipeline::to_dtype(std::span<const double> x) const {
    std::vector<float> out;
    out.reserve(x.size());
    for (double v : x) out.push_back(as_float(numeric::round_to_format(real(v), dtype_)));
    return out;
}

std::vector<float> InferencePipeline::rotate(std::span<const float> x, std::int64_t position) const {
    if (x.size() != inverse_frequencies_.size() * 2)
        throw std::invalid_argument("InferencePipeline::rotate: vector size is not the head dimension");
    std::vector<std::size_t> pairs;
    for (std::size_t k = 0; k < inverse_frequencies_.size(); ++k)
        if (x[2 * k] != 0.0F || x[2 * k + 1] != 0.0F) pairs.push_back(k);
    // Mutant "pipeline-skip-dtype-rounding": the rotation stays in float32
    // whatever the model dtype.
    if (ROPECHECK_MUTANT("pipeline-skip-dtype-rounding"))
        return rotate_pairs<IeeeFormat::binary32>(inverse_frequencies_, attention_factor_, pairs, x, position);
    switch (dtype_) {
        case IeeeFormat::binary16:
            return rotate_pairs<IeeeFormat::binary16>(inverse_frequencies_, attention_factor_, pairs, x, position);
        case IeeeFormat::bfloat16:
            return rotate_pairs<IeeeFormat::bfloat16>(inverse_frequencies_, attention_factor_, pairs, x, position);
        case IeeeFormat::binary32:
        case IeeeFormat::binary64:
            break;
    }
    return rotate_pairs<IeeeFormat::binary32>(inverse_frequencies_, attention_factor_, pairs, x, position);
}

float InferencePipeline::accumulate(std::span<const float> a, std::span<const float> b) {
    // The kernel's dot in float: IEEE binary32 products and sums in order
    // (this file is compiled with -ffp-contract=off: no fused multiply-add).
    return dot<float>(a, b);
}

float InferencePipeline::round_score(float accumulator) const {
    if (dtype_ == IeeeFormat::binary32) return accumulator;
    return as_float(numeric::round_to_format(real(static_cast<double>(accumulator)), dtype_));
}

}  // namespace ropecheck::rope
