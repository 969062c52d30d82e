// Pipeline variants against an independent re-derivation: every step of every
// preset (and of random per-step variants) spelled out by hand with raw MPFR at
// the step's format, subnormals and overflow included; the parsing of names and
// the formats a step refuses; and the default variant as the pipeline itself.
#include <boost/test/unit_test.hpp>

#include <mpfr.h>

#include <cmath>
#include <random>
#include <vector>

#include "ropecheck/numeric/invalid_input.hpp"
#include "ropecheck/numeric/precision_guard.hpp"
#include "ropecheck/rope/inference_pipeline.hpp"
#include "ropecheck/rope/pipeline_variant.hpp"

using namespace ropecheck;
using numeric::IeeeFormat;
using rope::FrequencySchedule;
using rope::InferencePipeline;
using rope::PipelineStep;
using rope::PipelineVariant;

namespace {

// A format by its own numbers (not numeric::parameters_of): significand bits,
// the least normal exponent and the largest exponent, as IEEE 754 states them.
struct Format {
    int bits, min_exponent, max_exponent;
};
Format format_of(IeeeFormat f) {
    switch (f) {
        case IeeeFormat::binary16: return {11, -14, 15};
        case IeeeFormat::bfloat16: return {8, -126, 127};
        default: return {24, -126, 127};
    }
}
constexpr Format tf32{11, -126, 127};

// A value of a format: MPFR at its precision, each operation rounded to nearest
// within the format's exponent range (mpfr_check_range, then mpfr_subnormalize).
class Value {
public:
    explicit Value(Format f) : f_(f) { mpfr_init2(v_, f.bits); }
    ~Value() { mpfr_clear(v_); }
    Value(const Value&) = delete;
    Value& operator=(const Value&) = delete;
    template <class Op>
    Value& set(Op op) {
        const mpfr_exp_t emin = mpfr_get_emin(), emax = mpfr_get_emax();
        mpfr_set_emin(f_.min_exponent - f_.bits + 2);
        mpfr_set_emax(f_.max_exponent + 1);
        int t = op(v_);
        t = mpfr_check_range(v_, t, MPFR_RNDN);
        mpfr_subnormalize(v_, t, MPFR_RNDN);
        mpfr_set_emin(emin);
        mpfr_set_emax(emax);
        return *this;
    }
    Value& from(double x) {
        return set([&](mpfr_ptr r) { return mpfr_set_d(r, x, MPFR_RNDN); });
    }
    mpfr_srcptr get() const { return v_; }
    double d() const { return mpfr_get_d(v_, MPFR_RNDN); }

private:
    Format f_;
    mpfr_t v_;
};

struct ByHand {
    double position, angle, cos_table, sin_table, h0, h1;
};

// One pair of the variant's pipeline, every step by hand.
ByHand by_hand(const PipelineVariant& v, IeeeFormat dtype, float inv32, float factor, std::int64_t position,
               double x0, double x1) {
    Value p(format_of(v.positions)), g(format_of(v.inv_freq));
    p.from(static_cast<double>(position));
    g.from(static_cast<double>(inv32));
    Value pa(v.angle.tf32_inputs ? tf32 : Format{53, -1022, 1023}), ga(v.angle.tf32_inputs ? tf32 : Format{53, -1022, 1023});
    pa.from(p.d());
    ga.from(g.d());
    Value angle(format_of(v.angle.result));
    angle.set([&](mpfr_ptr r) { return mpfr_mul(r, pa.get(), ga.get(), MPFR_RNDN); });
    const Format t = format_of(v.table);
    Value c(t), s(t);
    c.set([&](mpfr_ptr r) { return mpfr_cos(r, angle.get(), MPFR_RNDN); });
    s.set([&](mpfr_ptr r) { return mpfr_sin(r, angle.get(), MPFR_RNDN); });
    if (factor != 1.0F) {
        const double cv = c.d(), sv = s.d();
        c.set([&](mpfr_ptr r) { return mpfr_mul_d(r, Value(t).from(cv).get(), static_cast<double>(factor), MPFR_RNDN); });
        s.set([&](mpfr_ptr r) { return mpfr_mul_d(r, Value(t).from(sv).get(), static_cast<double>(factor), MPFR_RNDN); });
    }
    const Format d = format_of(dtype);
    Value cd(d), sd(d), a(d), b(d), e(d), f(d), h0(d), h1(d);
    cd.from(c.d());
    sd.from(s.d());
    a.set([&](mpfr_ptr r) { return mpfr_mul_d(r, cd.get(), x0, MPFR_RNDN); });
    b.set([&](mpfr_ptr r) { return mpfr_mul_d(r, sd.get(), x1, MPFR_RNDN); });
    e.set([&](mpfr_ptr r) { return mpfr_mul_d(r, sd.get(), x0, MPFR_RNDN); });
    f.set([&](mpfr_ptr r) { return mpfr_mul_d(r, cd.get(), x1, MPFR_RNDN); });
    h0.set([&](mpfr_ptr r) { return mpfr_sub(r, a.get(), b.get(), MPFR_RNDN); });
    h1.set([&](mpfr_ptr r) { return mpfr_add(r, e.get(), f.get(), MPFR_RNDN); });
    return {p.d(), angle.d(), cd.d(), sd.d(), h0.d(), h1.d()};
}

// The intended pipeline with one step in another format.
PipelineVariant one_step(PipelineStep step, const std::string& format) {
    PipelineVariant v;
    rope::set_step_format(v, step, format, "--test");
    return v;
}

double dtype_value(IeeeFormat f, double x) { return Value(format_of(f)).from(x).d(); }

void check_variant(const PipelineVariant& v, const FrequencySchedule& schedule, std::mt19937_64& rng,
                   const std::vector<std::int64_t>& positions) {
    std::normal_distribution<double> normal;
    for (IeeeFormat dtype : {IeeeFormat::bfloat16, IeeeFormat::binary16, IeeeFormat::binary32}) {
        const InferencePipeline pipeline(schedule, dtype, v);
        const InferencePipeline intended(schedule, dtype);
        for (std::int64_t position : positions) {
            if (position > pipeline.max_position()) continue;
            std::vector<float> x;
            for (int i = 0; i < schedule.head_dim(); ++i) x.push_back(static_cast<float>(dtype_value(dtype, normal(rng))));
            const auto rotated = pipeline.rotate(x, position);
            const auto table = pipeline.rotation(position);
            for (int k = 0; k < schedule.pairs(); ++k) {
                const auto kk = static_cast<std::size_t>(k);
                const ByHand h = by_hand(v, dtype, intended.inverse_frequencies()[kk], pipeline.attention_factor(),
                                         position, x[2 * kk], x[2 * kk + 1]);
                BOOST_TEST_CONTEXT(rope::describe(v, dtype) << " position " << position << " pair " << k + 1) {
                    BOOST_TEST(static_cast<double>(pipeline.stored_position(position)) == h.position);
                    BOOST_TEST(static_cast<double>(pipeline.angle(k, position)) == h.angle);
                    BOOST_TEST(static_cast<double>(table.cos[kk]) == h.cos_table);
                    BOOST_TEST(static_cast<double>(table.sin[kk]) == h.sin_table);
                    BOOST_TEST(static_cast<double>(rotated[2 * kk]) == h.h0);
                    BOOST_TEST(static_cast<double>(rotated[2 * kk + 1]) == h.h1);
                }
            }
        }
    }
}

}  // namespace

BOOST_AUTO_TEST_SUITE(pipeline_variant)

BOOST_AUTO_TEST_CASE(every_preset_step_matches_a_hand_derivation) {
    numeric::PrecisionGuard guard(128);
    std::mt19937_64 rng(20261201);
    const auto schedule = FrequencySchedule::rope("10000", 8);
    const std::vector<std::int64_t> positions{0, 1, 44, 257, 710, 2049, 15962, 65519, 131071, 1234567};
    for (const auto& preset : rope::variant_presets()) check_variant(preset.variant, schedule, rng, positions);
}

BOOST_AUTO_TEST_CASE(random_per_step_variants_match_a_hand_derivation) {
    numeric::PrecisionGuard guard(128);
    std::mt19937_64 rng(20261202);
    const std::vector<std::string> formats{"float32", "bfloat16", "float16"};
    const auto schedule = FrequencySchedule::rope("500000", 6);
    for (int trial = 0; trial < 12; ++trial) {
        PipelineVariant v;
        for (PipelineStep step : {PipelineStep::positions, PipelineStep::inv_freq, PipelineStep::table}) {
            const std::string f = formats[rng() % 3];
            rope::set_step_format(v, step, f, "--test");
        }
        rope::set_step_format(v, PipelineStep::angle, trial % 4 == 0 ? std::string("tf32") : formats[rng() % 3], "--test");
        check_variant(v, schedule, rng, {3, 300, 3001, 30011});
    }
}

// The attention factor (YaRN) multiplies the table in the table's format.
BOOST_AUTO_TEST_CASE(attention_factor_in_the_table_format) {
    numeric::PrecisionGuard guard(128);
    rope::Scaling yarn;
    yarn.type = rope::ScalingType::yarn;
    yarn.factor = "4";
    yarn.original_max_position_embeddings = 32768;
    const auto schedule = FrequencySchedule::rope("1000000", 4).with_scaling(yarn);
    std::mt19937_64 rng(20261203);
    for (const char* preset : {"default", "half-cache", "autocast-bf16"})
        check_variant(rope::parse_variant(preset), schedule, rng, {5, 4099, 40009});
}

// A float16 table below float16's least normal number 2^-14: cos of a float32
// angle within 2^-14 of pi/2 + k pi rounds to a float16 subnormal (or zero).
BOOST_AUTO_TEST_CASE(float16_table_subnormals) {
    numeric::PrecisionGuard guard(128);
    std::int64_t position = 0;
    for (std::int64_t p = 1; p < 2'000'000 && position == 0; ++p)
        if (std::abs(std::cos(static_cast<double>(static_cast<float>(p)))) < 0x1p-15) position = p;
    BOOST_TEST_REQUIRE(position > 0);
    const PipelineVariant v = one_step(PipelineStep::table, "float16");
    const auto schedule = FrequencySchedule::rope("10000", 2);  // one pair, inv_freq 1
    std::mt19937_64 rng(20261204);
    check_variant(v, schedule, rng, {position});
    const InferencePipeline pipeline(schedule, IeeeFormat::binary32, v);
    const float c = pipeline.rotation(position).cos[0];
    BOOST_TEST(std::abs(c) < 0x1p-14F);
    BOOST_TEST_MESSAGE("float16 table cos at position " << position << " = " << c);
}

BOOST_AUTO_TEST_CASE(float16_positions_overflow_above_65519) {
    numeric::PrecisionGuard guard(128);
    const auto schedule = FrequencySchedule::rope("10000", 4);
    const InferencePipeline pipeline(schedule, IeeeFormat::bfloat16, one_step(PipelineStep::positions, "float16"));
    BOOST_TEST(pipeline.max_position() == 65519);  // 65520 is the tie above 65504, to even: infinity
    BOOST_TEST(pipeline.stored_position(65519) == 65504.0F);
    BOOST_CHECK_THROW(pipeline.rotation(65520), InvalidInput);
    const InferencePipeline half(schedule, IeeeFormat::bfloat16, rope::parse_variant("half-cache"));
    BOOST_TEST(half.max_position() == 65519);
    // A float16 angle of float32 positions: inv_freq 1 (pair 1) overflows at the same
    // position (the search over the angle); with inv_freq 1/2 only (pair 1 removed by
    // reversed p-RoPE), at twice it.
    const PipelineVariant angle = one_step(PipelineStep::angle, "float16");
    BOOST_TEST(InferencePipeline(schedule, IeeeFormat::bfloat16, angle).max_position() == 65519);
    const auto low = FrequencySchedule(rope::RotaryKind::reversed_p_rope, "4", 4, numeric::ExactFraction{1, 2});
    const InferencePipeline low_angle(low, IeeeFormat::bfloat16, angle);
    BOOST_TEST(low_angle.inverse_frequencies()[1] == 0.5F);
    BOOST_TEST(low_angle.max_position() == 2 * 65519 + 1);  // 131039 * 0.5 = 65519.5 < 65520
    BOOST_TEST(InferencePipeline(schedule, IeeeFormat::bfloat16).max_position() == std::int64_t{1} << 53);
}

// The slips' headline numbers, each derived from the format alone.
BOOST_AUTO_TEST_CASE(preset_positions_round_as_reported) {
    numeric::PrecisionGuard guard(128);
    const auto schedule = FrequencySchedule::rope("10000", 4);
    const InferencePipeline bf16(schedule, IeeeFormat::bfloat16, rope::parse_variant("positions-bf16"));
    BOOST_TEST(bf16.stored_position(256) == 256.0F);
    BOOST_TEST(bf16.stored_position(257) == 256.0F);      // exact up to 256 only
    BOOST_TEST(bf16.stored_position(15962) == 15936.0F);  // candle #3520
    const InferencePipeline tf(schedule, IeeeFormat::bfloat16, rope::parse_variant("tf32-angles"));
    BOOST_TEST(tf.angle(0, 2048) == 2048.0F);
    BOOST_TEST(tf.angle(0, 2049) == 2048.0F);  // TF32 keeps 11 bits: positions above 2048 round
}

BOOST_AUTO_TEST_CASE(names_and_refused_formats) {
    BOOST_TEST(rope::variant_presets().front().name == "default");
    BOOST_TEST(rope::variant_presets().size() == 6U);
    for (const auto& p : rope::variant_presets()) {
        BOOST_TEST(rope::variant_name(rope::parse_variant(p.name)) == p.name);
        BOOST_TEST(!p.models.empty());
    }
    BOOST_TEST((rope::parse_variant("default") == PipelineVariant{}));
    const auto message = [](auto f) {
        try {
            f();
        } catch (const InvalidInput& e) {
            return std::string(e.what());
        }
        return std::string("no error");
    };
    BOOST_TEST(message([] { rope::parse_variant("bf16-everything"); }).find("--variant bf16-everything") == 0U);
    PipelineVariant v;
    BOOST_TEST(message([&] { rope::set_step_format(v, PipelineStep::table, "tf32", "--table-dtype"); })
                   .find("--table-dtype tf32") == 0U);
    BOOST_TEST(message([&] { rope::set_step_format(v, PipelineStep::positions, "float64", "--positions-dtype"); })
                   .find("--positions-dtype float64") == 0U);
    BOOST_TEST(message([&] { rope::set_step_format(v, PipelineStep::accumulation, "bfloat16", "--accumulation-dtype"); })
                   .find("--accumulation-dtype bfloat16") == 0U);
    BOOST_TEST(message([&] { rope::set_step_format(v, PipelineStep::angle, "int8", "--angle-dtype"); })
                   .find("--angle-dtype int8") == 0U);
    rope::set_step_format(v, PipelineStep::angle, "tf32", "--angle-dtype");
    BOOST_TEST(rope::variant_name(v) == "tf32-angles");
    rope::set_step_format(v, PipelineStep::score, "float32", "--score-dtype");
    BOOST_TEST(rope::variant_name(v) == "custom");
    BOOST_TEST(rope::describe(v, IeeeFormat::bfloat16) ==
               "positions float32, inv_freq float32, angle tf32, table float32, rotation bfloat16, accumulation "
               "float32, score float32");
}

// The score step: rounded to the variant's format instead of the dtype.
BOOST_AUTO_TEST_CASE(score_format_rounds_the_accumulator) {
    numeric::PrecisionGuard guard(128);
    const auto schedule = FrequencySchedule::rope("10000", 2);
    const InferencePipeline wide(schedule, IeeeFormat::bfloat16, one_step(PipelineStep::score, "float32"));
    const InferencePipeline intended(schedule, IeeeFormat::bfloat16);
    const float acc = 1.0F + std::ldexp(1.0F, -12);
    BOOST_TEST(wide.round_score(acc) == acc);
    BOOST_TEST(intended.round_score(acc) == 1.0F);
}

BOOST_AUTO_TEST_SUITE_END()
