#include "ropecheck/probes/pipeline_semantic_flip.hpp"

#include <mpfi.h>

#include <algorithm>
#include <cmath>
#include <optional>
#include <string>
#include <vector>

#include "ropecheck/numeric/certainty.hpp"
#include "ropecheck/numeric/invalid_input.hpp"
#include "ropecheck/sweep/scan_engine.hpp"
#include "rotated_positions.hpp"

namespace ropecheck::probes {

namespace {

// Query/key pairs scanned at most (about a minute of float arithmetic).
constexpr double max_pairs = 0x1p34;

// Distances below which no flip is possible, proven for the one-pair vector
// psi = (x, 0), x a power of two (the constructions of the claims), when the
// attention factor is 1, every position is below 2^24 and scores are rounded
// to the dtype, under any variant of the steps up to the table
// (pipeline_variant.hpp). The reference is G, the inverse frequency as the
// variant stores it (its own rounding only moves the channel's frequency).
//
// Then the rotated vectors are exactly x (c_i, s_i), with c_i, s_i the dtype
// values of the table's cos/sin of theta_i, the angle step's value:
//   theta_i = A(P(i) G'), P(i) the stored position (for a TF32 angle also
//   rounded to 11 bits, like G' of G), A the angle format's rounding, so
//   |theta_i - i G| <= i G rho + a,  rho = (1 + u_P)(1 + u_tf)^2 (1 + u_A) - 1,
//   with u_F = 2^-p for a rounding to p bits (0 for the positions when every
//   position <= N is an integer of the format) and a = half the angle format's
//   least subnormal when a product may fall below its normal range (else 0);
//   the table's cos/sin within 2^-p_T (+ half a subnormal for float16, whose
//   normal range a sine near a multiple of pi can leave), the cast to the dtype
//   within u_d = 2^-p + 2^(e_min - p) (half an ulp, or a subnormal's),
// so |c_i - cos(i G)|, |s_i - sin(i G)| <= delta = N G rho + a + u_T + u_d for i <= N, and
//   D = c_i c_j + s_i s_j  satisfies  |D - cos((i - j) G)| <= 4 delta + 2 delta^2.
// (The intended pipeline: rho = 2^-24, a = 0, u_T = 2^-24: delta = 2^-24 (N G + 1) + u_d.)
// The score is the dtype rounding of fl32(x^2 c_i c_j + x^2 s_i s_j): each float32
// product and the sum move it by at most 2^-22 x^2 (plus underflow dust), and a
// positive float32 value of at least x^2 2^-22 rounds to a positive dtype value.
// Hence the score is > 0 whenever cos(r G) > E = 4 delta + 2 delta^2 + 2^-21, i.e. for
// every r < acos(E) / G (r G stays in [0, acos E), where cos decreases from 1 to E).
// The bound is evaluated in MPFI and rounded down.
std::int64_t first_possible_flip(const rope::InferencePipeline& pipeline, std::span<const float> x,
                                 std::int64_t max_position) {
    std::optional<std::size_t> pair;
    for (std::size_t k = 0; 2 * k + 1 < x.size(); ++k) {
        if (x[2 * k] == 0 && x[2 * k + 1] == 0) continue;
        if (pair) return 1;  // more than one pair: no bound
        pair = k;
    }
    if (!pair || x[2 * *pair + 1] != 0 || pipeline.attention_factor() != 1.0F) return 1;
    int exponent = 0;
    const float mantissa = std::frexp(std::abs(x[2 * *pair]), &exponent);
    if (mantissa != 0.5F || exponent > 6) return 1;  // not a power of two, or x^2 near float16's range
    if (max_position >= (std::int64_t{1} << 24)) return 1;
    if (pipeline.score_format() != pipeline.dtype()) return 1;  // the positivity argument is the dtype's
    const float g = pipeline.inverse_frequencies()[*pair];
    if (g <= 0) return 1;
    using numeric::interval;
    const rope::PipelineVariant& v = pipeline.variant();
    const auto power = [](int e) { return interval(std::ldexp(1.0, e)); };
    // 2^-p for a rounding to p bits; 0 for the positions when they are all integers of the format.
    const auto positions_p = numeric::parameters_of(v.positions).precision;
    const interval u_positions = max_position <= (std::int64_t{1} << positions_p) ? interval(0) : power(-positions_p);
    const interval u_tf32 = v.angle.tf32_inputs ? power(-11) : interval(0);
    const auto angle = numeric::parameters_of(v.angle.result);
    const interval one(1);
    const interval rho = (one + u_positions) * (one + u_tf32) * (one + u_tf32) * (one + power(-angle.precision)) - one;
    // Products below the angle format's normal range (the least is G' >= G (1 - u_tf32) at i = 1).
    const bool angle_subnormal = static_cast<double>(g) * (1 - std::ldexp(1.0, -11)) < std::ldexp(1.0, angle.min_exponent);
    const interval a = angle_subnormal ? power(angle.min_exponent - angle.precision) : interval(0);
    const auto table = numeric::parameters_of(v.table);
    const interval u_table = v.table == numeric::IeeeFormat::binary16
                                 ? power(-table.precision) + power(table.min_exponent - table.precision)
                                 : power(-table.precision);
    const auto f = numeric::parameters_of(pipeline.dtype());
    const interval gi(static_cast<double>(g));
    const interval delta = interval(static_cast<double>(max_position)) * gi * rho + a + u_table +
                           power(-f.precision) + power(f.min_exponent - f.precision);
    const interval e = interval(4) * delta + interval(2) * delta * delta + interval(std::ldexp(1.0, -21));
    if (!numeric::certainly_positive(interval(1) - e)) return 1;
    interval acos_e;
    mpfi_acos(acos_e.backend().data(), interval(numeric::upper_bound(e)).backend().data());
    const interval limit = acos_e / gi;
    const double lower = std::floor(numeric::lower_bound(limit).convert_to<double>());
    return std::max<std::int64_t>(1, static_cast<std::int64_t>(lower));
}

}  // namespace

std::int64_t first_searched_distance(const rope::InferencePipeline& pipeline, std::span<const numeric::real> psi,
                                     std::int64_t max_position) {
    if (static_cast<int>(psi.size()) != pipeline.head_dim())
        throw InvalidInput("psi must have the pipeline's head dimension");
    const std::vector<float> x = pipeline.to_dtype(psi);
    return first_possible_flip(pipeline, x, max_position);
}

PipelineFlip pipeline_semantic_flip(const rope::InferencePipeline& pipeline, std::span<const numeric::real> psi,
                                    std::int64_t max_distance, std::int64_t max_position, bool strict,
                                    std::int64_t from_distance) {
    if (from_distance < 1) throw InvalidInput("distances searched must be >= 1");
    if (max_distance < 1) throw InvalidInput("--max-distance must be >= 1");
    if (max_position < max_distance)
        throw InvalidInput("--context " + std::to_string(max_position) + " is below the largest distance searched (" +
                           std::to_string(max_distance) + ")");
    if (max_position > max_flip_position)
        throw InvalidInput("--context above " + std::to_string(max_flip_position) + " is not supported by the flip scan");
    if (static_cast<int>(psi.size()) != pipeline.head_dim())
        throw InvalidInput("psi must have the pipeline's head dimension");

    const std::vector<float> x = pipeline.to_dtype(psi);
    const std::vector<std::size_t> support = detail::joint_support(x, x);
    PipelineFlip answer;
    if (support.empty()) {
        // psi rounds to zero: the target ties the competitor at every distance.
        if (strict || from_distance > max_distance) return answer;
        answer.distance = from_distance;
        answer.query_position = from_distance;
        return answer;
    }
    // Distances below the proven bound cannot flip; the scan starts at the bound.
    const std::int64_t start = std::max(from_distance, first_possible_flip(pipeline, x, max_position));
    answer.first_distance_scanned = start;
    if (start > max_distance) return answer;
    if (static_cast<double>(max_distance - start + 1) * static_cast<double>(max_position) > max_pairs)
        throw InvalidInput("distances x positions to scan above 2^34: narrow --max-distance or --context");
    const detail::RotatedPositions track(pipeline, x, support, 0, max_position);
    // A positive float32 accumulator rounds to a positive dtype value unless it
    // underflows; anything at or below this is rounded exactly.
    const auto f = numeric::parameters_of(pipeline.score_format());
    const double tiny = std::ldexp(1.0, f.min_exponent);

    // The least flipping distance, each distance one block (its query positions
    // scanned in order, so the least position): scan_engine.hpp.
    struct Flip {
        std::int64_t distance, query_position;
        float score;
    };
    const auto flip = sweep::first_event<Flip>(
        sweep::BlockPlan(start, max_distance, 1), sweep::scan_threads(), 8,
        [&](std::int64_t r, std::int64_t) -> std::optional<Flip> {
            for (std::int64_t i = r; i <= max_position; ++i) {
                const float acc = rope::InferencePipeline::accumulate(track.at(i), track.at(i - r));
                if (static_cast<double>(acc) > tiny) continue;
                const float s = pipeline.round_score(acc);
                if (strict ? s < 0 : s <= 0) return Flip{r, i, s};
            }
            return std::nullopt;
        });
    if (flip) {
        answer.distance = flip->distance;
        answer.query_position = flip->query_position;
        answer.score = flip->score;
    }
    return answer;
}

}  // namespace ropecheck::probes
