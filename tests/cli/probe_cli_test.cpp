// `ropecheck probe` as a user meets it: JSON fields and their types, answers
// for Gemma 7B (theta 10^4, d 256) and Llama 3.1 base (theta 5*10^5, d 128)
// cross-checked by methods independent of the sweep engine (the continued
// fraction of 2 pi; floor(pi / (2 g)) + 1 in MPFR), bad arguments, an answer
// beyond the search limit, and replay records.
#include <sys/wait.h>
#include <unistd.h>

#include <boost/test/unit_test.hpp>

#include "../support/tool_runner.hpp"
#include "../support/two_pi_convergents.hpp"
#include <mpfr.h>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "ropecheck/numeric/precision_guard.hpp"
#include "ropecheck/numeric/types.hpp"

namespace fs = std::filesystem;
using nlohmann::json;
using ropecheck::numeric::real;

namespace {

using ropecheck::test::two_pi_convergent_numerators;

using ropecheck::test::run_tool;

json probe_json(const std::string& arguments) {
    const auto r = run_tool("probe " + arguments + " --format json");
    BOOST_REQUIRE_MESSAGE(r.code == 0, r.output);
    return json::parse(r.output);
}

fs::path scratch_file(const std::string& name) {
    return fs::temp_directory_path() / ("ropecheck-probe-" + std::to_string(::getpid()) + "-" + name);
}

// Significant digits of a decimal string such as "-1.2345e-06".
int significant_digits(const std::string& s) {
    int digits = 0;
    bool leading = true;
    for (char c : s) {
        if (c == 'e' || c == 'E') break;
        if (c < '0' || c > '9') continue;
        if (leading && c == '0') continue;
        leading = false;
        ++digits;
    }
    return digits;
}

// The break of the lowest frequency g = theta^(-(d-2)/d): floor(pi / (2 g)) + 1,
// with g from MPFR's pow at 300 bits (the tool uses exp and log in MPFI).
std::int64_t lowest_break_by_formula(const std::string& theta, int d) {
    ropecheck::numeric::PrecisionGuard guard(300);
    real pi;
    mpfr_const_pi(pi.backend().data(), MPFR_RNDN);
    const real g = pow(real(theta), real(-(d - 2)) / d);
    return floor(pi / (2 * g)).convert_to<std::int64_t>() + 1;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(probe_cli)

BOOST_AUTO_TEST_CASE(json_fields_and_types) {
    const auto m = probe_json("positional-margin --max-distance 1000");
    BOOST_TEST(m["probe"] == "positional-margin");
    BOOST_TEST(m["parameters"]["theta"] == "10000");
    BOOST_TEST(m["parameters"]["head_dim"] == 256);
    BOOST_TEST(m["parameters"]["frequency"] == 1);
    BOOST_TEST(m["parameters"]["precision"] == 128);
    BOOST_TEST(m["parameters"]["max_distance"] == 1000);
    BOOST_TEST(m["worst_distance"].is_number_integer());
    for (const char* key : {"margin", "margin_lower", "margin_upper"}) {
        BOOST_TEST_CONTEXT(key) {
            BOOST_REQUIRE(m[key].is_string());
            BOOST_TEST(significant_digits(m[key].get<std::string>()) >= 17);
        }
    }
    BOOST_TEST(m["certified"].is_boolean());

    const auto s = probe_json("semantic-break --theta 500000 --head-dim 16 --precision 200");
    BOOST_TEST(s["parameters"]["frequency"] == 8);  // default: the lowest, d/2
    BOOST_TEST(s["parameters"]["precision"] == 200);
    BOOST_TEST(s["parameters"]["max_distance"] == 1'000'000'000);
    BOOST_TEST(s["first_break_distance"].is_number_integer());
    BOOST_TEST(s["certified"] == true);

    const auto all = probe_json("semantic-break --all-frequencies --head-dim 8 --max-distance 10000");
    BOOST_TEST(all["parameters"]["frequency"] == "all");
    BOOST_TEST(all["first_break_distance"].is_number_integer());

    const auto scale = probe_json("diagonal-scale --context 50 --epsilon 0.1 --head-dim 8");
    for (const char* key : {"scale", "scale_lower", "scale_upper"}) BOOST_TEST(scale[key].is_string(), key);
    BOOST_TEST(scale["certified"].is_boolean());
    BOOST_TEST(scale["parameters"]["pattern"] == "diagonal");

    const auto dense = probe_json("density --gap 0.5 --head-dim 8");
    BOOST_TEST(dense["least_length"].is_number_integer());
    BOOST_TEST(dense["certified"].is_boolean());
}

BOOST_AUTO_TEST_CASE(highest_frequency_worst_distance_is_a_convergent_of_two_pi) {
    // g_1 = 1 for every theta: Gemma 7B and Llama 3.1 base both.
    const auto convergents = two_pi_convergent_numerators(5'000'000);
    for (const auto& [model, n] : {std::pair{"--theta 10000 --head-dim 256", 1'000'000},
                                   std::pair{"--theta 500000 --head-dim 128", 5'000'000}}) {
        std::int64_t expected = 0;
        for (std::int64_t p : convergents)
            if (p <= n) expected = p;
        const auto m = probe_json(std::string("positional-margin ") + model + " --max-distance " + std::to_string(n));
        BOOST_TEST_CONTEXT(model) {
            BOOST_TEST(m["worst_distance"].get<std::int64_t>() == expected);
            BOOST_TEST(m["certified"] == true);
            // The printed bounds enclose 1 - cos(p), evaluated here in MPFR.
            ropecheck::numeric::PrecisionGuard guard(300);
            const real margin = 1 - cos(real(static_cast<long long>(expected)));
            BOOST_TEST((real(m["margin_lower"].get<std::string>()) <= margin));
            BOOST_TEST((margin <= real(m["margin_upper"].get<std::string>())));
        }
    }
}

BOOST_AUTO_TEST_CASE(lowest_frequency_breaks_a_quarter_turn_later) {
    for (const auto& [theta, d] : {std::pair{"10000", 256}, std::pair{"500000", 128}}) {
        const auto s = probe_json(std::string("semantic-break --theta ") + theta + " --head-dim " + std::to_string(d));
        BOOST_TEST_CONTEXT("theta " << theta << " d " << d) {
            BOOST_TEST(s["first_break_distance"].get<std::int64_t>() == lowest_break_by_formula(theta, d));
            BOOST_TEST(s["certified"] == true);
        }
    }
    // The text form says the same.
    const auto text = run_tool("probe semantic-break");
    BOOST_TEST(text.code == 0);
    BOOST_TEST(text.output.find("r = " + std::to_string(lowest_break_by_formula("10000", 256))) != std::string::npos,
               text.output);
}

BOOST_AUTO_TEST_CASE(an_answer_beyond_the_limit_is_null_and_said_so) {
    const std::int64_t limit = lowest_break_by_formula("10000", 256) - 1;
    const std::string args = "semantic-break --max-distance " + std::to_string(limit);
    const auto s = probe_json(args);
    BOOST_TEST(s["first_break_distance"].is_null());
    BOOST_TEST(s["certified"] == true);
    const auto text = run_tool("probe " + args);
    BOOST_TEST(text.code == 0);
    BOOST_TEST(text.output.find("beyond " + std::to_string(limit)) != std::string::npos, text.output);
}

BOOST_AUTO_TEST_CASE(bad_arguments_exit_2_naming_the_problem) {
    const std::vector<std::pair<std::string, std::string>> cases{
        {"probe semantic-break --head-dim 7", "odd"},
        {"probe semantic-break --theta 1", "theta"},
        {"probe semantic-break --frequency 0", "--frequency 0"},
        {"probe semantic-break --frequency 129", "--frequency 129"},
        {"probe semantic-break --head-dim 128 --frequency 65", "--frequency 65"},
        {"probe positional-margin --max-distance -5", "--max-distance -5"},
        {"probe semantic-break --precision 40", "--precision 40"},
        {"probe frobnicate", "frobnicate"},
        {"probe positional-margin", "--max-distance"},
        {"probe semantic-break --context 10", "--context"},
        {"probe diagonal-scale --context 10", "--epsilon"},
        {"probe density --gap 0.5 --all-frequencies", "--all-frequencies"},
        {"probe semantic-break --format yaml", "yaml"},
        {"probe pipeline-diagonal", "--context"},
        {"probe pipeline-diagonal --context 100 --dtype float64", "float64"},
        {"probe pipeline-diagonal --context 100000", "--context 100000"},
        {"probe pipeline-flip --dtype float8", "float8"},
        {"probe float-collision --max-distance 10 --dtype float64", "float64"},
        {"probe pipeline-flip --head-dim 8 --p-rope 0.5 --frequency 4", "--frequency 4"},
        {"probe pipeline-flip --max-distance 10", "--max-distance"},
        // pipeline variants and position-collision
        {"probe position-collision --context 100 --variant bf16-everything", "--variant bf16-everything"},
        {"probe position-collision --context 100 --table-dtype tf32", "--table-dtype tf32"},
        {"probe position-collision --context 100 --accumulation-dtype bfloat16", "--accumulation-dtype bfloat16"},
        {"probe position-collision --context 100 --positions-dtype float64", "--positions-dtype float64"},
        {"probe pipeline-flip --angle-dtype int4", "--angle-dtype int4"},
        {"probe position-collision --context 70000 --variant half-cache", "--context 70000"},
        {"probe position-collision --context 100 --phase-error 4", "--phase-error 4"},
        {"probe position-collision --context 0", "--context 0"},
        {"probe position-collision", "--context"},
    };
    for (const auto& [args, message] : cases) {
        const auto r = run_tool(args);
        BOOST_TEST_CONTEXT(args) {
            BOOST_TEST(r.code == 2);
            BOOST_TEST(r.output.find(message) != std::string::npos, r.output);
        }
    }
    BOOST_TEST(run_tool("probe --help").code == 0);
}

// The pipeline probes answer what the pipeline claims certify (tests/claims/
// pipeline_claims_test.cpp), on the command line and with a schedule.
BOOST_AUTO_TEST_CASE(pipeline_probes_answer_with_the_claims_figures) {
    const json diagonal = probe_json("pipeline-diagonal --head-dim 64 --context 1000");
    BOOST_TEST(diagonal.at("lost_at_query_position").get<int>() == 44);
    BOOST_TEST(diagonal.at("rival_key_position").get<int>() == 0);
    BOOST_TEST(diagonal.at("target_score") == diagonal.at("rival_score"));
    const json kept = probe_json("pipeline-diagonal --head-dim 64 --context 700 --dtype float32");
    BOOST_TEST(kept.at("lost_at_query_position").is_null());

    const json flip = probe_json("pipeline-flip --head-dim 64");
    BOOST_TEST(flip.at("exact_break_distance").get<int>() == 11780);
    BOOST_TEST(flip.at("context").get<int>() == 2 * 11780);
    BOOST_TEST(flip.at("flip_distance").get<int>() == 11739);
    BOOST_TEST(flip.at("query_position").get<int>() == 17525);
    BOOST_TEST(flip.at("first_distance_scanned").get<int>() > 1);
    BOOST_TEST(probe_json("pipeline-flip --head-dim 64 --dtype float32").at("flip_distance").is_null());
    // A scaled schedule reaches the pipeline: Llama 3.1's scaling moves the lowest
    // pair's exact break far beyond plain theta = 5e5's 639799.
    const json scaled = probe_json(
        "pipeline-flip --theta 500000 --head-dim 128 --frequency 40 --dtype float16 --scaling llama3 --factor 8 "
        "--low-freq-factor 1 --high-freq-factor 4 --original-max-position-embeddings 8192");
    const json plain = probe_json("pipeline-flip --theta 500000 --head-dim 128 --frequency 40 --dtype float16");
    BOOST_TEST(scaled.at("exact_break_distance").get<int>() > plain.at("exact_break_distance").get<int>());
    if (!scaled.at("flip_distance").is_null())
        BOOST_TEST(scaled.at("flip_distance").get<int>() < scaled.at("exact_break_distance").get<int>());
    // Replay re-runs the pipeline probe and compares the flip distance.
    const fs::path file = scratch_file("pipeline-flip.json");
    BOOST_REQUIRE(run_tool("probe pipeline-flip --head-dim 64 --dtype float16 --replay-file " + file.string()).code == 0);
    BOOST_TEST(run_tool("replay " + file.string()).code == 0);
    json record = json::parse(std::ifstream(file));
    record["answer"]["flip_distance"] = 11000;
    std::ofstream(file) << record.dump();
    BOOST_TEST(run_tool("replay " + file.string()).code == 1);
    fs::remove(file);
}

// Pipeline variants on the command line: the presets and per-step flags reach
// the pipeline probes, position-collision answers with its documented fields and
// replays (a bad variant or a format a step cannot take exits 2 naming it: above).
BOOST_AUTO_TEST_CASE(pipeline_variants_and_position_collision) {
    const json c = probe_json("position-collision --head-dim 64 --context 3000 --variant positions-bf16");
    BOOST_TEST(c.at("variant") == "positions-bf16");
    BOOST_TEST(c.at("steps").at("positions") == "bfloat16");
    BOOST_TEST(c.at("first_collision_position").get<int>() == 257);  // 257 rounds to 256 in bfloat16
    BOOST_TEST(c.at("collides_with").get<int>() == 256);
    // pair 1 (g = 1): 514 rounds to 512 (ties to even), an error of 2 >= pi/2; every
    // earlier position is off by at most 1
    BOOST_TEST(c.at("first_phase_inversion_position").get<int>() == 514);
    const json none = probe_json("position-collision --head-dim 64 --context 3000");
    BOOST_TEST(none.at("first_collision_position").is_null());
    BOOST_TEST(none.at("collides_with").is_null());
    BOOST_TEST(none.at("first_phase_inversion_position").is_null());
    // A per-step flag is the preset's step: the same answer.
    const json flag = probe_json("position-collision --head-dim 64 --context 3000 --positions-dtype bf16");
    BOOST_TEST(flag.at("variant") == "positions-bf16");
    BOOST_TEST(flag.at("first_collision_position") == c.at("first_collision_position"));
    // TF32 keeps 11 bits of the position: 2049 is 2048.
    BOOST_TEST(probe_json("position-collision --head-dim 64 --context 3000 --variant tf32-angles")
                   .at("first_collision_position")
                   .get<int>() == 2049);
    // The variant reaches pipeline-diagonal: without a variant the answer is unchanged.
    const json diagonal = probe_json("pipeline-diagonal --head-dim 64 --context 600 --dtype float32 --variant autocast-bf16");
    BOOST_TEST(diagonal.at("variant") == "autocast-bf16");
    BOOST_TEST(!diagonal.at("lost_at_query_position").is_null());
    BOOST_TEST(probe_json("pipeline-diagonal --head-dim 64 --context 600 --dtype float32")
                   .at("lost_at_query_position")
                   .is_null());

    const fs::path file = scratch_file("position-collision.json");
    BOOST_REQUIRE(run_tool("probe position-collision --head-dim 64 --context 3000 --variant positions-bf16 "
                           "--replay-file " + file.string())
                      .code == 0);
    BOOST_TEST(run_tool("replay " + file.string()).code == 0);
    json record = json::parse(std::ifstream(file));
    BOOST_TEST(record["parameters"]["variant"] == "positions-bf16");
    record["answer"]["first_collision_position"] = 300;
    std::ofstream(file) << record.dump();
    BOOST_TEST(run_tool("replay " + file.string()).code == 1);
    fs::remove(file);

}

BOOST_AUTO_TEST_CASE(replay_records_re_run_the_probe) {
    const fs::path file = scratch_file("break.json");
    const auto r = run_tool("probe semantic-break --head-dim 64 --replay-file " + file.string());
    BOOST_REQUIRE_MESSAGE(r.code == 0, r.output);
    json record;
    {
        std::ifstream in(file);
        record = json::parse(in);
    }
    BOOST_TEST(record["version"] == 3);
    BOOST_TEST(record["kind"] == "probe");
    BOOST_TEST(record["probe"] == "semantic-break");
    BOOST_TEST(record["parameters"]["head_dim"] == 64);
    BOOST_TEST(record["answer"]["first_break_distance"] == lowest_break_by_formula("10000", 64));

    // The record replays to the same answer, also at a higher precision.
    BOOST_TEST(run_tool("replay " + file.string()).code == 0);
    BOOST_TEST(run_tool("replay --precision 256 " + file.string()).code == 0);
    // A record whose answer is wrong does not.
    record["answer"]["first_break_distance"] = record["answer"]["first_break_distance"].get<std::int64_t>() + 1;
    std::ofstream(file) << record.dump(2);
    const auto changed = run_tool("replay " + file.string());
    BOOST_TEST(changed.code == 1, changed.output);
    // A record naming no known probe is bad input.
    record["probe"] = "frobnicate";
    std::ofstream(file) << record.dump(2);
    const auto unknown = run_tool("replay " + file.string());
    BOOST_TEST(unknown.code == 2, unknown.output);
    fs::remove(file);
}

// Llama 3.1's llama3 scaling divides its lowest frequency by 8 (wavelength above
// L0 / low_freq_factor), so that channel breaks at floor(8 pi / (2 g)) + 1.
BOOST_AUTO_TEST_CASE(scaling_options_change_the_schedule) {
    const std::string llama3 = " --theta 500000 --head-dim 128 --scaling llama3 --factor 8 --low-freq-factor 1"
                               " --high-freq-factor 4 --original-max-position-embeddings 8192";
    const auto scaled = probe_json("semantic-break" + llama3);
    mpfr_t g, x;
    mpfr_inits2(256, g, x, static_cast<mpfr_ptr>(nullptr));
    mpfr_set_ui(g, 500000, MPFR_RNDN);
    mpfr_set_si(x, -126, MPFR_RNDN);
    mpfr_div_ui(x, x, 128, MPFR_RNDN);
    mpfr_pow(g, g, x, MPFR_RNDN);
    mpfr_div_ui(g, g, 8, MPFR_RNDN);
    mpfr_const_pi(x, MPFR_RNDN);
    mpfr_div(x, x, g, MPFR_RNDN);
    mpfr_div_ui(x, x, 2, MPFR_RNDN);
    const long expected = mpfr_get_si(x, MPFR_RNDD) + 1;
    mpfr_clears(g, x, static_cast<mpfr_ptr>(nullptr));
    BOOST_TEST(scaled["first_break_distance"].get<long>() == expected);
    BOOST_TEST(scaled["parameters"]["scaling"]["type"] == "llama3");
    const auto swapped = run_tool("probe semantic-break --theta 500000 --head-dim 128 --scaling llama3 --factor 8"
                                  " --low-freq-factor 4 --high-freq-factor 1 --original-max-position-embeddings 8192");
    BOOST_TEST(swapped.code == 2);
    BOOST_TEST(swapped.output.find("--low-freq-factor") != std::string::npos, swapped.output);
    const auto missing = run_tool("probe semantic-break --scaling llama3 --factor 8");
    BOOST_TEST(missing.code == 2);
    BOOST_TEST(missing.output.find("--original-max-position-embeddings") != std::string::npos, missing.output);
    BOOST_TEST(run_tool("probe semantic-break --scaling linear --factor 0.5").code == 2);
    BOOST_TEST(run_tool("probe semantic-break --scaling ntk-by-parts --factor 2").code == 2);
}

BOOST_AUTO_TEST_SUITE_END()
