// The one replay record format (core/replay_record.hpp): what the writers put
// in, in order, and what the reader takes from every supported version.
#include <boost/test/unit_test.hpp>

#include <string>
#include <vector>

#include "ropecheck/core/replay_record.hpp"
#include "ropecheck/numeric/invalid_input.hpp"

using namespace ropecheck;
using core::json;

namespace {

std::vector<std::string> keys(const json& j) {
    std::vector<std::string> out;
    for (auto it = j.begin(); it != j.end(); ++it) out.push_back(it.key());
    return out;
}

core::Instance negative_instance() {
    core::Instance i;
    i.claim_id = "prop-3.1";
    i.variant = "negative";
    i.negative = "shifted-key";
    i.index = 3;
    i.seed = 42;
    i.precision_bits = 200;
    i.params = core::Parameters(json{{"head_dim", 2}});
    return i;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(replay_record)

BOOST_AUTO_TEST_CASE(writers_put_version_and_kind_first) {
    const json claim = core::claim_replay_record(negative_instance());
    BOOST_TEST(keys(claim) == (std::vector<std::string>{"version", "kind", "claim", "variant", "negative", "seed",
                                                        "instance", "precision", "parameters"}),
               boost::test_tools::per_element());
    BOOST_TEST(claim.at("version") == core::replay_record_version);
    const json probe = core::probe_replay_record("density", {{"precision", 128}}, {{"least_length", 18}});
    BOOST_TEST(keys(probe) == (std::vector<std::string>{"version", "kind", "probe", "parameters", "answer"}),
               boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(the_reader_takes_every_version) {
    const auto v3 = core::read_replay_record(core::claim_replay_record(negative_instance()), "f");
    BOOST_TEST((v3.kind == core::ReplayKind::claim));
    BOOST_TEST(v3.subject == "prop-3.1");
    BOOST_TEST(v3.negative == "shifted-key");
    BOOST_TEST(v3.instance == 3u);
    BOOST_TEST(v3.seed == 42u);
    BOOST_TEST(v3.precision == 200u);

    json v2 = core::claim_replay_record(negative_instance());
    v2.erase("kind");
    v2["version"] = 2;
    BOOST_TEST(core::read_replay_record(v2, "f").negative == "shifted-key");
    json v1 = v2;
    v1.erase("version");
    v1.erase("negative");
    const auto old = core::read_replay_record(v1, "f");
    BOOST_TEST(old.version == 1);
    BOOST_TEST(old.negative.empty());
    BOOST_TEST(old.variant == "negative");

    json probe = core::probe_replay_record("density", {{"precision", 96}}, {{"least_length", 18}});
    const auto p3 = core::read_replay_record(probe, "f");
    BOOST_TEST((p3.kind == core::ReplayKind::probe));
    BOOST_TEST(p3.precision == 96u);  // a probe's precision is one of its parameters
    BOOST_TEST(p3.answer.at("least_length") == 18);
    probe["version"] = 1;
    BOOST_TEST(core::read_replay_record(probe, "f").version == 1);
}

BOOST_AUTO_TEST_CASE(the_reader_names_what_is_wrong) {
    const auto fails = [](const json& record, const std::string& message) {
        try {
            core::read_replay_record(record, "f.json");
            BOOST_ERROR("accepted " << record.dump());
        } catch (const InvalidInput& e) {
            BOOST_TEST(std::string(e.what()).find(message) != std::string::npos, e.what());
            BOOST_TEST(std::string(e.what()).rfind("f.json: ", 0) == 0u, e.what());
        }
    };
    fails(json::array(), "a replay record is a JSON object");
    json r = core::claim_replay_record(negative_instance());
    r["version"] = 4;
    fails(r, "version 4 is not supported");
    r["version"] = "3";
    fails(r, "\"version\" has the wrong type");
    r["version"] = 3;
    r.erase("kind");
    fails(r, "no \"kind\"");
    r["kind"] = "claim";
    r.erase("seed");
    fails(r, "no \"seed\"");
    json p = core::probe_replay_record("density", json::object(), json::object());
    fails(p, "no \"precision\"");
    p["parameters"] = {{"precision", 128}};
    p["answer"] = 18;
    fails(p, "\"answer\" has the wrong type");
}

BOOST_AUTO_TEST_CASE(conform_reads_words_and_groups) {
    std::vector<core::ParameterSpec> schema{{"frequency", core::ParameterKind::integer, "k", false},
                                            {"type", core::ParameterKind::text, "t", false},
                                            {"factor", core::ParameterKind::text, "f", false}};
    schema[0].words.push_back({"all", "--all", "every"});
    schema[1].within = schema[2].within = "scaling";
    const auto p = core::conform(json{{"scaling", {{"type", "linear"}, {"factor", "2"}}}, {"frequency", "all"}},
                                 schema, "w");
    BOOST_TEST(keys(p.values()) == (std::vector<std::string>{"frequency", "scaling"}), boost::test_tools::per_element());
    BOOST_TEST(keys(p.values().at("scaling")) == (std::vector<std::string>{"factor", "type"}),
               boost::test_tools::per_element());
    BOOST_CHECK_THROW(core::conform(json{{"frequency", "most"}}, schema, "w"), InvalidInput);
    BOOST_CHECK_THROW(core::conform(json{{"scaling", "linear"}}, schema, "w"), InvalidInput);
    BOOST_CHECK_THROW(core::conform(json{{"scaling", {{"kind", "linear"}}}}, schema, "w"), InvalidInput);
    BOOST_CHECK_THROW(core::conform(json{{"type", "linear"}}, schema, "w"), InvalidInput);  // only within scaling
    BOOST_TEST(core::flag_of(schema[0]) == "--frequency");
}

BOOST_AUTO_TEST_SUITE_END()
