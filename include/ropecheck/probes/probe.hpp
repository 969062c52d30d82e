#pragma once
// A probe: one quantitative question about a RoPE schedule answered with a
// certified number (`ropecheck probe NAME`). A probe hands its constructor what
// it is (ProbeIdentity), its request as a parameter schema (core::ParameterSpec)
// and the answer fields a replay compares; it implements only complete() and
// run(). The command line, its help, the JSON output and the replay record are
// all built from that schema, so a probe is one file, src/probes/<name, - as _>_probe.cpp, defining
//   std::unique_ptr<Probe> make_<name, - as _>_probe();
// CMakeLists.txt lists those files into register_builtin_probes (a generated
// source: a self-registering object in a static library would be dropped by
// the linker), and tests/probes/probe_registry_test.cpp checks that every probe
// has its file, its test and its README row.
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "ropecheck/core/parameters.hpp"

namespace ropecheck::probes {

struct Answer {
    core::json fields = core::json::object();  // the answer as printed in JSON, in this order
    std::string text;                          // the same, one line for a person
    std::string label;                         // the request in words for headings: "g_1 = 1.0e+00"
};

// What a probe is called and asks: fixed when it is made, held by Probe.
struct ProbeIdentity {
    std::string name;  // "positional-margin"
    // Where help and messages list the probe (ascending): the order probes were added.
    int listing_rank = 0;
    std::string summary;  // the question, one line for help
};

class Probe {
public:
    virtual ~Probe() = default;
    const std::string& name() const { return identity_.name; }
    int listing_rank() const { return identity_.listing_rank; }
    const std::string& summary() const { return identity_.summary; }
    // The request, in the order it is recorded. Every probe's starts with
    // request_parameters() (probe_parameters.hpp); a probe of a schedule ends
    // with schedule_parameters(). A probe file states only the parameters in
    // between (src/probes/probe_support.hpp builds the rest around them).
    const std::vector<core::ParameterSpec>& parameters() const { return parameters_; }
    // Range checks on a request that conforms to parameters(), and the defaults
    // that depend on other parameters (semantic-break's frequency d/2). Throws
    // InvalidInput naming the option.
    virtual void complete(core::Parameters& request) const = 0;
    // Answers a complete request at the current MPFR/MPFI precision.
    virtual Answer run(const core::Parameters& request) const = 0;

    // The answer fields a replay compares, recorded against re-run.
    const std::vector<std::string>& replay_fields() const { return replay_fields_; }
    // Whether a re-run answers as recorded: by default every replay field is equal.
    // Throws InvalidInput when a recorded field is missing or malformed.
    virtual bool same_answer(const core::json& recorded, const core::json& now) const;
    // The replay fields of an answer in words: one field's JSON, several as
    // "[a, b]"; "(missing)" when the answer lacks one.
    std::string answer_summary(const core::json& answer) const;
    // Whether the text heading starts with "theta = ..." (not for a probe
    // that searches the base itself).
    virtual bool heading_names_theta() const { return true; }

protected:
    Probe(ProbeIdentity identity, std::vector<core::ParameterSpec> parameters, std::vector<std::string> replay_fields)
        : identity_(std::move(identity)),
          parameters_(std::move(parameters)),
          replay_fields_(std::move(replay_fields)) {}

private:
    ProbeIdentity identity_;
    std::vector<core::ParameterSpec> parameters_;
    std::vector<std::string> replay_fields_;
};

}  // namespace ropecheck::probes
