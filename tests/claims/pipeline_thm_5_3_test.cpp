// pipeline-thm-5.3: the diagonal head is lost exactly at the collision distance of pair 1
// (re-derived in float_collision_test.cpp), with a tie at 64; every perturbation negative is
// refuted by the claim's own scan with the expected witness.
#include <boost/test/unit_test.hpp>

#include <cmath>
#include <map>
#include <optional>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "claim_test_support.hpp"
#include "ropecheck/numeric/certainty.hpp"
#include "ropecheck/numeric/ieee.hpp"
#include "ropecheck/numeric/number_concept.hpp"
#include "ropecheck/rope/pipeline_variant.hpp"

using ropecheck::core::json;
using ropecheck::test::expect_invalid;
using ropecheck::test::run_check;

BOOST_AUTO_TEST_SUITE(pipeline_thm_5_3)

namespace {

json diagonal(const char* dtype, int context) {
    return {{"head_dim", 64},         {"theta", "10000"},      {"dtype", dtype},
            {"frequency", 1},         {"context", context},    {"pinned_float32", 710},
            {"pinned_bfloat16", 44},  {"pinned_float16", 44}};
}

// The collision distances of pair 1 (see float_collision_test.cpp for their
// long double derivation from the continued fraction of 1/(2 pi)).
const std::vector<std::pair<const char*, int>> collisions{{"float32", 710}, {"bfloat16", 44}, {"float16", 44}};

}  // namespace

BOOST_AUTO_TEST_CASE(diagonal_is_lost_exactly_at_the_collision_distance_with_a_tie_at_64) {
    for (const auto& [dtype, rc] : collisions) {
        const auto r = run_check("pipeline-thm-5.3", diagonal(dtype, 1000));
        BOOST_TEST(to_string(r.verdict) == "certified", dtype);
        BOOST_TEST(r.evidence["lost_at_query_position"].get<int>() == rc);
        BOOST_TEST(r.evidence["rival_key_position"].get<int>() == 0);
        // Derived: both scores are exactly ||psi||^2 = 64, the rotated query's first coordinate is 8.
        BOOST_TEST(r.evidence["target_score"].get<std::string>() == "0x1p+6");
        BOOST_TEST(r.evidence["rival_score"].get<std::string>() == "0x1p+6");
        BOOST_TEST(r.evidence["rotated_query_at_loss"][0].get<std::string>() == "0x1p+3");
    }
}

BOOST_AUTO_TEST_CASE(diagonal_shifted_key_loses_at_query_1_key_0) {
    for (const char* dtype : {"float32", "bfloat16", "float16"}) {
        auto values = diagonal(dtype, 1000);
        values["control"] = "shifted-key";
        const auto r = run_check("pipeline-thm-5.3", values);
        BOOST_TEST(to_string(r.verdict) == "refuted", dtype);
        BOOST_REQUIRE(r.counterexample.has_value());
        BOOST_TEST(r.counterexample->replay["inputs"]["query_position"].get<int>() == 1);
        BOOST_TEST(r.counterexample->replay["inputs"]["key_position"].get<int>() == 0);
    }
}

BOOST_AUTO_TEST_CASE(diagonal_context_before_the_loss_is_refuted_by_the_scan) {
    for (const auto& [dtype, rc] : collisions) {
        const auto r = run_check("pipeline-thm-5.3", diagonal(dtype, rc - 1));
        BOOST_TEST(to_string(r.verdict) == "refuted", dtype);
        BOOST_TEST(r.evidence["lost_at_query_position"].is_null());
        BOOST_TEST(r.evidence["query_positions_checked"].get<int>() == rc);  // query positions 0 .. rc - 1
    }
}

BOOST_AUTO_TEST_CASE(diagonal_complement_is_refuted_at_44) {
    auto values = diagonal("bfloat16", 1000);
    values["control"] = "pipeline-keeps";
    const auto r = run_check("pipeline-thm-5.3", values);
    BOOST_TEST(to_string(r.verdict) == "refuted");
    BOOST_REQUIRE(r.counterexample.has_value());
    BOOST_TEST(r.counterexample->replay["inputs"]["query_position"].get<int>() == 44);
}

namespace {

using ropecheck::numeric::IeeeFormat;
using ropecheck::numeric::interval;
using ropecheck::numeric::real;
using ropecheck::numeric::round_to_format;

// The first loss of the diagonal on pair 1 (g = 1, psi = (8, 0)) under a variant, by brute
// force from the steps' definitions, without the pipeline, its step roundings or its scan:
// every value is an exact real rounded by numeric::round_to_format (ieee.hpp), cos and sin
// are enclosed in MPFI and rounded from both ends (equal ends: the correctly rounded value).
// The rotated query at i is (8 c_i, 8 s_i) exactly; a score is the dtype rounding of the
// float32 sum of the two float32 products; every key j < i is compared with the own key.
struct BruteLoss {
    std::optional<int> query, key;
};
BruteLoss brute_force_loss(const ropecheck::rope::PipelineVariant& v, IeeeFormat dtype, int context) {
    const auto round = [](const real& x, IeeeFormat f) { return round_to_format(x, f); };
    const auto correctly_rounded = [&](const interval& x, IeeeFormat f) {
        const real lo = round(ropecheck::numeric::lower_bound(x), f), hi = round(ropecheck::numeric::upper_bound(x), f);
        BOOST_REQUIRE(lo == hi);
        return lo;
    };
    std::vector<real> c, s;  // the dtype's table at each position
    for (int i = 0; i <= context; ++i) {
        real p = round(real(i), v.positions);
        real g = round(real(1), v.inv_freq);  // pair 1's float32 inv_freq is exactly 1
        if (v.angle.tf32_inputs) {
            // TF32: 11 significant bits in float32's range, to nearest (integers and 1 are normal).
            const auto to_11_bits = [](const real& x) {
                if (x == 0) return x;
                const int e = std::ilogb(x.convert_to<double>());
                return real(std::nearbyint(std::ldexp(x.convert_to<double>(), 10 - e))) * real(std::ldexp(1.0, e - 10));
            };
            p = to_11_bits(p);
            g = to_11_bits(g);
        }
        const real angle = round(p * g, v.angle.result);
        const interval a(angle);
        c.push_back(round(correctly_rounded(cos(a), v.table), dtype));
        s.push_back(round(correctly_rounded(sin(a), v.table), dtype));
    }
    const auto score = [&](int i, int j) {
        const real first = round(real(64) * c[i] * c[j], IeeeFormat::binary32);
        const real second = round(real(64) * s[i] * s[j], IeeeFormat::binary32);
        return round(round(first + second, IeeeFormat::binary32), dtype);
    };
    for (int i = 1; i <= context; ++i) {
        const real own = score(i, i);
        for (int j = 0; j < i; ++j)
            if (score(i, j) >= own) return {i, j};
    }
    return {};
}

// The spec's variant_pins, as the claim reads them (one string for every slip).
const char* const slip_pins =
    "positions-bf16 257 44 44; inv-freq-bf16 710 44 44; autocast-bf16 46 44 44; tf32-angles 710 44 44; "
    "half-cache 47 44 44";

json slip(const std::string& preset, const char* dtype, int context) {
    json v = diagonal(dtype, context);
    v["pipeline_variant"] = preset;
    v["variant_pins"] = slip_pins;
    return v;
}

}  // namespace

// Every slip's pin is the brute force's first loss (and its rival key the scan's), and the
// claim certifies it; the intended pipeline's answers come out of the brute force too.
BOOST_AUTO_TEST_CASE(slip_pins_are_the_brute_force_first_losses) {
    std::map<std::string, std::vector<int>> pins;
    std::stringstream entries(slip_pins);
    for (std::string entry; std::getline(entries, entry, ';');) {
        std::istringstream in(entry);
        std::string preset;
        int f32 = 0, bf16 = 0, f16 = 0;
        in >> preset >> f32 >> bf16 >> f16;
        pins[preset] = {f32, bf16, f16};
    }
    BOOST_TEST(pins.size() == 5u);
    const char* dtypes[] = {"float32", "bfloat16", "float16"};
    for (const auto& preset : ropecheck::rope::variant_presets())
        for (int d = 0; d < 3; ++d) {
            BOOST_TEST_CONTEXT(preset.name << " " << dtypes[d]) {
                const auto brute = brute_force_loss(preset.variant, ropecheck::numeric::parse_ieee_format(dtypes[d]), 1000);
                BOOST_REQUIRE(brute.query.has_value());
                const int expected = preset.name == "default" ? collisions[d].second : pins.at(preset.name)[d];
                BOOST_TEST(*brute.query == expected);
                const auto r = run_check("pipeline-thm-5.3", slip(preset.name, dtypes[d], 1000));
                BOOST_TEST(to_string(r.verdict) == "certified", r.message);
                BOOST_TEST(r.evidence["lost_at_query_position"].get<int>() == *brute.query);
                BOOST_TEST(r.evidence["rival_key_position"].get<int>() == *brute.key);
            }
        }
}

// positions-bf16: 257 rounds to 256 (ties to even), so 257 repeats 256's table; in float32 that
// tie is the first loss, and the claim's second answer names it.
BOOST_AUTO_TEST_CASE(positions_bf16_loses_at_its_repeated_table) {
    const auto r = run_check("pipeline-thm-5.3", slip("positions-bf16", "float32", 1000));
    BOOST_TEST(to_string(r.verdict) == "certified");
    BOOST_TEST(r.evidence["first_repeated_table"]["position"].get<int>() == 257);
    BOOST_TEST(r.evidence["first_repeated_table"]["same_as"].get<int>() == 256);
    BOOST_TEST(r.evidence["rival_key_position"].get<int>() == 256);
    BOOST_TEST(r.evidence["pipeline_variant"].get<std::string>() == "positions-bf16");
    // The intended pipeline's evidence has no variant keys (it predates them).
    const auto plain = run_check("pipeline-thm-5.3", diagonal("float32", 1000));
    BOOST_TEST(!plain.evidence.contains("pipeline_variant"));
    BOOST_TEST(!plain.evidence.contains("first_repeated_table"));
}

// The slip negatives: the pin moved by one, and the shifted key, refuted on every preset.
BOOST_AUTO_TEST_CASE(slip_negatives_are_refuted) {
    for (const auto& preset : ropecheck::rope::variant_presets()) {
        if (preset.name == "default") continue;
        for (const char* dtype : {"float32", "bfloat16", "float16"}) {
            BOOST_TEST_CONTEXT(preset.name << " " << dtype) {
                auto moved = slip(preset.name, dtype, 1000);
                moved["variant_pins"] =
                    "positions-bf16 258 45 45; inv-freq-bf16 711 45 45; autocast-bf16 47 45 45; tf32-angles 711 45 45; "
                    "half-cache 48 45 45";
                const auto r = run_check("pipeline-thm-5.3", moved);
                BOOST_TEST(to_string(r.verdict) == "refuted");
                BOOST_REQUIRE(r.counterexample.has_value());
                BOOST_TEST(r.counterexample->kind == "the scan's first loss is not the pinned one");
                auto shifted = slip(preset.name, dtype, 1000);
                shifted["control"] = "shifted-key";
                const auto k = run_check("pipeline-thm-5.3", shifted);
                BOOST_TEST(to_string(k.verdict) == "refuted");
                BOOST_REQUIRE(k.counterexample.has_value());
                BOOST_TEST(k.counterexample->replay["inputs"]["query_position"].get<int>() == 1);
                BOOST_TEST(k.counterexample->replay["inputs"]["key_position"].get<int>() == 0);
            }
        }
    }
}

BOOST_AUTO_TEST_CASE(bad_variants_name_the_parameter) {
    expect_invalid("pipeline-thm-5.3", slip("bf16-everything", "float32", 10), "pipeline_variant");
    auto v = slip("positions-bf16", "float32", 10);
    v["variant_pins"] = "positions-bf16 257 44";
    expect_invalid("pipeline-thm-5.3", v, "variant_pins");
    v["variant_pins"] = "no-such-slip 1 2 3";
    expect_invalid("pipeline-thm-5.3", v, "variant_pins");
    v["variant_pins"] = "default 710 44 44";
    expect_invalid("pipeline-thm-5.3", v, "variant_pins");
    v["variant_pins"] = "half-cache 47 44 44; half-cache 47 44 44";
    expect_invalid("pipeline-thm-5.3", v, "variant_pins");
    v["variant_pins"] = "half-cache 47 -1 44";
    expect_invalid("pipeline-thm-5.3", v, "variant_pins");
}

BOOST_AUTO_TEST_CASE(bad_parameters_name_the_parameter) {
    expect_invalid("pipeline-thm-5.3", diagonal("float64", 10), "dtype");
    expect_invalid("pipeline-thm-5.3", diagonal("bfloat16", 0), "context");
    auto d = diagonal("bfloat16", 10);
    d["pinned_bfloat16"] = -3;
    expect_invalid("pipeline-thm-5.3", d, "pinned_bfloat16");
    d = diagonal("bfloat16", 10);
    d["control"] = "unshifted";
    expect_invalid("pipeline-thm-5.3", d, "control");
}

BOOST_AUTO_TEST_SUITE_END()
