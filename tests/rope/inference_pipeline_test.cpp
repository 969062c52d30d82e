// The inference pipeline against independent re-derivations: each step spelled
// out by hand with MPFR at the format's precision, the float accumulator
// against numeric::float32, the dtype roundings at hand-picked ties, the
// attention factor, and the accuracy of the whole pipeline against the exact
// kernel (within a stated error bound) — plus the one property exact RoPE has
// and the pipeline loses: translation invariance.
#include <boost/test/unit_test.hpp>

#include <cmath>
#include <random>
#include <vector>

#include "ropecheck/numeric/invalid_input.hpp"
#include "ropecheck/numeric/precision_guard.hpp"
#include "ropecheck/rope/inference_pipeline.hpp"
#include "ropecheck/rope/kernel.hpp"

using namespace ropecheck;
using numeric::IeeeFormat;
using numeric::real;
using rope::FrequencySchedule;
using rope::InferencePipeline;

namespace {

constexpr std::uint64_t seed = 20241125;

// A number held at an exact MPFR precision, operated on by raw MPFR calls
// (Boost's mixed-precision rules are deliberately kept out of the reference).
class Exact {
public:
    explicit Exact(int bits) { mpfr_init2(v_, bits); }
    Exact(int bits, double x) : Exact(bits) { mpfr_set_d(v_, x, MPFR_RNDN); }
    ~Exact() { mpfr_clear(v_); }
    Exact(const Exact&) = delete;
    Exact& operator=(const Exact&) = delete;
    mpfr_ptr get() { return v_; }
    mpfr_srcptr get() const { return v_; }
    double to_double() const { return mpfr_get_d(v_, MPFR_RNDN); }

private:
    mpfr_t v_;
};

// One pair rotated by hand: every step rounded by MPFR to the step's
// precision (no subnormals or overflow occur for these inputs).
std::pair<double, double> rotate_pair_by_hand(float inv, std::int64_t position, double x0, double x1, int dtype_bits) {
    Exact angle(24), c(24), s(24), cd(dtype_bits), sd(dtype_bits);
    mpfr_set_d(angle.get(), static_cast<double>(static_cast<float>(position)), MPFR_RNDN);
    mpfr_mul_d(angle.get(), angle.get(), static_cast<double>(inv), MPFR_RNDN);
    mpfr_cos(c.get(), angle.get(), MPFR_RNDN);
    mpfr_sin(s.get(), angle.get(), MPFR_RNDN);
    mpfr_set(cd.get(), c.get(), MPFR_RNDN);
    mpfr_set(sd.get(), s.get(), MPFR_RNDN);
    Exact a(dtype_bits), b(dtype_bits), e(dtype_bits), f(dtype_bits), h0(dtype_bits), h1(dtype_bits);
    mpfr_mul_d(a.get(), cd.get(), x0, MPFR_RNDN);
    mpfr_mul_d(b.get(), sd.get(), x1, MPFR_RNDN);
    mpfr_mul_d(e.get(), sd.get(), x0, MPFR_RNDN);
    mpfr_mul_d(f.get(), cd.get(), x1, MPFR_RNDN);
    mpfr_sub(h0.get(), a.get(), b.get(), MPFR_RNDN);
    mpfr_add(h1.get(), e.get(), f.get(), MPFR_RNDN);
    return {h0.to_double(), h1.to_double()};
}

std::vector<double> gaussian(std::mt19937_64& rng, int n) {
    std::normal_distribution<double> normal;
    std::vector<double> v(static_cast<std::size_t>(n));
    for (auto& x : v) x = normal(rng);
    return v;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(inference_pipeline)

BOOST_AUTO_TEST_CASE(each_step_matches_a_hand_derivation) {
    numeric::PrecisionGuard guard(128);
    const auto schedule = FrequencySchedule::rope("10000", 8);
    std::mt19937_64 rng(seed);
    for (auto [dtype, bits] : {std::pair{IeeeFormat::bfloat16, 8}, {IeeeFormat::binary16, 11}, {IeeeFormat::binary32, 24}}) {
        const InferencePipeline pipeline(schedule, dtype);
        for (std::int64_t position : {std::int64_t{1}, std::int64_t{44}, std::int64_t{710}, std::int64_t{123457}}) {
            const auto x = pipeline.to_dtype(std::vector<double>(gaussian(rng, 8)));
            const auto rotated = pipeline.rotate(x, position);
            for (int k = 0; k < 4; ++k) {
                const auto [h0, h1] = rotate_pair_by_hand(pipeline.inverse_frequencies()[static_cast<std::size_t>(k)], position,
                                                          x[2 * k], x[2 * k + 1], bits);
                BOOST_TEST_CONTEXT(numeric::to_string(dtype) << " position " << position << " pair " << k + 1) {
                    BOOST_TEST(static_cast<double>(rotated[2 * k]) == h0);
                    BOOST_TEST(static_cast<double>(rotated[2 * k + 1]) == h1);
                }
            }
        }
    }
}

BOOST_AUTO_TEST_CASE(float32_inverse_frequency_is_the_float32_formula) {
    numeric::PrecisionGuard guard(128);
    const auto schedule = FrequencySchedule::rope("500000", 128);
    for (int k : {0, 1, 31, 63}) {
        // 1 / 500000^(2k/128) with each step rounded to float32, by hand.
        Exact exponent(24, 2.0 * k), base(24, 500000), p(24), inv(24);
        mpfr_div_ui(exponent.get(), exponent.get(), 128, MPFR_RNDN);
        mpfr_pow(p.get(), base.get(), exponent.get(), MPFR_RNDN);
        mpfr_ui_div(inv.get(), 1, p.get(), MPFR_RNDN);
        const double expected = inv.to_double();
        BOOST_TEST(static_cast<double>(rope::float32_inverse_frequency(schedule, k)) == expected);
    }
    BOOST_TEST(rope::float32_inverse_frequency(schedule, 0) == 1.0F);
}

BOOST_AUTO_TEST_CASE(accumulator_is_ieee_binary32) {
    numeric::PrecisionGuard guard(128);
    std::mt19937_64 rng(seed + 1);
    for (int trial = 0; trial < 20; ++trial) {
        const auto a = gaussian(rng, 64), b = gaussian(rng, 64);
        std::vector<float> af, bf;
        std::vector<numeric::float32> a32, b32;
        for (std::size_t i = 0; i < a.size(); ++i) {
            af.push_back(static_cast<float>(a[i]));
            bf.push_back(static_cast<float>(b[i]));
            a32.emplace_back(static_cast<double>(af.back()));
            b32.emplace_back(static_cast<double>(bf.back()));
        }
        const float fast = InferencePipeline::accumulate(af, bf);
        BOOST_TEST(static_cast<double>(fast) == rope::dot<numeric::float32>(a32, b32).to_double());
    }
}

BOOST_AUTO_TEST_CASE(dtype_roundings_at_ties) {
    numeric::PrecisionGuard guard(128);
    const auto schedule = FrequencySchedule::rope("10000", 2);
    const InferencePipeline bf16(schedule, IeeeFormat::bfloat16);
    const InferencePipeline f16(schedule, IeeeFormat::binary16);
    // bfloat16 keeps 8 significant bits: 1 + 2^-8 is a tie (to even: 1), 1 + 3 2^-8 rounds up.
    const std::vector<double> x{1 + std::ldexp(1.0, -8), 1 + 3 * std::ldexp(1.0, -8)};
    const auto b = bf16.to_dtype(x);
    BOOST_TEST(b[0] == 1.0F);
    BOOST_TEST(static_cast<double>(b[1]) == 1 + std::ldexp(1.0, -6));
    BOOST_TEST(bf16.round_score(1.0F + std::ldexp(1.0F, -9)) == 1.0F);
    // float16's largest finite value is 65504: 70000 overflows to infinity.
    BOOST_TEST(std::isinf(f16.round_score(70000.0F)));
    BOOST_CHECK_THROW(InferencePipeline(schedule, IeeeFormat::binary64), InvalidInput);
}

BOOST_AUTO_TEST_CASE(position_zero_and_unrotated_pairs_are_exact_identities) {
    numeric::PrecisionGuard guard(128);
    const auto p_rope = FrequencySchedule(rope::RotaryKind::p_rope, "10000", 8, numeric::ExactFraction{1, 2});
    const InferencePipeline pipeline(p_rope, IeeeFormat::bfloat16);
    std::mt19937_64 rng(seed + 2);
    const auto x = pipeline.to_dtype(std::vector<double>(gaussian(rng, 8)));
    BOOST_TEST(pipeline.rotate(x, 0) == x);
    const auto far = pipeline.rotate(x, 1'000'003);
    for (std::size_t i = 4; i < 8; ++i) BOOST_TEST(far[i] == x[i]);  // the removed lowest half
}

BOOST_AUTO_TEST_CASE(pairs_rotate_independently_so_skipping_zero_pairs_changes_nothing) {
    numeric::PrecisionGuard guard(128);
    const auto schedule = FrequencySchedule::rope("10000", 8);
    const InferencePipeline pipeline(schedule, IeeeFormat::bfloat16);
    std::mt19937_64 rng(seed + 3);
    const auto x = pipeline.to_dtype(std::vector<double>(gaussian(rng, 8)));
    const auto whole = pipeline.rotate(x, 9999);
    for (std::size_t k = 0; k < 4; ++k) {
        std::vector<float> only(8, 0.0F);
        only[2 * k] = x[2 * k];
        only[2 * k + 1] = x[2 * k + 1];
        const auto part = pipeline.rotate(only, 9999);
        BOOST_TEST(part[2 * k] == whole[2 * k]);
        BOOST_TEST(part[2 * k + 1] == whole[2 * k + 1]);
    }
}

BOOST_AUTO_TEST_CASE(rotation_table_and_unit_cosine_agree) {
    numeric::PrecisionGuard guard(128);
    const auto schedule = FrequencySchedule::rope("10000", 16);
    const InferencePipeline pipeline(schedule, IeeeFormat::bfloat16);
    const auto table = pipeline.rotation(44);
    for (int k = 0; k < 8; ++k)
        BOOST_TEST(static_cast<double>(table.cos[static_cast<std::size_t>(k)]) ==
                   pipeline.unit_cosine(k, 44).convert_to<double>());
    // 44 - 14 pi = -0.018: bfloat16 rounds cos(44) = 0.99983 to 1 (float-collision's answer).
    BOOST_TEST(table.cos[0] == 1.0F);
}

BOOST_AUTO_TEST_CASE(attention_factor_scales_cos_and_sin_before_the_cast) {
    numeric::PrecisionGuard guard(128);
    rope::Scaling yarn;
    yarn.type = rope::ScalingType::yarn;
    yarn.factor = "4";
    yarn.original_max_position_embeddings = 32768;
    const auto schedule = FrequencySchedule::rope("1000000", 8).with_scaling(yarn);
    const InferencePipeline pipeline(schedule, IeeeFormat::bfloat16);
    // 0.1 ln 4 + 1 = 1.1386..., float32 then bfloat16 (8 bits): 1.140625.
    BOOST_TEST(pipeline.attention_factor() > 1.13F);
    const auto table = pipeline.rotation(0);
    for (float c : table.cos) BOOST_TEST(static_cast<double>(c) == 1.140625);
    for (float s : table.sin) BOOST_TEST(s == 0.0F);
}

// |pipeline score - exact a(j - i) of the same dtype inputs| <= 16 u ||q|| ||k||,
// u the dtype's unit roundoff: a generous bound that a wrong sign, a wrong pair
// layout or a missing rounding step would exceed by orders of magnitude.
BOOST_AUTO_TEST_CASE(pipeline_tracks_the_exact_kernel_within_its_rounding) {
    numeric::PrecisionGuard guard(128);
    const auto schedule = FrequencySchedule::rope("10000", 64);
    std::mt19937_64 rng(seed + 4);
    for (auto [dtype, bits] : {std::pair{IeeeFormat::bfloat16, 8}, {IeeeFormat::binary16, 11}, {IeeeFormat::binary32, 24}}) {
        const InferencePipeline pipeline(schedule, dtype);
        std::vector<real> freqs;
        for (float g : pipeline.inverse_frequencies()) freqs.emplace_back(static_cast<double>(g));
        double worst = 0;
        for (int trial = 0; trial < 6; ++trial) {
            const auto q = pipeline.to_dtype(std::vector<double>(gaussian(rng, 64)));
            const auto k = pipeline.to_dtype(std::vector<double>(gaussian(rng, 64)));
            const std::int64_t i = 100 + 37 * trial, j = 17 * trial;
            const float s = pipeline.score(pipeline.rotate(q, i), pipeline.rotate(k, j));
            const std::vector<real> qr(q.begin(), q.end()), kr(k.begin(), k.end());
            const double exact = rope::activation<real>(qr, kr, freqs, j - i).convert_to<double>();
            const double qn = std::sqrt(rope::dot<real>(qr, qr).convert_to<double>());
            const double kn = std::sqrt(rope::dot<real>(kr, kr).convert_to<double>());
            const double relative = std::abs(static_cast<double>(s) - exact) / (qn * kn);
            worst = std::max(worst, relative);
            BOOST_TEST(relative <= 16 * std::ldexp(1.0, -bits), numeric::to_string(dtype) << " trial " << trial);
        }
        BOOST_TEST_MESSAGE(numeric::to_string(dtype) << ": worst |error| / (||q|| ||k||) = " << worst);
        // The rounding is real: the bfloat16 pipeline is not the exact kernel.
        if (dtype == IeeeFormat::bfloat16) BOOST_TEST(worst > std::ldexp(1.0, -16));
    }
}

// Exact RoPE depends on j - i only; the pipeline's roundings depend on i and j.
BOOST_AUTO_TEST_CASE(pipeline_is_not_translation_invariant) {
    numeric::PrecisionGuard guard(128);
    const auto schedule = FrequencySchedule::rope("10000", 16);
    const InferencePipeline pipeline(schedule, IeeeFormat::bfloat16);
    std::mt19937_64 rng(seed + 5);
    const auto q = pipeline.to_dtype(std::vector<double>(gaussian(rng, 16)));
    const auto k = pipeline.to_dtype(std::vector<double>(gaussian(rng, 16)));
    int differing = 0;
    const float base = pipeline.score(pipeline.rotate(q, 5), pipeline.rotate(k, 0));
    for (std::int64_t shift = 1; shift <= 20; ++shift)
        differing += pipeline.score(pipeline.rotate(q, 5 + shift), pipeline.rotate(k, shift)) != base ? 1 : 0;
    BOOST_TEST(differing > 0);
}

BOOST_AUTO_TEST_SUITE_END()
