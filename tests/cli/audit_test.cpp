// `ropecheck audit`: real published configs in tests/data/configs
// (provenance in tests/data/configs/SOURCES.md) resolve as transformers would, and broken ones are
// rejected with the field named.
#include <boost/test/unit_test.hpp>

#include <map>
#include <filesystem>
#include <iostream>
#include <nlohmann/json.hpp>
#include <fstream>
#include <set>
#include <sstream>
#include <unistd.h>

#include "report_shape.hpp"
#include "../support/tool_runner.hpp"
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

// The verdict of group `g`'s finding `id` ("thm-6.1", "float-collision/bfloat16").
std::string claim_verdict(const json& j, const std::string& id, std::size_t g = 0) {
    for (const auto& c : j.at("layer_groups").at(g).at("claims"))
        if (c.at("id") == id) return c.at("verdict");
    return "missing";
}

const json& group(const json& j, std::size_t g = 0) { return j.at("layer_groups").at(g); }
const json& schedule(const json& j, std::size_t g = 0) { return group(j, g).at("schedule"); }

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
            for (const char* key : {"schema", "schema_version", "model_type", "num_layers", "context_length",
                                    "defaults_applied", "ignored_keys", "notes", "layer_groups"})
                BOOST_TEST(j.contains(key), key);
            BOOST_TEST(j.at("schema") == "ropecheck-audit");
            BOOST_TEST(j.at("schema_version") == 4);
            // Every layer in exactly one group.
            std::vector<int> seen(j.at("num_layers").get<std::size_t>(), 0);
            for (const auto& g : j.at("layer_groups")) {
                for (const auto& l : g.at("layers")) ++seen.at(l.get<std::size_t>());
                for (const char* key : {"layers", "attention", "window", "max_distance", "rope", "schedule", "pairs",
                                        "rotating_pairs", "frequencies", "robust_channels",
                                        "all_frequency_break_distance", "positional_margin", "float_collision",
                                        "base_bound", "claims"})
                    BOOST_TEST(g.contains(key), key);
                const std::int64_t span = g.at("max_distance");
                BOOST_TEST(span <= j.at("context_length").get<std::int64_t>() - 1);
                if (!g.at("rope").get<bool>()) {
                    BOOST_TEST(claim_verdict(j, "prop-5.2", g.at("index")) == "certified");
                    BOOST_TEST(g.at("robust_channels").size() == g.at("pairs").get<std::size_t>());
                    continue;
                }
                BOOST_TEST(g.at("frequencies").size() == g.at("rotating_pairs").get<std::size_t>());
                // A pair is robust exactly when its break lies beyond the group's span.
                for (const auto& f : g.at("frequencies")) {
                    const json& b = f.at("first_break_distance");
                    BOOST_TEST(f.at("robust").get<bool>() == (b.is_null() || b.get<std::int64_t>() > span));
                }
                for (const char* d : {"float32", "bfloat16", "float16"}) BOOST_TEST(g.at("float_collision").contains(d));
                BOOST_TEST(claim_verdict(j, "thm-5.3", g.at("index")) == "certified");
                for (const auto& c : g.at("claims")) BOOST_TEST(c.at("verdict") != "error", c.dump());
            }
            for (int n : seen) BOOST_TEST(n == 1);
        }
    }
    BOOST_TEST(count == 29);
}

BOOST_AUTO_TEST_CASE(llama_3_1_resolves_llama3_scaling) {
    const json j = audit_json("meta-llama--Llama-3.1-8B.json");
    BOOST_TEST(schedule(j).at("scaling").at("type") == "llama3");
    BOOST_TEST(schedule(j).at("scaling").at("factor") == "8");
    BOOST_TEST(schedule(j).at("head_dim") == 128);
    BOOST_TEST(j.at("context_length") == 131072);
    const auto& f = group(j).at("frequencies");
    BOOST_REQUIRE_EQUAL(f.size(), 64u);
    BOOST_TEST(f.front().at("index") == 1);
    BOOST_TEST(f.front().at("inv_freq").get<std::string>().rfind("1", 0) == 0);
    BOOST_TEST(std::stod(f.front().at("inv_freq").get<std::string>()) == 1.0);
    const std::string lowest = f.back().at("inv_freq");
    BOOST_TEST(lowest.rfind("3.0689259889145", 0) == 0, lowest);
    BOOST_TEST(schedule(j).at("attention_factor").get<std::string>().rfind("1", 0) == 0);
    BOOST_TEST(j.at("defaults_applied").empty());
    // The break distance is a number beyond the context (issue 13's outside figure).
    BOOST_TEST(f.back().at("first_break_distance") == 5118392);
    BOOST_TEST(f.back().at("robust").get<bool>());
}

// --precision-slips: per preset, the first repeated rotation table and phase
// inversions. The collisions of the position-rounding slips follow from the
// formats alone: bfloat16 holds the integers up to 2^8, TF32 up to 2^11, so
// 2^8 + 1 and 2^11 + 1 round (ties to even) onto the position before them. The
// others must be what `probe position-collision` answers for the same schedule
// (the audit reaches the pipeline through the config, the probe through options).
BOOST_AUTO_TEST_CASE(precision_slips_per_preset) {
    AuditOptions o;
    o.config = config_dir / "meta-llama--Llama-3.1-8B.json";
    o.context = 6000;
    o.format = "json";
    o.precision_slips = true;
    std::ostringstream out;
    BOOST_REQUIRE_EQUAL(ropecheck::cli::audit_command(o, out), 0);
    const json j = json::parse(out.str());
    BOOST_TEST(j.at("schema_version") == 4);
    const json& s = j.at("precision_slips");
    BOOST_TEST(s.at("dtype") == "bfloat16");
    const json& g = s.at("groups").at(0);
    BOOST_TEST(g.at("highest_pair") == 1);
    BOOST_TEST(g.at("lowest_pair") == 64);
    std::map<std::string, json> by;
    for (const auto& p : g.at("presets")) by[p.at("preset")] = p;
    BOOST_REQUIRE_EQUAL(by.size(), 6u);
    BOOST_TEST(by.at("default").at("first_collision_position").is_null());
    BOOST_TEST(by.at("default").at("highest_pair_phase_inversion").is_null());
    BOOST_TEST(by.at("positions-bf16").at("first_collision_position") == 257);
    BOOST_TEST(by.at("positions-bf16").at("collides_with") == 256);
    BOOST_TEST(by.at("autocast-bf16").at("first_collision_position") == 257);
    BOOST_TEST(by.at("tf32-angles").at("first_collision_position") == 2049);
    BOOST_TEST(by.at("tf32-angles").at("collides_with") == 2048);
    const std::string schedule_args =
        " --theta 500000 --head-dim 128 --scaling llama3 --factor 8 --low-freq-factor 1 --high-freq-factor 4 "
        "--original-max-position-embeddings 8192 --context 6000 --format json";
    for (const char* preset : {"half-cache", "inv-freq-bf16", "positions-bf16"})
        for (int pair : {1, 64}) {
            const auto r = ropecheck::test::run_tool("probe position-collision --variant " + std::string(preset) +
                                                     " --frequency " + std::to_string(pair) + schedule_args);
            BOOST_REQUIRE_MESSAGE(r.code == 0, r.output);
            const json probe = json::parse(r.output);
            BOOST_TEST_CONTEXT(preset << " pair " << pair) {
                BOOST_TEST(probe.at("first_collision_position") == by.at(preset).at("first_collision_position"));
                BOOST_TEST(probe.at("first_phase_inversion_position") ==
                           by.at(preset).at(pair == 1 ? "highest_pair_phase_inversion" : "lowest_pair_phase_inversion"));
            }
        }
    // The diagonal and semantic-order losses are the probes' answers under the preset: psi on
    // the highest pair for pipeline-diagonal, on the lowest for pipeline-flip, over the context.
    for (const auto& [preset, row] : by) {
        const std::string variant = " --variant " + preset;
        const auto d = ropecheck::test::run_tool("probe pipeline-diagonal --frequency 1" + variant + schedule_args);
        BOOST_REQUIRE_MESSAGE(d.code == 0, d.output);
        const auto f = ropecheck::test::run_tool("probe pipeline-flip --frequency 64" + variant + schedule_args);
        BOOST_REQUIRE_MESSAGE(f.code == 0, f.output);
        BOOST_TEST_CONTEXT(preset) {
            const json& diagonal = row.at("diagonal_loss");
            BOOST_TEST(diagonal.at("query_position") == json::parse(d.output).at("lost_at_query_position"));
            BOOST_TEST(diagonal.at("scanned_to") == 6000);
            BOOST_TEST(!diagonal.at("budget_stopped").get<bool>());
            const json& order = row.at("semantic_order_loss");
            BOOST_TEST(order.at("searched").get<bool>());
            BOOST_TEST(order.at("distance") == json::parse(f.output).at("flip_distance"));
            BOOST_TEST(order.at("context") == 6000);
        }
    }
    // bfloat16 loses pair 1's diagonal at its collision distance 44 whatever the slip; the
    // lowest pair (break at 5118392) keeps its order within 6000.
    BOOST_TEST(by.at("positions-bf16").at("diagonal_loss").at("query_position") == 44);
    BOOST_TEST(by.at("default").at("semantic_order_loss").at("distance").is_null());
    BOOST_TEST(s.at("diagonal_pair_budget") == std::int64_t{1} << 26);
    // The text view: one row per preset under the group.
    o.format = "text";
    std::ostringstream text;
    BOOST_REQUIRE_EQUAL(ropecheck::cli::audit_command(o, text), 0);
    BOOST_TEST(text.str().find("precision slips") != std::string::npos);
    BOOST_TEST(text.str().find("257 = 256") != std::string::npos);
    BOOST_TEST(text.str().find("2049 = 2048") != std::string::npos);
    // Without the option there is no precision_slips key.
    BOOST_TEST(!audit_json("meta-llama--Llama-3.1-8B.json", 6000).contains("precision_slips"));
}

BOOST_AUTO_TEST_CASE(gemma3_lists_its_defaults) {
    const json j = audit_json("google--gemma-3-4b-it.json");
    BOOST_TEST(has_default(j, "rope_theta"));
    BOOST_TEST(has_default(j, "head_dim"));
    BOOST_TEST(has_default(j, "max_position_embeddings"));
    // The global (full-attention) layers: theta 10^6 with linear 8.
    std::size_t global = 0;
    while (group(j, global).at("attention") != "full") ++global;
    BOOST_TEST(schedule(j, global).at("head_dim") == 256);
    BOOST_TEST(schedule(j, global).at("scaling").at("type") == "linear");
    // Lowest global-layer frequency 1e6^(-254/256) / 8 (docs/rope-scaling.md worked value 7).
    BOOST_TEST(group(j, global).at("frequencies").back().at("inv_freq").get<std::string>().rfind("1.392467324993", 0) == 0);
}

BOOST_AUTO_TEST_CASE(phi3_regime_follows_the_context) {
    const json long_regime = audit_json("microsoft--Phi-3-mini-128k-instruct.json");
    BOOST_TEST(long_regime.at("context_length") == 131072);
    BOOST_TEST(schedule(long_regime).at("scaling").at("type") == "longrope");
    BOOST_TEST(schedule(long_regime).at("scaling").at("regime") == "long");
    BOOST_TEST(schedule(long_regime).at("scaling").at("original_max_position_embeddings") == 4096);
    BOOST_TEST(schedule(long_regime).at("attention_factor").get<std::string>().rfind("1.190238071423808", 0) == 0);
    const json short_regime = audit_json("microsoft--Phi-3-mini-128k-instruct.json", 4096);
    BOOST_TEST(schedule(short_regime).at("scaling").at("regime") == "short");
    BOOST_TEST(short_regime.at("context_length") == 4096);
    BOOST_TEST(group(short_regime).at("frequencies").back().at("inv_freq") !=
               group(long_regime).at("frequencies").back().at("inv_freq"));
}

BOOST_AUTO_TEST_CASE(gptj_rotates_64_of_256) {
    const json j = audit_json("EleutherAI--gpt-j-6b.json");
    BOOST_TEST(schedule(j).at("head_dim") == 256);
    BOOST_TEST(schedule(j).at("rotary_dim") == 64);
    BOOST_TEST(group(j).at("frequencies").size() == 32u);
    BOOST_TEST(has_default(j, "rope_theta"));
    // 10000^(-62/64) (docs/rope-scaling.md worked value 6).
    BOOST_TEST(group(j).at("frequencies").back().at("inv_freq").get<std::string>().rfind("1.333521432163324", 0) == 0);
    // The 96 pairs that do not rotate are robust channels, and add 96 to the all-frequency sum.
    BOOST_TEST(group(j).at("robust_channels").size() >= 96u);
    BOOST_TEST(group(j).at("all_frequency_break_distance").is_null());
}

BOOST_AUTO_TEST_CASE(deepseek_and_qwen_fragments) {
    const json d = audit_json("deepseek-ai--DeepSeek-V3.partial.json");
    BOOST_TEST(schedule(d).at("rotary_dim") == 64);
    BOOST_TEST(schedule(d).at("scaling").at("type") == "yarn");
    BOOST_TEST(schedule(d).at("attention_factor").get<std::string>().rfind("1", 0) == 0);  // mscale = mscale_all_dim
    BOOST_TEST(has_default(d, "rope_theta"));
    // omega'_16 = 0.0055 exactly (0-based pair 16, 1-based 17).
    BOOST_TEST(group(d).at("frequencies").at(16).at("inv_freq").get<std::string>().rfind("5.500000000000000", 0) == 0);
    const json q = audit_json("Qwen--Qwen2.5-7B-Instruct--documented-yarn.json");
    BOOST_TEST(schedule(q).at("scaling").at("type") == "yarn");
    BOOST_TEST(schedule(q).at("attention_factor").get<std::string>().rfind("1.138629436111989", 0) == 0);
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
        BOOST_TEST(text.find("findings:") != std::string::npos, name);
        BOOST_TEST(text.find("base-bound") != std::string::npos, name);
        std::istringstream lines(text);
        std::size_t widest = 0, rows = 0;
        for (std::string line; std::getline(lines, line); ++rows) widest = std::max(widest, line.size());
        BOOST_TEST(rows <= 60u, name);  // one screenful with the table elided
        BOOST_TEST(widest <= 100u, name);
    }
}

// Beyond its budget (context x D > 2^23) the audit does not start a base-bound search whose cost grows with
// L; it says so and names the probe to run instead of hanging.
BOOST_AUTO_TEST_CASE(base_bound_beyond_the_cap_is_left_to_the_probe) {
    const json j = audit_json("EleutherAI--gpt-j-6b.json", std::int64_t{1} << 21);
    const json& base = group(j).at("base_bound");
    BOOST_TEST(!base.at("computed").get<bool>());
    BOOST_TEST(claim_verdict(j, "base-bound") == "inconclusive");
    std::string message;
    for (const auto& c : group(j).at("claims"))
        if (c.at("id") == "base-bound") message = c.at("message");
    BOOST_TEST(message.find("probe base-bound --context 2097152 --head-dim 64") != std::string::npos, message);
    BOOST_TEST(message.find("--base-bound-budget 134217728") != std::string::npos, message);  // 2^21 x 64
}

BOOST_AUTO_TEST_CASE(json_is_deterministic) {
    BOOST_TEST(audit_text("meta-llama--Llama-3.2-1B-Instruct.json", std::nullopt, "json") ==
               audit_text("meta-llama--Llama-3.2-1B-Instruct.json", std::nullopt, "json"));
}

// gpt-oss alternates sliding-window (128) and full layers (transformers'
// GptOssConfig: layer_types, even layers sliding): two groups, the sliding one
// seeing 127 distances, the full one 131071.
BOOST_AUTO_TEST_CASE(gpt_oss_is_two_groups_with_their_own_spans) {
    const json j = audit_json("openai--gpt-oss-20b.json");
    BOOST_TEST_REQUIRE(j.at("layer_groups").size() == 2u);
    for (const auto& g : j.at("layer_groups")) {
        const bool sliding = g.at("attention") == "sliding";
        BOOST_TEST(g.at("max_distance") == (sliding ? 127 : 131071));
        BOOST_TEST(g.at("layers").size() == 12u);
        BOOST_TEST(g.at("layers").at(0) == (sliding ? 0 : 1));
        // Over 127 distances most channels never break; over the full context fewer stay robust.
        BOOST_TEST(claim_verdict(j, "thm-6.1", g.at("index")) == "refuted");
    }
    const auto robust = [&](std::size_t g) { return group(j, g).at("robust_channels").size(); };
    BOOST_TEST(robust(0) > robust(1));
}

BOOST_AUTO_TEST_CASE(report_dir_writes_the_suites_reports_with_findings) {
    const fs::path dir = fs::temp_directory_path() / ("ropecheck-audit-reports-" + std::to_string(::getpid()));
    fs::remove_all(dir);
    AuditOptions o;
    o.config = config_dir / "HuggingFaceTB--SmolLM3-3B.json";
    o.report_dir = dir;
    std::ostringstream out;
    BOOST_TEST(ropecheck::cli::audit_command(o, out) == 0);
    const json report = json::parse(std::ifstream(dir / "report.json"));
    std::stringstream junit;
    junit << std::ifstream(dir / "junit.xml").rdbuf();
    report_shape::check_report_json(report);
    report_shape::check_junit_xml(junit.str(), report);
    BOOST_TEST(fs::exists(dir / "report.md"));
    BOOST_TEST(report.at("summary").at("findings") == report.at("claims").size());
    // The NoPE layers answer prop-5.2, the RoPE layers thm-6.1 (and no NoPE group asks thm-6.1).
    std::set<std::string> ids;
    for (const auto& c : report.at("claims")) ids.insert(c.at("run_id").get<std::string>());
    const json audit = audit_json("HuggingFaceTB--SmolLM3-3B.json");
    for (const auto& g : audit.at("layer_groups")) {
        const std::string prefix = "group-" + g.at("index").dump() + "/";
        BOOST_TEST(ids.count(prefix + "prop-5.2") == (g.at("rope").get<bool>() ? 0u : 1u));
        BOOST_TEST(ids.count(prefix + "thm-6.1") == (g.at("rope").get<bool>() ? 1u : 0u));
    }
    fs::remove_all(dir);
}

BOOST_AUTO_TEST_CASE(fail_on_gates_a_config_on_a_refuted_finding) {
    AuditOptions o;
    o.config = config_dir / "openai--gpt-oss-20b.json";
    std::ostringstream out;
    o.fail_on = {"prop-5.2"};  // no NoPE group: nothing to refute
    BOOST_TEST(ropecheck::cli::audit_command(o, out) == 0);
    o.fail_on = {"thm-6.1"};   // both groups keep robust channels
    BOOST_TEST(ropecheck::cli::audit_command(o, out) == 1);
    o.fail_on = {"float-collision/bfloat16"};
    BOOST_TEST(ropecheck::cli::audit_command(o, out) == 1);
    o.fail_on = {"thm-9.9"};
    try {
        ropecheck::cli::audit_command(o, out);
        BOOST_ERROR("no InvalidInput");
    } catch (const ropecheck::InvalidInput& e) {
        BOOST_TEST(std::string(e.what()).find("--fail-on thm-9.9") != std::string::npos, e.what());
    }
    o.fail_on = {};
    o.base_bound_budget = 0;
    BOOST_CHECK_THROW(ropecheck::cli::audit_command(o, out), ropecheck::InvalidInput);
}

BOOST_AUTO_TEST_SUITE_END()
