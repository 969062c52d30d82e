// Frequencies, the input of every claim: plain RoPE, p-RoPE, reversed p-RoPE,
// NeoX partial rotary, and the five context-extension schedules, each from its
// definition in Arb against ropecheck's FrequencySchedule in MPFI. The scaled
// schedules are also pinned to the worked values of docs/rope-scaling.md.
#include <boost/test/unit_test.hpp>

#include <cmath>

#include "arb_rope.hpp"
#include "cross_check.hpp"
#include "ropecheck/numeric/precision_guard.hpp"
#include "ropecheck/rope/frequency_schedule.hpp"

using namespace ropecheck;
using namespace ropecheck::arbcheck;
using numeric::interval;
using rope::FrequencySchedule;
using rope::RotaryKind;

namespace {

constexpr const char* claim = "schedules (every claim)";

std::string at(const std::string& theta, int d, std::size_t k) {
    return "theta = " + theta + ", d = " + std::to_string(d) + ", k = " + std::to_string(k + 1);
}

void compare_all(const std::string& quantity, const std::string& where, const Balls& arb,
                 const std::vector<interval>& mpfi) {
    BOOST_REQUIRE_EQUAL(arb.size(), mpfi.size());
    for (std::size_t k = 0; k < arb.size(); ++k)
        expect_agree(claim, quantity, where + ", k = " + std::to_string(k + 1), arb[k], mpfi[k]);
}

// A double from docs/rope-scaling.md's worked values (python3, double precision):
// the certified ball must lie within `relative` of it.
void near_worked_value(const Ball& x, double worked, double relative, const std::string& what) {
    count_case(claim, "worked values of docs/rope-scaling.md");
    BOOST_TEST(std::abs(x.mid() - worked) <= relative * std::abs(worked), what << ": " << x.str() << " vs " << worked);
}

rope::Scaling scaling(rope::ScalingType type) {
    rope::Scaling s;
    s.type = type;
    return s;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(arb_frequencies)

BOOST_AUTO_TEST_CASE(rope_frequencies_agree) {
    numeric::PrecisionGuard guard(128);
    for (const std::string theta : {"10000", "500000", "1000000"})
        for (int d : {2, 8, 16, 64, 128, 256}) {
            const auto mpfi = FrequencySchedule::rope(theta, d).frequencies<interval>();
            const Balls arb = rope_frequencies(theta, d);
            for (std::size_t k = 0; k < arb.size(); ++k) expect_agree(claim, "g_k = theta^(-2(k-1)/d)", at(theta, d, k), arb[k], mpfi[k]);
        }
}

BOOST_AUTO_TEST_CASE(partial_schedules_agree) {
    numeric::PrecisionGuard guard(128);
    const std::vector<std::pair<std::string, std::pair<int, int>>> ps{
        {"0", {0, 1}}, {"0.25", {1, 4}}, {"0.5", {1, 2}}, {"0.75", {3, 4}}, {"1", {1, 1}}};
    for (const std::string theta : {"10000", "500000"})
        for (int d : {8, 64, 256})
            for (const auto& [text, frac] : ps) {
                const auto p = numeric::ExactFraction::parse_decimal(text, "p");
                const std::string where = "theta = " + theta + ", d = " + std::to_string(d) + ", p = " + text;
                compare_all("p-RoPE frequencies", where,
                            p_rope_frequencies(theta, d, frac.first, frac.second),
                            FrequencySchedule(RotaryKind::p_rope, theta, d, p).frequencies<interval>());
                compare_all("reversed p-RoPE frequencies", where,
                            reversed_p_rope_frequencies(theta, d, frac.first, frac.second),
                            FrequencySchedule(RotaryKind::reversed_p_rope, theta, d, p).frequencies<interval>());
                const std::int64_t rotary_dim = frac.first * d / frac.second;
                if (rotary_dim >= 2 && rotary_dim % 2 == 0)
                    compare_all("NeoX partial frequencies", where,
                                neox_partial_frequencies(theta, d, frac.first, frac.second),
                                FrequencySchedule(RotaryKind::neox_partial, theta, d, p).frequencies<interval>());
            }
}

BOOST_AUTO_TEST_CASE(linear_and_dynamic_agree) {
    numeric::PrecisionGuard guard(128);
    // Gemma 3 global layers: d = 256, theta = 1e6, linear factor 8.
    auto linear = scaling(rope::ScalingType::linear);
    linear.factor = "8";
    const Balls lin = linear_scaled("1000000", 256, "8");
    compare_all("linear scaled frequencies", "Gemma 3 global", lin,
                FrequencySchedule::rope("1000000", 256).with_scaling(linear).frequencies<interval>());
    near_worked_value(lin[127], 1.3924673249935028e-07, 1e-14, "Gemma 3 lowest scaled");

    // transformers' default LlamaConfig, dynamic NTK: s = 10, n = 16384, L = 2048.
    auto dynamic = scaling(rope::ScalingType::dynamic);
    dynamic.factor = "10";
    dynamic.max_position_embeddings = 2048;
    for (std::int64_t n : {1000, 2048, 16384}) {
        dynamic.sequence_length = n;
        const Balls dyn = dynamic_scaled("10000", 128, "10", 2048, n);
        compare_all("dynamic-NTK scaled frequencies", "d = 128, n = " + std::to_string(n), dyn,
                    FrequencySchedule::rope("10000", 128).with_scaling(dynamic).frequencies<interval>());
        if (n == 16384) {
            near_worked_value(dyn[1], 8.0931e-01, 1e-4, "dynamic omega'_1");
            near_worked_value(dyn[63], 1.6265e-06, 1e-4, "dynamic omega'_63");
        }
    }
}

BOOST_AUTO_TEST_CASE(yarn_agrees) {
    numeric::PrecisionGuard guard(128);
    struct Case {
        std::string name, theta;
        int d;
        YarnInputs in;
    };
    const std::vector<Case> cases{
        {"Qwen2.5-7B documented", "1000000", 128, {"4", 32768, "32", "1", true, "", ""}},
        {"DeepSeek-V3", "10000", 64, {"40", 4096, "32", "1", true, "1", "1"}},
        {"DeepSeek-V3 untruncated", "10000", 64, {"40", 4096, "32", "1", false, "", ""}},
        {"LlamaConfig default", "10000", 128, {"10", 2048, "32", "1", true, "", ""}},
    };
    for (const Case& c : cases) {
        auto y = scaling(rope::ScalingType::yarn);
        y.factor = c.in.factor;
        y.original_max_position_embeddings = c.in.original_max_position;
        y.truncate = c.in.truncate;
        y.mscale = c.in.mscale;
        y.mscale_all_dim = c.in.mscale_all_dim;
        const auto schedule = FrequencySchedule::rope(c.theta, c.d).with_scaling(y);
        const Scaled arb = yarn_scaled(c.theta, c.d, c.in);
        compare_all("YaRN scaled frequencies", c.name, arb.omega, schedule.frequencies<interval>());
        expect_agree(claim, "YaRN attention factor", c.name, arb.attention_factor, schedule.attention_factor<interval>());
        if (c.name == "Qwen2.5-7B documented") {
            near_worked_value(arb.omega[31], 0.0008029597275452302, 1e-14, "Qwen omega'_31");
            near_worked_value(arb.omega[40], 4.445698525097307e-05, 1e-14, "Qwen omega'_40");
            near_worked_value(arb.attention_factor, 1.138629436111989, 1e-14, "Qwen attention factor");
        }
        if (c.name == "DeepSeek-V3") {
            near_worked_value(arb.omega[16], 0.0055, 1e-14, "DeepSeek omega'_16");
            near_worked_value(arb.attention_factor, 1.0, 1e-15, "DeepSeek rotary factor");
        }
        if (c.name == "DeepSeek-V3 untruncated") near_worked_value(arb.omega[16], 0.005524062977468265, 1e-14, "omega'_16");
        if (c.name == "LlamaConfig default") near_worked_value(arb.omega[40], 4.3007e-04, 1e-4, "omega'_40");
    }
}

BOOST_AUTO_TEST_CASE(longrope_agrees) {
    numeric::PrecisionGuard guard(128);
    // Phi-3 style lengths (L0 = 4096, L = 131072: s = 32) on a d = 16 head with
    // made-up per-pair factors; both regimes.
    std::vector<std::string> short_f, long_f;
    for (int j = 0; j < 8; ++j) {
        short_f.push_back("1.0" + std::to_string(j));
        long_f.push_back(std::to_string(1 + 3 * j) + ".25");
    }
    for (std::int64_t n : {100, 8192}) {
        auto l = scaling(rope::ScalingType::longrope);
        l.short_factor = short_f;
        l.long_factor = long_f;
        l.original_max_position_embeddings = 4096;
        l.max_position_embeddings = 131072;
        l.sequence_length = n;
        const auto schedule = FrequencySchedule::rope("10000", 16).with_scaling(l);
        const Scaled arb = longrope_scaled("10000", 16, short_f, long_f, 4096, 131072, n);
        const std::string where = "d = 16, n = " + std::to_string(n);
        compare_all("LongRoPE scaled frequencies", where, arb.omega, schedule.frequencies<interval>());
        expect_agree(claim, "LongRoPE attention factor", where, arb.attention_factor,
                     schedule.attention_factor<interval>());
        near_worked_value(arb.attention_factor, 1.1902380714238083, 1e-14, "Phi-3 attention factor");
    }
}

BOOST_AUTO_TEST_CASE(llama3_agrees) {
    numeric::PrecisionGuard guard(128);
    for (const auto& [d, factor] : {std::pair{128, "8"}, std::pair{64, "32"}}) {
        auto l = scaling(rope::ScalingType::llama3);
        l.factor = factor;
        l.low_freq_factor = "1";
        l.high_freq_factor = "4";
        l.original_max_position_embeddings = 8192;
        const Balls arb = llama3_scaled("500000", d, factor, "1", "4", 8192);
        compare_all("llama3 scaled frequencies", "d = " + std::to_string(d),
                    arb, FrequencySchedule::rope("500000", d).with_scaling(l).frequencies<interval>());
        if (d == 128) {
            near_worked_value(arb[63], 3.068925988914511e-07, 1e-14, "Llama 3.1 omega'_63");
            near_worked_value(arb[29], 0.002166570763503359, 1e-14, "Llama 3.1 omega'_29");
            near_worked_value(arb[32], 0.0005248461609929547, 1e-14, "Llama 3.1 omega'_32");
        } else {
            near_worked_value(arb[31], 9.418306725434909e-08, 1e-14, "Llama 3.2 omega'_31");
        }
    }
}

// Self-tests: the two classic slips, each must be caught.
BOOST_AUTO_TEST_CASE(perturbed_frequencies_are_disjoint) {
    numeric::PrecisionGuard guard(128);
    // theta^(-2k/d) instead of theta^(-2(k-1)/d).
    for (int d : {8, 128}) {
        const auto mpfi = FrequencySchedule::rope("10000", d).frequencies<interval>();
        for (int k = 1; k <= d / 2; ++k)
            expect_disjoint("frequency (exponent -2k/d)", at("10000", d, static_cast<std::size_t>(k - 1)),
                            theta_power("10000", 2 * k, d), mpfi[static_cast<std::size_t>(k - 1)]);
    }
    // A scaled schedule off by one part in 10^7 in one input (llama3 low_freq_factor):
    // every blended pair must come out disjoint.
    auto l = scaling(rope::ScalingType::llama3);
    l.factor = "8";
    l.low_freq_factor = "1";
    l.high_freq_factor = "4";
    l.original_max_position_embeddings = 8192;
    const auto mpfi = FrequencySchedule::rope("500000", 128).with_scaling(l).frequencies<interval>();
    const Balls perturbed = llama3_scaled("500000", 128, "8", "1.0000001", "4", 8192);
    for (int j = 29; j <= 34; ++j)  // the blended pairs of Llama 3.1
        expect_disjoint("scaled frequency (llama3 alpha + 1e-7)", "pair " + std::to_string(j),
                        perturbed[static_cast<std::size_t>(j)], mpfi[static_cast<std::size_t>(j)]);
}

BOOST_AUTO_TEST_SUITE_END()
