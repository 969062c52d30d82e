// Context-extension schedules against the worked values of
// docs/rope-scaling.md, "Worked values" (computed independently in double) and
// values derived by hand here. Certified enclosures (128 bits) must contain
// each value to the digits given (a relative tolerance of half a unit in the
// last printed digit, never looser than 1e-15 for 16-17 digit values).
#include <boost/test/unit_test.hpp>

#include <string>

#include "ropecheck/numeric/certainty.hpp"
#include "ropecheck/numeric/invalid_input.hpp"
#include "ropecheck/numeric/precision_guard.hpp"
#include "ropecheck/rope/frequency_schedule.hpp"

using namespace ropecheck;
using numeric::interval;
using rope::FrequencySchedule;
using rope::Scaling;
using rope::ScalingType;

namespace {

// |x - value| <= tolerance * |value| for the enclosure x (both ends).
bool close(const interval& x, const std::string& value, double tolerance) {
    const interval v = numeric::enclose_decimal(value);
    const interval diff = (x - v) / v;
    return numeric::upper_bound(diff) <= tolerance && numeric::lower_bound(diff) >= -tolerance;
}

Scaling llama3(const char* factor, long l0) {
    Scaling s;
    s.type = ScalingType::llama3;
    s.factor = std::string(factor);
    s.low_freq_factor = std::string("1");
    s.high_freq_factor = std::string("4");
    s.original_max_position_embeddings = l0;
    return s;
}

Scaling yarn(const char* factor, long l0) {
    Scaling s;
    s.type = ScalingType::yarn;
    s.factor = std::string(factor);
    s.original_max_position_embeddings = l0;
    return s;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(scaling)

BOOST_AUTO_TEST_CASE(llama_3_1_worked_values) {
    numeric::PrecisionGuard guard(128);
    const auto s = FrequencySchedule::rope("500000", 128).with_scaling(llama3("8", 8192));
    const auto w = s.frequencies<interval>();
    BOOST_TEST(close(w[0], "1.0", 1e-30));
    BOOST_TEST(close(w[63], "3.068925988914511e-07", 1e-15));
    BOOST_TEST(close(w[29], "0.002166570763503359", 1e-15));
    BOOST_TEST(close(w[32], "0.0005248461609929547", 1e-15));
    BOOST_TEST(close(w[34], "0.00017850781276799638", 1e-15));
    // Bands: 0-28 kept, 29-34 blended, 35-63 divided by 8.
    const auto unscaled = FrequencySchedule::rope("500000", 128).frequencies<interval>();
    BOOST_TEST((numeric::is_equal(w[28], unscaled[28]) != numeric::Certainty::certainly_not));
    BOOST_TEST(numeric::overlaps(w[35], unscaled[35] / interval(8)));
    BOOST_TEST(close(s.attention_factor<interval>(), "1", 0));
}

BOOST_AUTO_TEST_CASE(llama_3_2_lowest_frequency) {
    numeric::PrecisionGuard guard(128);
    const auto w = FrequencySchedule::rope("500000", 64).with_scaling(llama3("32", 8192)).frequencies<interval>();
    BOOST_TEST(close(w[31], "9.418306725434909e-08", 1e-15));
}

BOOST_AUTO_TEST_CASE(yarn_worked_values) {
    numeric::PrecisionGuard guard(128);
    // Qwen2.5-7B documented setting: d = 128, theta = 1e6, L0 = 32768, s = 4 -> range [23, 40].
    const auto qwen = FrequencySchedule::rope("1000000", 128).with_scaling(yarn("4", 32768));
    const auto w = qwen.frequencies<interval>();
    BOOST_TEST(close(w[31], "0.0008029597275452302", 1e-15));
    BOOST_TEST(close(w[40], "4.445698525097307e-05", 1e-15));
    BOOST_TEST(close(qwen.attention_factor<interval>(), "1.138629436111989", 1e-15));
    // DeepSeek-V3: d = 64, theta = 1e4, L0 = 4096, s = 40 -> [10, 23]; omega'_16 = 0.0055 exactly.
    auto deepseek = yarn("40", 4096);
    deepseek.mscale = "1.0";
    deepseek.mscale_all_dim = "1.0";
    const auto ds = FrequencySchedule::rope("10000", 64).with_scaling(deepseek);
    BOOST_TEST(close(ds.frequencies<interval>()[16], "0.0055", 1e-30));
    BOOST_TEST(close(ds.attention_factor<interval>(), "1", 1e-30));
    deepseek.truncate = false;
    const auto raw = FrequencySchedule::rope("10000", 64).with_scaling(deepseek);
    BOOST_TEST(close(raw.frequencies<interval>()[16], "0.005524062977468265", 1e-15));
    // transformers' default LlamaConfig, s = 10, L0 = 2048: range [16, 41]; snapshot values (5 digits).
    const auto llama_default = FrequencySchedule::rope("10000", 128).with_scaling(yarn("10", 2048)).frequencies<interval>();
    BOOST_TEST(close(llama_default[17], "8.3479e-02", 5e-5));
    BOOST_TEST(close(llama_default[20], "4.8136e-02", 5e-5));
    BOOST_TEST(close(llama_default[41], "2.7384e-04", 5e-5));
    BOOST_TEST(close(llama_default[42], "2.3714e-04", 5e-5));
    // Default attention factors 0.1 ln s + 1.
    BOOST_TEST(close(FrequencySchedule::rope("10000", 64).with_scaling(yarn("32", 4096)).attention_factor<interval>(),
                     "1.3465735902799727", 1e-15));
}

BOOST_AUTO_TEST_CASE(dynamic_ntk_snapshot) {
    numeric::PrecisionGuard guard(128);
    Scaling s;
    s.type = ScalingType::dynamic;
    s.factor = "10";
    s.max_position_embeddings = 2048;
    s.sequence_length = 16384;
    const auto w = FrequencySchedule::rope("10000", 128).with_scaling(s).frequencies<interval>();
    BOOST_TEST(close(w[1], "8.0931e-01", 5e-5));
    BOOST_TEST(close(w[3], "5.3008e-01", 5e-5));
    BOOST_TEST(close(w[63], "1.6265e-06", 5e-5));
    BOOST_TEST(close(w[0], "1", 1e-30));
    // Hand-derived: theta' = 10^4 * (10 * 16384 / 2048 - 9)^(128/126) = 759702.2311480093;
    // omega'_63 = theta'^(-126/128).
    const interval theta_prime = interval(10000) * pow(interval(71), interval(128) / interval(126));
    BOOST_TEST(close(theta_prime, "759702.2311480093", 1e-15));
    BOOST_TEST(numeric::overlaps(w[63], pow(theta_prime, -interval(126) / interval(128))));
    s.sequence_length = 1000;  // below L: unchanged
    const auto unchanged = FrequencySchedule::rope("10000", 128).with_scaling(s).frequencies<interval>();
    BOOST_TEST(numeric::overlaps(unchanged[63], FrequencySchedule::rope("10000", 128).frequencies<interval>()[63]));
}

BOOST_AUTO_TEST_CASE(linear_longrope_partial_and_gemma3) {
    numeric::PrecisionGuard guard(128);
    Scaling linear;
    linear.type = ScalingType::linear;
    linear.factor = "8";
    const auto gemma3 = FrequencySchedule::rope("1000000", 256).with_scaling(linear).frequencies<interval>();
    BOOST_TEST(close(gemma3[127], "1.3924673249935028e-07", 1e-15));
    // NeoX partial rotary: d_h = 128, rotary_pct = 0.25 -> 16 pairs, omega_15 = 10000^(-30/32).
    const auto neox = FrequencySchedule(rope::RotaryKind::neox_partial, "10000", 128, numeric::ExactFraction{1, 4});
    BOOST_TEST(close(neox.frequencies<interval>()[15], "0.00017782794100389227", 1e-15));
    // LongRoPE: Phi-3-mini-128k attention factor sqrt(1 + ln 32 / ln 4096) in both regimes.
    Scaling longrope;
    longrope.type = ScalingType::longrope;
    longrope.original_max_position_embeddings = 4096;
    longrope.max_position_embeddings = 131072;
    longrope.short_factor.assign(48, "1");
    longrope.long_factor.assign(48, "2");
    for (long n : {1000L, 100000L}) {
        longrope.sequence_length = n;
        const auto phi = FrequencySchedule::rope("10000", 96).with_scaling(longrope);
        BOOST_TEST(close(phi.attention_factor<interval>(), "1.1902380714238083", 1e-15));
        const auto w = phi.frequencies<interval>();
        const auto base = FrequencySchedule::rope("10000", 96).frequencies<interval>();
        BOOST_TEST(numeric::overlaps(w[10], base[10] / interval(n > 4096 ? 2 : 1)));
    }
}

BOOST_AUTO_TEST_CASE(bad_parameters_name_the_parameter) {
    const auto base = FrequencySchedule::rope("500000", 128);
    auto message = [&](Scaling s) {
        try {
            base.with_scaling(std::move(s));
        } catch (const InvalidInput& e) {
            return std::string(e.what());
        }
        return std::string("no error");
    };
    auto swapped = llama3("8", 8192);
    swapped.low_freq_factor = "4";
    swapped.high_freq_factor = "1";
    BOOST_TEST(message(swapped).find("--low-freq-factor") != std::string::npos);
    BOOST_TEST(message(llama3("0.5", 8192)).find("--factor") != std::string::npos);
    BOOST_TEST(message(llama3("8", 0)).find("--original-max-position-embeddings") != std::string::npos);
    auto missing = llama3("8", 8192);
    missing.high_freq_factor.clear();
    BOOST_TEST(message(missing).find("--high-freq-factor") != std::string::npos);
    Scaling longrope;
    longrope.type = ScalingType::longrope;
    longrope.original_max_position_embeddings = 4096;
    longrope.factor = "32";
    longrope.short_factor.assign(3, "1");
    longrope.long_factor.assign(64, "1");
    BOOST_TEST(message(longrope).find("--short-factor") != std::string::npos);
    BOOST_CHECK_THROW(rope::parse_scaling_type("ntk-by-parts"), InvalidInput);
    BOOST_TEST((rope::parse_scaling_type("su") == ScalingType::longrope));
}

BOOST_AUTO_TEST_SUITE_END()
