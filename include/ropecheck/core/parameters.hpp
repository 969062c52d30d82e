#pragma once
// One grid point's parameters, and the schema a check declares for them.
// Values are kept as JSON scalars (integer, number, string, boolean) in the
// order the spec gave them; typed accessors throw InvalidInput naming the key.
#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "ropecheck/numeric/exact_fraction.hpp"

namespace ropecheck::core {

using json = nlohmann::ordered_json;

enum class ParameterKind {
    integer,   // a whole number, e.g. head_dim = 64
    decimal,   // an exact decimal given as string or integer, e.g. theta = "10000"
    fraction,  // a decimal in [0, 1] held exactly, e.g. p = "0.75"
    text,      // a word from a fixed vocabulary, e.g. control = "shifted-key"
    boolean,
};

std::string to_string(ParameterKind kind);

// A word a parameter takes besides a value of its kind, and the switch that
// sets it on a command line: frequency = "all" from --all-frequencies.
struct ParameterWord {
    std::string word;
    std::string flag;
    std::string description;
};

struct ParameterSpec {
    std::string name;
    ParameterKind kind;
    std::string description;
    bool required = true;
    json default_value = nullptr;  // used when not required and absent
    // What a schema a command line is built from also says (`ropecheck probe`;
    // a claim's schema leaves them empty):
    std::string within = {};      // the value sits in values[within][name] (the schedule's "scaling" keys)
    std::string flag = {};        // the option; empty: "--" + name with '-' for '_'
    std::string value_name = {};  // the option's value in help and messages ("N"); empty: the kind
    std::vector<ParameterWord> words = {};  // accepted in place of a value of `kind`
};

// The command-line option of a parameter: its `flag`, or "--" + name with '-' for '_'.
std::string flag_of(const ParameterSpec& spec);

class Parameters {
public:
    Parameters() : values_(json::object()) {}
    explicit Parameters(json values) : values_(std::move(values)) {}

    bool has(const std::string& name) const { return values_.contains(name); }
    std::int64_t integer(const std::string& name) const;
    int small_integer(const std::string& name) const;  // fits in int
    // Exact decimal text: "10000" for 10000, "0.5" for "0.5"; a TOML float is
    // accepted only when it printed back exactly.
    std::string decimal(const std::string& name) const;
    numeric::ExactFraction fraction(const std::string& name) const;
    std::string text(const std::string& name) const;
    bool boolean(const std::string& name) const;

    const json& values() const { return values_; }
    json& values() { return values_; }

private:
    const json& at(const std::string& name) const;
    json values_;
};

// Checks the keys and JSON types of `values` against `schema`, fills defaults,
// and returns the completed parameters in the schema's order. A parameter with
// `within` is looked for in the object values[within]; a value that is one of
// the parameter's `words` passes its type check. `where` prefixes messages.
Parameters conform(const json& values, const std::vector<ParameterSpec>& schema,
                   const std::string& where);

}  // namespace ropecheck::core
