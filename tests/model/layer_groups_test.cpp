// The model layer's layer groups, checked against values derived by hand from the
// config numbers and transformers' rules (docs/model-configs.md), never from what the
// reader prints. Configs: tests/data/configs (provenance in SOURCES.md).
#include <boost/test/unit_test.hpp>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <numbers>
#include <set>

#include <nlohmann/json.hpp>

#include "ropecheck/model/layer_groups.hpp"
#include "ropecheck/numeric/invalid_input.hpp"

namespace fs = std::filesystem;
using nlohmann::json;
using namespace ropecheck;
using model::Attention;
using model::LayerGroup;
using model::ModelLayout;

namespace {

const fs::path config_dir = fs::path(ROPECHECK_SOURCE_DIR) / "tests" / "data" / "configs";

ModelLayout layout(const std::string& file) { return model::load_model_layout(config_dir / file, std::nullopt); }

json config(const std::string& file) {
    std::ifstream in(config_dir / file);
    return json::parse(in);
}

std::vector<int> range_where(int n, auto predicate) {
    std::vector<int> out;
    for (int i = 0; i < n; ++i)
        if (predicate(i)) out.push_back(i);
    return out;
}

const LayerGroup& group_of(const ModelLayout& m, const std::string& type, bool rope) {
    for (const auto& g : m.groups)
        if (g.layer_type == type && g.rope == rope) return g;
    BOOST_FAIL("no group " + type + (rope ? " RoPE" : " NoPE"));
    throw;
}

// Plain RoPE g_k = theta^(-2(k-1)/d), k = 1..d/2, in long double.
std::vector<long double> rope_reference(long double theta, int d) {
    std::vector<long double> g;
    for (int k = 1; k <= d / 2; ++k) g.push_back(std::pow(theta, -2.0L * (k - 1) / d));
    return g;
}

void check_frequencies(const LayerGroup& g, const std::vector<long double>& expected, long double rel = 1e-14L) {
    const auto got = g.schedule.frequencies<double>();
    BOOST_REQUIRE_EQUAL(got.size(), expected.size());
    for (std::size_t k = 0; k < got.size(); ++k) {
        if (expected[k] == 0) {
            BOOST_TEST(got[k] == 0.0, "pair " << k << " should not rotate");
            continue;
        }
        BOOST_TEST(std::fabs(got[k] - expected[k]) <= rel * expected[k], "pair " << k << ": " << got[k] << " vs " << (double)expected[k]);
    }
}

bool contains(const std::vector<std::string>& v, const std::string& prefix) {
    for (const auto& s : v)
        if (s.rfind(prefix, 0) == 0) return true;
    return false;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(layer_groups)

// Every shipped config resolves, and its groups partition the layers 0..n-1.
BOOST_AUTO_TEST_CASE(every_shipped_config_resolves) {
    int count = 0;
    for (const auto& entry : fs::directory_iterator(config_dir)) {
        const std::string name = entry.path().filename().string();
        if (entry.path().extension() != ".json" || name.rfind("broken--", 0) == 0) continue;
        ++count;
        BOOST_TEST_CONTEXT(name) {
            ModelLayout m;
            BOOST_REQUIRE_NO_THROW(m = layout(name));
            BOOST_TEST(!m.groups.empty());
            std::set<int> seen;
            for (const auto& g : m.groups) {
                for (int i : g.layers) BOOST_TEST(seen.insert(i).second, "layer " << i << " in two groups");
                BOOST_TEST(g.max_distance == (g.window ? std::min(*g.window, m.context_length) : m.context_length) - 1);
                BOOST_TEST((g.rope ? g.rotating_pairs > 0 : g.rotating_pairs == 0));
            }
            BOOST_TEST(static_cast<int>(seen.size()) == m.num_layers);
            BOOST_TEST((seen.empty() || (*seen.begin() == 0 && *seen.rbegin() == m.num_layers - 1)));
        }
    }
    BOOST_TEST(count == 29);  // the 29 published configs of SOURCES.md
}

// Gemma 3 4B (text_config: 34 layers, rope_scaling linear 8, sliding_window 1024; the rest
// Gemma3TextConfig defaults: head_dim 256, rope_theta 1e6, rope_local_base_freq 1e4,
// sliding_window_pattern 6). layer_types: layer i is sliding unless (i + 1) % 6 == 0, so the
// global layers are i + 1 = 6, 12, 18, 24, 30: i = 5, 11, 17, 23, 29 (5 layers), the other 29 local.
// Global: g_k = (1e6)^(-2(k-1)/256) / 8; local: g_k = (1e4)^(-2(k-1)/256). Spans: L = 131072
// (default max_position_embeddings), so full sees 131071, sliding 1023.
BOOST_AUTO_TEST_CASE(gemma_3) {
    const ModelLayout m = layout("google--gemma-3-4b-it.json");
    BOOST_TEST(m.num_layers == 34);
    BOOST_REQUIRE_EQUAL(m.groups.size(), 2u);
    const auto& global = group_of(m, "full_attention", true);
    const auto& local = group_of(m, "sliding_attention", true);
    BOOST_TEST(global.layers == (std::vector<int>{5, 11, 17, 23, 29}), boost::test_tools::per_element());
    BOOST_TEST(local.layers.size() == 29u);
    BOOST_TEST((global.attention == Attention::full && !global.window && global.max_distance == 131071));
    BOOST_TEST((local.attention == Attention::sliding && local.window == 1024 && local.max_distance == 1023));
    BOOST_TEST(global.theta == "1000000");
    BOOST_TEST(local.theta == "10000");
    BOOST_TEST(global.rope_type == "linear");
    BOOST_TEST(local.rope_type == "default");
    auto scaled = rope_reference(1e6L, 256);
    for (auto& g : scaled) g /= 8;
    check_frequencies(global, scaled);
    check_frequencies(local, rope_reference(1e4L, 256));
    BOOST_TEST(contains(m.defaults_applied, "rope_local_base_freq=10000"));
    BOOST_TEST(contains(m.defaults_applied, "sliding_window_pattern=6"));
}

// Gemma 4 26B-A4B (text_config, transformers 5 keys): layer_types lists full_attention at
// i = 5, 11, 17, 23, 29 (read from the file below, and every 6th by eye), 25 sliding layers.
// Full layers: rope_type proportional, partial_rotary_factor 0.25, global_head_dim 512, theta 1e6:
// rope_angles = int(0.25 * 512 // 2) = 64 pairs rotate with 1e6^(-2k/512), k = 0..63, the other
// 192 pairs have frequency 0 (the paper's p-RoPE, p = 0.25). Sliding: default, theta 1e4, head_dim
// 256, all 128 pairs rotate; window 1024. L = 262144.
BOOST_AUTO_TEST_CASE(gemma_4) {
    const ModelLayout m = layout("google--gemma-4-26B-A4B.json");
    const json types = config("google--gemma-4-26B-A4B.json").at("text_config").at("layer_types");
    std::vector<int> full_from_file;
    for (std::size_t i = 0; i < types.size(); ++i)
        if (types[i] == "full_attention") full_from_file.push_back(static_cast<int>(i));
    BOOST_TEST(full_from_file == (std::vector<int>{5, 11, 17, 23, 29}), boost::test_tools::per_element());
    BOOST_REQUIRE_EQUAL(m.groups.size(), 2u);
    const auto& full = group_of(m, "full_attention", true);
    const auto& sliding = group_of(m, "sliding_attention", true);
    BOOST_TEST(full.layers == full_from_file, boost::test_tools::per_element());
    BOOST_TEST(sliding.layers.size() == 25u);
    BOOST_TEST(full.head_dim == 512);
    BOOST_TEST(full.rope_type == "proportional");
    BOOST_TEST((full.schedule.kind() == rope::RotaryKind::p_rope));
    BOOST_TEST(full.rotating_pairs == 64);
    BOOST_TEST(full.max_distance == 262143);
    std::vector<long double> prope(256, 0.0L);
    for (int k = 0; k < 64; ++k) prope[static_cast<std::size_t>(k)] = std::pow(1e6L, -2.0L * k / 512);
    check_frequencies(full, prope);
    BOOST_TEST(sliding.head_dim == 256);
    BOOST_TEST(sliding.rotating_pairs == 128);
    BOOST_TEST((sliding.window == 1024 && sliding.max_distance == 1023));
    check_frequencies(sliding, rope_reference(1e4L, 256));
    // use_bidirectional_attention (an attention-span key) is not interpreted: listed.
    BOOST_TEST(contains(m.ignored_keys, "text_config.use_bidirectional_attention"));
}

// Llama 4 Scout (text_config, 48 layers): no_rope_layers is empty, so Llama4TextConfig's pattern
// applies: no_rope_layers[i] = int((i + 1) % 4 != 0): NoPE at i = 3, 7, ..., 47 (12 layers), RoPE on
// the other 36, which use chunked attention of attention_chunk_size 8192 (span 8191); NoPE layers
// attend fully (L = 10485760, span 10485759). RoPE schedule: llama3, s = 16, alpha = beta = 1,
// L0 = 8192, theta 5e5, d 128: the band [L0/beta, L0/alpha] is the single wavelength 8192, so
// pair j (omega_j = 5e5^(-2j/128)) is divided by 16 when 2 pi / omega_j > 8192, else kept.
// NoPE layers carry attn_temperature_tuning (default true, floor_scale 8192, attn_scale 0.1):
// q(p) *= 1 + 0.1 log(floor((p + 1) / 8192) + 1).
BOOST_AUTO_TEST_CASE(llama_4_scout) {
    for (const std::string file : {"meta-llama--Llama-4-Scout-17B-16E-Instruct.json",
                                   "RedHatAI--Llama-4-Scout-17B-16E-Instruct-FP8-dynamic.json"}) {
        BOOST_TEST_CONTEXT(file) {
            const ModelLayout m = layout(file);
            BOOST_REQUIRE_EQUAL(m.groups.size(), 2u);
            const auto& rope = group_of(m, "chunked_attention", true);
            const auto& nope = group_of(m, "full_attention", false);
            BOOST_TEST(nope.layers == range_where(48, [](int i) { return (i + 1) % 4 == 0; }), boost::test_tools::per_element());
            BOOST_TEST(rope.layers == range_where(48, [](int i) { return (i + 1) % 4 != 0; }), boost::test_tools::per_element());
            BOOST_TEST((rope.attention == Attention::chunked && rope.window == 8192 && rope.max_distance == 8191));
            BOOST_TEST((nope.attention == Attention::full && nope.max_distance == 10485759));
            BOOST_TEST(nope.rotating_pairs == 0);
            for (double g : nope.schedule.frequencies<double>()) BOOST_TEST(g == 0.0);
            std::vector<long double> expected;
            int divided = 0;
            for (int j = 0; j < 64; ++j) {
                const long double w = std::pow(5e5L, -2.0L * j / 128);
                const bool slow = 2 * std::numbers::pi_v<long double> / w > 8192;
                divided += slow;
                expected.push_back(slow ? w / 16 : w);
            }
            BOOST_TEST(divided > 0);
            BOOST_TEST(divided < 64);
            check_frequencies(rope, expected);
            BOOST_REQUIRE(nope.query_scaling.has_value());
            BOOST_TEST(nope.query_scaling->divisor == 8192);
            BOOST_TEST(nope.query_scaling->beta == "0.1");
            BOOST_TEST(nope.query_scaling->offset == 1);
            BOOST_TEST(!rope.query_scaling.has_value());
            BOOST_TEST(contains(m.defaults_applied, "attn_temperature_tuning=true"));
        }
    }
}

// gpt-oss 20B / 120B: layer_types alternate sliding (even i) and full (odd i); sliding_window 128
// (span 127); full span L - 1 = 131071. Both use one YaRN schedule: theta 150000, d 64, s 32,
// L0 4096, beta_fast 32, beta_slow 1, truncate false: lo = 64 ln(4096 / (2 pi 32)) / (2 ln 150000),
// hi = 64 ln(4096 / (2 pi)) / (2 ln 150000), not rounded; rho_j = clamp((j - lo)/(hi - lo), 0, 1),
// omega'_j = omega_j ((1 - rho_j) + rho_j / 32). initial_context_length is not interpreted: listed.
BOOST_AUTO_TEST_CASE(gpt_oss) {
    for (const auto& [file, n] : {std::pair{"openai--gpt-oss-20b.json", 24}, std::pair{"openai--gpt-oss-120b.json", 36}}) {
        BOOST_TEST_CONTEXT(file) {
            const ModelLayout m = layout(file);
            BOOST_REQUIRE_EQUAL(m.groups.size(), 2u);
            const auto& sliding = group_of(m, "sliding_attention", true);
            const auto& full = group_of(m, "full_attention", true);
            BOOST_TEST(sliding.layers == range_where(n, [](int i) { return i % 2 == 0; }), boost::test_tools::per_element());
            BOOST_TEST(full.layers == range_where(n, [](int i) { return i % 2 == 1; }), boost::test_tools::per_element());
            BOOST_TEST((sliding.window == 128 && sliding.max_distance == 127));
            BOOST_TEST(full.max_distance == 131071);
            const long double pi = std::numbers::pi_v<long double>, lt = std::log(150000.0L);
            const long double lo = 64 * std::log(4096 / (2 * pi * 32)) / (2 * lt);
            const long double hi = 64 * std::log(4096 / (2 * pi)) / (2 * lt);
            std::vector<long double> expected;
            for (int j = 0; j < 32; ++j) {
                const long double rho = std::clamp((j - lo) / (hi - lo), 0.0L, 1.0L);
                expected.push_back(std::pow(150000.0L, -2.0L * j / 64) * ((1 - rho) + rho / 32));
            }
            check_frequencies(full, expected, 1e-13L);
            check_frequencies(sliding, expected, 1e-13L);
            BOOST_TEST(contains(m.ignored_keys, "initial_context_length"));
        }
    }
}

// SmolLM3 3B: 36 layers, all full attention (use_sliding_window false, sliding_window null);
// no_rope_layers lists 1 (RoPE) / 0 (NoPE) explicitly: read from the file, its zeros are at
// i = 3, 7, ..., 35 (every 4th, 9 layers). theta 5e6, d = 2048 / 16 = 128, L = 65536.
BOOST_AUTO_TEST_CASE(smollm3) {
    const ModelLayout m = layout("HuggingFaceTB--SmolLM3-3B.json");
    const json flags = config("HuggingFaceTB--SmolLM3-3B.json").at("no_rope_layers");
    std::vector<int> nope_from_file;
    for (std::size_t i = 0; i < flags.size(); ++i)
        if (flags[i] == 0) nope_from_file.push_back(static_cast<int>(i));
    BOOST_TEST(nope_from_file == range_where(36, [](int i) { return (i + 1) % 4 == 0; }), boost::test_tools::per_element());
    BOOST_REQUIRE_EQUAL(m.groups.size(), 2u);
    const auto& rope = group_of(m, "full_attention", true);
    const auto& nope = group_of(m, "full_attention", false);
    BOOST_TEST(nope.layers == nope_from_file, boost::test_tools::per_element());
    BOOST_TEST(rope.layers.size() == 27u);
    BOOST_TEST((rope.max_distance == 65535 && nope.max_distance == 65535));
    check_frequencies(rope, rope_reference(5e6L, 128));
    BOOST_TEST(nope.rotating_pairs == 0);
    BOOST_TEST(!nope.query_scaling.has_value());
}

// M-RoPE: text positions are equal on all three axes, so the text schedule is plain RoPE.
// Qwen2.5-VL (legacy type "mrope", section [16, 24, 24], d = 3584 / 28 = 128): chunked, time owns
// pairs 0-15, height 16-39, width 40-63. Qwen3-VL (interleaved, [24, 20, 20], d 128): height owns
// j = 1, 4, ..., 58 (j % 3 == 1, j < 60), width j = 2, 5, ..., 59, time the other 24.
BOOST_AUTO_TEST_CASE(mrope_axes) {
    const ModelLayout qwen25 = layout("Qwen--Qwen2.5-VL-7B-Instruct.json");
    BOOST_REQUIRE_EQUAL(qwen25.groups.size(), 1u);
    const auto& g = qwen25.groups.front();
    check_frequencies(g, rope_reference(1e6L, 128));
    BOOST_REQUIRE(g.mrope.has_value());
    BOOST_TEST(!g.mrope->interleaved);
    BOOST_TEST(g.mrope->axis_pairs[0] == range_where(64, [](int j) { return j < 16; }), boost::test_tools::per_element());
    BOOST_TEST(g.mrope->axis_pairs[1] == range_where(64, [](int j) { return j >= 16 && j < 40; }), boost::test_tools::per_element());
    BOOST_TEST(g.mrope->axis_pairs[2] == range_where(64, [](int j) { return j >= 40; }), boost::test_tools::per_element());
    // use_sliding_window false: the 32768 window is not used, every layer is full.
    BOOST_TEST((g.attention == Attention::full));

    const ModelLayout qwen3 = layout("Qwen--Qwen3-VL-32B-Instruct.json");
    const auto& h = qwen3.groups.front();
    check_frequencies(h, rope_reference(5e6L, 128));
    BOOST_REQUIRE(h.mrope.has_value());
    BOOST_TEST(h.mrope->interleaved);
    BOOST_TEST(h.mrope->axis_pairs[1] == range_where(64, [](int j) { return j % 3 == 1 && j < 60; }), boost::test_tools::per_element());
    BOOST_TEST(h.mrope->axis_pairs[2] == range_where(64, [](int j) { return j % 3 == 2 && j < 60; }), boost::test_tools::per_element());
    BOOST_TEST(h.mrope->axis_pairs[0].size() == 24u);
}

// Ministral 3 (transformers 5 rope_parameters, flat, rope_theta inside): YaRN s 16, L0 16384,
// mscale = mscale_all_dim = 1 (attention factor exactly 1), and llama_4_scaling_beta 0.1:
// every layer's query is scaled by 1 + 0.1 log(1 + floor(p / 16384)). 26 layers, all full.
BOOST_AUTO_TEST_CASE(ministral_3) {
    const ModelLayout m = layout("mistralai--Ministral-3-3B-Reasoning-2512.json");
    BOOST_REQUIRE_EQUAL(m.groups.size(), 1u);
    const auto& g = m.groups.front();
    BOOST_TEST(g.layers.size() == 26u);
    BOOST_TEST(g.theta == "1000000");
    BOOST_TEST(g.rope_type == "yarn");
    BOOST_TEST(g.schedule.attention_factor<double>() == 1.0);
    BOOST_REQUIRE(g.query_scaling.has_value());
    BOOST_TEST(g.query_scaling->divisor == 16384);
    BOOST_TEST(g.query_scaling->beta == "0.1");
    BOOST_TEST(g.query_scaling->offset == 0);
}

// MLA (DeepSeek-V2-Lite): qk_rope_head_dim 64 of qk_nope 128 + 64 = 192 coordinates rotate.
BOOST_AUTO_TEST_CASE(mla_rotates_qk_rope_head_dim) {
    const auto& g = layout("deepseek-ai--DeepSeek-V2-Lite.json").groups.front();
    BOOST_TEST(g.head_dim == 192);
    BOOST_TEST(g.rotary_dim == 64);
    BOOST_TEST(g.rotating_pairs == 32);
}

// Each broken config still fails, naming its field.
BOOST_AUTO_TEST_CASE(broken_configs_name_their_field) {
    const std::vector<std::pair<std::string, std::string>> cases = {
        {"broken--llama3-missing-low-freq.json", "rope_scaling.low_freq_factor"},
        {"broken--missing-rope-theta.json", "rope_theta"},
        {"broken--nan-theta.json", "rope_theta"},
        {"broken--odd-head-dim.json", "head_dim"},
        {"broken--theta-one.json", "rope_theta"},
        {"broken--unknown-rope-scaling.json", "rope_scaling.rope_type"},
        {"broken--wrong-type-head-dim.json", "head_dim"},
    };
    for (const auto& [file, field] : cases) {
        BOOST_TEST_CONTEXT(file) {
            std::string message = "no error";
            try {
                layout(file);
            } catch (const InvalidInput& e) {
                message = e.what();
            }
            BOOST_TEST(message.rfind("config field " + field + ": ", 0) == 0, message);
        }
    }
}

// Keys the reader does not interpret are listed, not dropped; wrong shapes name the field.
BOOST_AUTO_TEST_CASE(ignored_keys_and_bad_fields) {
    json c = {{"model_type", "llama"}, {"rope_theta", 10000}, {"hidden_size", 256}, {"num_attention_heads", 4},
              {"max_position_embeddings", 4096}, {"num_hidden_layers", 2}, {"rope_frobnication", 3},
              {"rope_scaling", {{"rope_type", "linear"}, {"factor", 2}, {"mystery_knob", 1}}}};
    const ModelLayout m = model::resolve_model_layout(c, std::nullopt);
    BOOST_TEST(contains(m.ignored_keys, "rope_scaling.mystery_knob"));
    BOOST_TEST(contains(m.ignored_keys, "rope_frobnication"));
    BOOST_TEST(!contains(m.ignored_keys, "rope_scaling.factor"));
    const auto message = [](json bad) {
        try {
            model::resolve_model_layout(bad, std::nullopt);
        } catch (const InvalidInput& e) {
            return std::string(e.what());
        }
        return std::string("no error");
    };
    json short_types = c;
    short_types["layer_types"] = {"full_attention"};
    BOOST_TEST(message(short_types).rfind("config field layer_types: ", 0) == 0);
    json odd_type = c;
    odd_type["layer_types"] = {"full_attention", "diagonal_attention"};
    BOOST_TEST(message(odd_type).rfind("config field layer_types[1]: ", 0) == 0);
    json keyed = c;
    keyed.erase("rope_scaling");
    keyed["rope_parameters"] = {{"full_attention", {{"rope_type", "default"}, {"rope_theta", 10000}}}};
    keyed["layer_types"] = {"full_attention", "sliding_attention"};
    keyed["sliding_window"] = 64;
    BOOST_TEST(message(keyed).rfind("config field rope_parameters.sliding_attention: ", 0) == 0);
    json swapped = c;
    swapped["rope_scaling"] = {{"rope_type", "llama3"}, {"factor", 8}, {"low_freq_factor", 4}, {"high_freq_factor", 1},
                               {"original_max_position_embeddings", 1024}};
    BOOST_TEST(message(swapped).rfind("config field rope_scaling: ", 0) == 0);
    json mrope = c;
    mrope["rope_scaling"] = {{"rope_type", "default"}, {"mrope_section", {8, 8, 8}}};
    BOOST_TEST(message(mrope).rfind("config field rope_scaling.mrope_section: ", 0) == 0);  // 24 != 32 pairs
    json sliding_no_window = c;
    sliding_no_window["layer_types"] = {"full_attention", "sliding_attention"};
    BOOST_TEST(message(sliding_no_window).rfind("config field sliding_window: ", 0) == 0);
}

// v5 precedence: rope_theta inside rope_parameters wins over the top-level key.
BOOST_AUTO_TEST_CASE(theta_inside_rope_parameters_wins) {
    json c = {{"model_type", "llama"}, {"rope_theta", 10000}, {"hidden_size", 256}, {"num_attention_heads", 4},
              {"max_position_embeddings", 4096}, {"num_hidden_layers", 2},
              {"rope_parameters", {{"rope_type", "default"}, {"rope_theta", 500000}}}};
    BOOST_TEST(model::resolve_model_layout(c, std::nullopt).groups.front().theta == "500000");
}

BOOST_AUTO_TEST_SUITE_END()
