// `ropecheck audit`: real published configs in tests/data/configs
// (provenance in tests/data/configs/SOURCES.md) resolve as transformers would, and broken ones are
// rejected with the field named.
#include <boost/test/unit_test.hpp>
#include <filesystem>
#include <iostream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "ropecheck/cli/audit_command.hpp"
#include "ropecheck/numeric/invalid_input.hpp"

namespace fs = std::filesystem;
using nlohmann::json;
using ropecheck::cli::AuditOptions;

namespace {

const fs::path config_dir = fs::path(ROPECHECK_SOURCE_DIR) / "tests" / "data" / "configs";

std::string audit_text(const std::string& file, std::optional<std::int64_t> context, const std::string& format) {
    AuditOptions o;
    o.config = config_dir / file;
    o.context = context;
    o.format = format;
    std::ostringstream out;
    BOOST_REQUIRE_EQUAL(ropecheck::cli::audit_command(o, out), 0);
    return out.str();
}

json audit_json(const std::string& file, std::optional<std::int64_t> context = std::nullopt) {
    return json::parse(audit_text(file, context, "json"));
}

bool has_default(const json& j, const std::string& key) {
    for (const auto& d : j.at("defaults_applied"))
        if (d.get<std::string>().rfind(key + "=", 0) == 0) return true;
    return false;
}

std::string claim_verdict(const json& j, const std::string& id_start) {
    for (const auto& c : j.at("claims"))
        if (c.at("id").get<std::string>().rfind(id_start, 0) == 0) return c.at("verdict");
    return "missing";
}

}  // namespace

BOOST_AUTO_TEST_SUITE(audit_suite)

BOOST_AUTO_TEST_CASE(every_shared_config_audits_with_all_fields) {
    int count = 0;
    for (const auto& entry : fs::directory_iterator(config_dir)) {
        const std::string name = entry.path().filename().string();
        if (entry.path().extension() != ".json" || name.rfind("broken--", 0) == 0) continue;
        ++count;
        const json j = audit_json(name);  // timings: bench/bench_audit
        BOOST_TEST_CONTEXT(name) {
            for (const char* key : {"schema", "schema_version", "model_type", "head_dim", "rotary_dim", "context_length",
                                    "scaling", "defaults_applied", "attention_factor", "frequencies", "robust_channels",
                                    "all_frequency_break_distance", "positional_margin", "float_collision", "base_bound",
                                    "claims"})
                BOOST_TEST(j.contains(key), key);
            BOOST_TEST(j.at("schema") == "ropecheck-audit");
            BOOST_TEST(j.at("schema_version") == 1);
            BOOST_TEST(j.at("frequencies").size() == j.at("rotary_dim").get<std::size_t>() / 2);
            for (const char* d : {"float32", "bfloat16", "float16"}) BOOST_TEST(j.at("float_collision").contains(d));
            BOOST_TEST(j.at("positional_margin").contains("worst_distance"));
            BOOST_TEST(j.at("positional_margin").contains("margin"));
            BOOST_TEST(claim_verdict(j, "thm-5.3") == "certified");
            // The base bound, and its agreement with the all-frequency break found
            // independently by the sweep: for an unscaled schedule (plain RoPE at the
            // rotated width, exactly what base-bound models) a base in the certainly
            // failing range must break within L.
            const json& base = j.at("base_bound");
            BOOST_TEST(base.at("computed").get<bool>());
            BOOST_TEST(base.at("certified").get<bool>());
            BOOST_TEST(base.at("head_dim") == j.at("rotary_dim"));
            BOOST_TEST(std::stod(base.at("least_theta").get<std::string>()) >=
                       std::stod(base.at("theta_lower").get<std::string>()));
            if (j.at("scaling").at("type") == "none") {
                if (base.at("rope_theta_certainly_fails").get<bool>())
                    BOOST_TEST(!j.at("all_frequency_break_distance").is_null());
                else
                    BOOST_TEST(std::stod(j.at("rope_theta").get<std::string>()) >=
                               std::stod(base.at("least_theta").get<std::string>()) * (1 - 1e-9));
            }
        }
    }
    BOOST_TEST(count == 12);
}

BOOST_AUTO_TEST_CASE(llama_3_1_resolves_llama3_scaling) {
    const json j = audit_json("meta-llama--Llama-3.1-8B.json");
    BOOST_TEST(j.at("scaling").at("type") == "llama3");
    BOOST_TEST(j.at("scaling").at("factor") == "8");
    BOOST_TEST(j.at("head_dim") == 128);
    BOOST_TEST(j.at("context_length") == 131072);
    const auto& f = j.at("frequencies");
    BOOST_REQUIRE_EQUAL(f.size(), 64u);
    BOOST_TEST(f.front().at("index") == 1);
    BOOST_TEST(f.front().at("inv_freq").get<std::string>().rfind("1", 0) == 0);
    BOOST_TEST(std::stod(f.front().at("inv_freq").get<std::string>()) == 1.0);
    const std::string lowest = f.back().at("inv_freq");
    BOOST_TEST(lowest.rfind("3.0689259889145", 0) == 0, lowest);
    BOOST_TEST(j.at("attention_factor").get<std::string>().rfind("1", 0) == 0);
    BOOST_TEST(j.at("defaults_applied").empty());
}

BOOST_AUTO_TEST_CASE(gemma3_lists_its_defaults) {
    const json j = audit_json("google--gemma-3-4b-it.json");
    BOOST_TEST(has_default(j, "rope_theta"));
    BOOST_TEST(has_default(j, "head_dim"));
    BOOST_TEST(has_default(j, "max_position_embeddings"));
    BOOST_TEST(j.at("head_dim") == 256);
    BOOST_TEST(j.at("scaling").at("type") == "linear");
    // Lowest global-layer frequency 1e6^(-254/256) / 8 (docs/rope-scaling.md worked value 7).
    BOOST_TEST(j.at("frequencies").back().at("inv_freq").get<std::string>().rfind("1.392467324993", 0) == 0);
}

BOOST_AUTO_TEST_CASE(phi3_regime_follows_the_context) {
    const json long_regime = audit_json("microsoft--Phi-3-mini-128k-instruct.json");
    BOOST_TEST(long_regime.at("context_length") == 131072);
    BOOST_TEST(long_regime.at("scaling").at("type") == "longrope");
    BOOST_TEST(long_regime.at("scaling").at("regime") == "long");
    BOOST_TEST(long_regime.at("scaling").at("original_max_position_embeddings") == 4096);
    BOOST_TEST(long_regime.at("attention_factor").get<std::string>().rfind("1.190238071423808", 0) == 0);
    const json short_regime = audit_json("microsoft--Phi-3-mini-128k-instruct.json", 4096);
    BOOST_TEST(short_regime.at("scaling").at("regime") == "short");
    BOOST_TEST(short_regime.at("context_length") == 4096);
    BOOST_TEST(short_regime.at("frequencies").back().at("inv_freq") != long_regime.at("frequencies").back().at("inv_freq"));
}

BOOST_AUTO_TEST_CASE(gptj_rotates_64_of_256) {
    const json j = audit_json("EleutherAI--gpt-j-6b.json");
    BOOST_TEST(j.at("head_dim") == 256);
    BOOST_TEST(j.at("rotary_dim") == 64);
    BOOST_TEST(j.at("frequencies").size() == 32u);
    BOOST_TEST(has_default(j, "rope_theta"));
    // 10000^(-62/64) (docs/rope-scaling.md worked value 6).
    BOOST_TEST(j.at("frequencies").back().at("inv_freq").get<std::string>().rfind("1.333521432163324", 0) == 0);
}

BOOST_AUTO_TEST_CASE(deepseek_and_qwen_fragments) {
    const json d = audit_json("deepseek-ai--DeepSeek-V3.partial.json");
    BOOST_TEST(d.at("rotary_dim") == 64);
    BOOST_TEST(d.at("scaling").at("type") == "yarn");
    BOOST_TEST(d.at("attention_factor").get<std::string>().rfind("1", 0) == 0);  // mscale = mscale_all_dim
    BOOST_TEST(has_default(d, "rope_theta"));
    // omega'_16 = 0.0055 exactly (0-based pair 16, 1-based 17).
    BOOST_TEST(d.at("frequencies").at(16).at("inv_freq").get<std::string>().rfind("5.500000000000000", 0) == 0);
    const json q = audit_json("Qwen--Qwen2.5-7B-Instruct--documented-yarn.json");
    BOOST_TEST(q.at("scaling").at("type") == "yarn");
    BOOST_TEST(q.at("attention_factor").get<std::string>().rfind("1.138629436111989", 0) == 0);
    BOOST_TEST(has_default(q, "max_position_embeddings"));
}

BOOST_AUTO_TEST_CASE(broken_configs_name_the_field) {
    const std::vector<std::pair<std::string, std::string>> cases{
        {"broken--missing-rope-theta.json", "rope_theta"},
        {"broken--wrong-type-head-dim.json", "head_dim"},
        {"broken--unknown-rope-scaling.json", "rope_scaling.rope_type"},
        {"broken--odd-head-dim.json", "head_dim"},
        {"broken--nan-theta.json", "rope_theta"},
        {"broken--theta-one.json", "rope_theta"},
        {"broken--llama3-missing-low-freq.json", "rope_scaling.low_freq_factor"},
        {"does-not-exist.json", "does-not-exist.json"},
    };
    for (const auto& [file, field] : cases) {
        BOOST_TEST_CONTEXT(file) {
            try {
                audit_json(file);
                BOOST_ERROR("no InvalidInput");
            } catch (const ropecheck::InvalidInput& e) {
                BOOST_TEST(std::string(e.what()).find(field) != std::string::npos, e.what());
            }
        }
    }
    AuditOptions o;
    o.config = config_dir / "meta-llama--Llama-3.1-8B.json";
    o.format = "yaml";
    std::ostringstream out;
    BOOST_CHECK_THROW(ropecheck::cli::audit_command(o, out), ropecheck::InvalidInput);
}

BOOST_AUTO_TEST_CASE(text_form_fits_a_terminal) {
    for (const char* name : {"google--gemma-7b.paper.json", "EleutherAI--gpt-j-6b.json", "deepseek-ai--DeepSeek-V3.partial.json"}) {
        const std::string text = audit_text(name, std::nullopt, "text");
        BOOST_TEST(text.find("claims:") != std::string::npos, name);
        BOOST_TEST(text.find("base bound") != std::string::npos, name);
        std::istringstream lines(text);
        std::size_t widest = 0, rows = 0;
        for (std::string line; std::getline(lines, line); ++rows) widest = std::max(widest, line.size());
        BOOST_TEST(rows <= 60u, name);  // one screenful with the table elided
        BOOST_TEST(widest <= 100u, name);
    }
}

// Beyond 2^20 the audit does not start a base-bound search whose cost grows with
// L; it says so and names the probe to run instead of hanging.
BOOST_AUTO_TEST_CASE(base_bound_beyond_the_cap_is_left_to_the_probe) {
    const json j = audit_json("EleutherAI--gpt-j-6b.json", std::int64_t{1} << 21);
    const json& base = j.at("base_bound");
    BOOST_TEST(!base.at("computed").get<bool>());
    BOOST_TEST(base.at("reason").get<std::string>().find("probe base-bound --context 2097152 --head-dim 64") !=
               std::string::npos);
    BOOST_TEST(claim_verdict(j, "rope_theta meets") == "inconclusive");
}

BOOST_AUTO_TEST_CASE(json_is_deterministic) {
    BOOST_TEST(audit_text("meta-llama--Llama-3.2-1B-Instruct.json", std::nullopt, "json") ==
               audit_text("meta-llama--Llama-3.2-1B-Instruct.json", std::nullopt, "json"));
}

BOOST_AUTO_TEST_SUITE_END()
