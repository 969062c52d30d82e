#include "ropecheck/rope/inference_pipeline.hpp"

#include <cmath>
#include <string>

#include "step_rounding.hpp"

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

// Positions beyond this are not exact in a double (and far beyond any context).
constexpr std::int64_t largest_position = std::int64_t{1} << 53;

// The rotation of the pairs listed in `pairs` in the dtype F: the table's
// entries cast to F, then the kernel's apply_rotation in F.
template <IeeeFormat F>
std::vector<float> rotate_pairs(const std::vector<std::pair<double, double>>& entries,
                                const std::vector<std::size_t>& pairs, std::span<const float> x) {
    using D = Ieee<F>;
    const auto format = numeric::parameters_of(F);
    std::vector<D> sub;
    RotationTable<D> table;
    sub.reserve(2 * pairs.size());
    for (std::size_t i = 0; i < pairs.size(); ++i) {
        sub.emplace_back(static_cast<double>(x[2 * pairs[i]]));
        sub.emplace_back(static_cast<double>(x[2 * pairs[i] + 1]));
        table.cos.push_back(D::from_exact(real(detail::round_to(entries[i].first, format))));
        table.sin.push_back(D::from_exact(real(detail::round_to(entries[i].second, format))));
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

InferencePipeline::InferencePipeline(const FrequencySchedule& schedule, IeeeFormat dtype,
                                     const PipelineVariant& variant)
    : dtype_(dtype), variant_(variant) {
    parse_pipeline_dtype(numeric::to_string(dtype));  // rejects float64
    // The variant's formats are the ones set_step_format accepts (checked again
    // here for variants built in code).
    for (PipelineStep step : all_pipeline_steps) {
        const std::string f = step_format(variant, step);
        if (!f.empty()) {
            PipelineVariant check;
            set_step_format(check, step, f, "pipeline variant " + step_name(step));
        }
    }
    const auto inv_format = numeric::parameters_of(variant.inv_freq);
    for (int k = 0; k < schedule.pairs(); ++k)
        inverse_frequencies_.push_back(
            schedule.chunks()[static_cast<std::size_t>(k)].rotated
                ? static_cast<float>(detail::round_to(float32_inverse_frequency(schedule, k), inv_format))
                : 0.0F);
    attention_factor_ = as_float(numeric::round_to_format(schedule.attention_factor<real>(), IeeeFormat::binary32));
    // The finite range: the stored position, then every angle (monotone in the position).
    const double largest_stored = std::ldexp(2.0 - std::ldexp(1.0, 1 - numeric::parameters_of(variant.positions).precision),
                                             numeric::parameters_of(variant.positions).max_exponent);
    max_position_ = largest_position;
    if (largest_stored < static_cast<double>(largest_position)) {
        std::int64_t p = static_cast<std::int64_t>(largest_stored);
        // Up to half an ulp above the largest value (to nearest, the tie overflows). The
        // loop stops one ulp above it in any case: under the truncating mutant
        // ieee-round-toward-zero nothing overflows, and it would otherwise run to 2^53.
        const auto f = numeric::parameters_of(variant.positions);
        const auto ulp = static_cast<std::int64_t>(std::ldexp(1.0, f.max_exponent - f.precision + 1));
        while (p < static_cast<std::int64_t>(largest_stored) + ulp && std::isfinite(stored_position(p + 1))) ++p;
        max_position_ = p;
    }
    std::size_t fastest = 0;
    for (std::size_t k = 0; k < inverse_frequencies_.size(); ++k)
        if (inverse_frequencies_[k] > inverse_frequencies_[fastest]) fastest = k;
    if (!inverse_frequencies_.empty() && !std::isfinite(angle(static_cast<int>(fastest), max_position_))) {
        std::int64_t finite = 0, infinite = max_position_;  // angle(finite) finite, angle(infinite) not
        while (infinite - finite > 1) {
            const std::int64_t mid = finite + (infinite - finite) / 2;
            (std::isfinite(angle(static_cast<int>(fastest), mid)) ? finite : infinite) = mid;
        }
        max_position_ = finite;
    }
}

float InferencePipeline::stored_position(std::int64_t position) const {
    if (position < 0 || position > largest_position) throw InvalidInput("position " + std::to_string(position) + " is outside [0, 2^53]");
    return static_cast<float>(detail::round_to(static_cast<double>(position), numeric::parameters_of(variant_.positions)));
}

float InferencePipeline::angle(int chunk, std::int64_t position) const {
    double p = stored_position(position);
    double g = inverse_frequencies_.at(static_cast<std::size_t>(chunk));
    if (variant_.angle.tf32_inputs) {
        p = detail::round_to(p, detail::tf32_parameters);
        g = detail::round_to(g, detail::tf32_parameters);
    }
    // Both have at most 24 significant bits: the double product is exact.
    return static_cast<float>(detail::round_to(p * g, numeric::parameters_of(variant_.angle.result)));
}

void InferencePipeline::require_position(std::int64_t position) const {
    if (position < 0 || position > max_position_)
        throw InvalidInput("position " + std::to_string(position) + " is outside the pipeline's finite range [0, " +
                           std::to_string(max_position_) + "] (" + describe(variant_, dtype_) + ")");
}

std::pair<double, double> InferencePipeline::table_entry(std::size_t chunk, std::int64_t position) const {
    // Mutant "pipeline-variant-table-float32": the variant's cos/sin table format
    // is ignored and the table is built in float32 (the intended pipeline's).
    const IeeeFormat table = ROPECHECK_MUTANT("pipeline-variant-table-float32") ? IeeeFormat::binary32 : variant_.table;
    const detail::CosSin t = detail::cos_sin_in(angle(static_cast<int>(chunk), position), table);
    if (attention_factor_ == 1.0F) return {t.cos, t.sin};
    // The factor (float32) times a table value: an exact double product, rounded once.
    const auto f = numeric::parameters_of(table);
    const double factor = attention_factor_;
    return {detail::round_to(t.cos * factor, f), detail::round_to(t.sin * factor, f)};
}

RotationTable<float> InferencePipeline::rotation(std::int64_t position) const {
    require_position(position);
    const auto f = numeric::parameters_of(dtype_);
    RotationTable<float> table;
    for (std::size_t k = 0; k < inverse_frequencies_.size(); ++k) {
        if (inverse_frequencies_[k] == 0.0F) {
            table.cos.push_back(1.0F);
            table.sin.push_back(0.0F);
            continue;
        }
        const auto [c, s] = table_entry(k, position);
        table.cos.push_back(static_cast<float>(detail::round_to(c, f)));
        table.sin.push_back(static_cast<float>(detail::round_to(s, f)));
    }
    return table;
}

real InferencePipeline::unit_cosine(int chunk, std::int64_t position) const {
    require_position(position);
    const double c = detail::cos_sin_in(angle(chunk, position), variant_.table).cos;
    return real(detail::round_to(c, numeric::parameters_of(dtype_)));
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
    require_position(position);
    std::vector<std::size_t> pairs;
    std::vector<std::pair<double, double>> entries;
    for (std::size_t k = 0; k < inverse_frequencies_.size(); ++k) {
        if (x[2 * k] == 0.0F && x[2 * k + 1] == 0.0F) continue;
        pairs.push_back(k);
        // A pair that does not rotate: exactly 1 and 0, no attention factor.
        entries.push_back(inverse_frequencies_[k] == 0.0F ? std::pair{1.0, 0.0} : table_entry(k, position));
    }
    // Mutant "pipeline-skip-dtype-rounding": the rotation stays in float32
    // whatever the model dtype.
    if (ROPECHECK_MUTANT("pipeline-skip-dtype-rounding"))
        return rotate_pairs<IeeeFormat::binary32>(entries, pairs, x);
    switch (dtype_) {
        case IeeeFormat::binary16: return rotate_pairs<IeeeFormat::binary16>(entries, pairs, x);
        case IeeeFormat::bfloat16: return rotate_pairs<IeeeFormat::bfloat16>(entries, pairs, x);
        case IeeeFormat::binary32:
        case IeeeFormat::binary64:
            break;
    }
    return rotate_pairs<IeeeFormat::binary32>(entries, pairs, x);
}

float InferencePipeline::accumulate(std::span<const float> a, std::span<const float> b) {
    // The kernel's dot in float: IEEE binary32 products and sums in order
    // (this file is compiled with -ffp-contract=off: no fused multiply-add).
    return dot<float>(a, b);
}

float InferencePipeline::round_score(float accumulator) const {
    const IeeeFormat f = score_format();
    if (f == IeeeFormat::binary32) return accumulator;
    return as_float(numeric::round_to_format(real(static_cast<double>(accumulator)), f));
}

}  // namespace ropecheck::rope
