#include "ropecheck/core/parameters.hpp"

#include <limits>
#include <regex>

#include "ropecheck/numeric/invalid_input.hpp"

namespace ropecheck::core {

std::string to_string(ParameterKind kind) {
    switch (kind) {
        case ParameterKind::integer: return "integer";
        case ParameterKind::decimal: return "decimal";
        case ParameterKind::fraction: return "fraction";
        case ParameterKind::text: return "text";
        case ParameterKind::boolean: return "boolean";
    }
    return "text";
}

const json& Parameters::at(const std::string& name) const {
    if (!values_.contains(name)) throw InvalidInput("missing parameter \"" + name + "\"");
    return values_.at(name);
}

std::int64_t Parameters::integer(const std::string& name) const {
    const json& v = at(name);
    if (!v.is_number_integer())
        throw InvalidInput("parameter \"" + name + "\" must be an integer, got " + v.dump());
    return v.get<std::int64_t>();
}

int Parameters::small_integer(const std::string& name) const {
    const std::int64_t v = integer(name);
    if (v < std::numeric_limits<int>::min() || v > std::numeric_limits<int>::max())
        throw InvalidInput("parameter \"" + name + "\" = " + std::to_string(v) + " is too large");
    return static_cast<int>(v);
}

std::string Parameters::decimal(const std::string& name) const {
    const json& v = at(name);
    if (v.is_number_integer()) return std::to_string(v.get<std::int64_t>());
    if (v.is_string()) {
        static const std::regex decimal_text(R"([-+]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][-+]?[0-9]+)?)");
        const std::string s = v.get<std::string>();
        if (!std::regex_match(s, decimal_text))
            throw InvalidInput("parameter \"" + name + "\" = \"" + s + "\" is not a decimal number");
        return s;
    }
    throw InvalidInput("parameter \"" + name +
                       "\" must be a decimal string (e.g. \"10000\") or an integer, got " + v.dump());
}

numeric::ExactFraction Parameters::fraction(const std::string& name) const {
    const json& v = at(name);
    std::string s;
    if (v.is_number_integer()) s = std::to_string(v.get<std::int64_t>());
    else if (v.is_string()) s = v.get<std::string>();
    else
        throw InvalidInput("parameter \"" + name + "\" must be a decimal string such as \"0.75\", got " +
                           v.dump());
    if (!s.empty() && s[0] == '-')
        throw InvalidInput("parameter \"" + name + "\" = " + s + " is outside [0, 1]");
    const auto f = numeric::ExactFraction::parse_decimal(s, name);
    if (!f.at_most_one())
        throw InvalidInput("parameter \"" + name + "\" = " + s + " is outside [0, 1]");
    return f;
}

std::string Parameters::text(const std::string& name) const {
    const json& v = at(name);
    if (!v.is_string()) throw InvalidInput("parameter \"" + name + "\" must be a string, got " + v.dump());
    return v.get<std::string>();
}

bool Parameters::boolean(const std::string& name) const {
    const json& v = at(name);
    if (!v.is_boolean()) throw InvalidInput("parameter \"" + name + "\" must be true or false, got " + v.dump());
    return v.get<bool>();
}

Parameters conform(const json& values, const std::vector<ParameterSpec>& schema,
                   const std::string& where) {
    if (!values.is_object()) throw InvalidInput(where + ": parameters must be a table");
    json out = json::object();
    for (auto it = values.begin(); it != values.end(); ++it) {
        bool known = false;
        for (const auto& p : schema) known = known || p.name == it.key();
        if (!known) {
            std::string names;
            for (const auto& p : schema) names += (names.empty() ? "" : ", ") + p.name;
            throw InvalidInput(where + ": unknown parameter \"" + it.key() + "\" (this check takes: " +
                               names + ")");
        }
    }
    for (const auto& p : schema) {
        if (values.contains(p.name)) {
            out[p.name] = values.at(p.name);
        } else if (p.required) {
            throw InvalidInput(where + ": missing required parameter \"" + p.name + "\" (" +
                               p.description + ")");
        } else if (!p.default_value.is_null()) {
            out[p.name] = p.default_value;
        }
    }
    Parameters params(out);
    // Type-check every present value once, so a bad type fails before any run.
    for (const auto& p : schema) {
        if (!params.has(p.name)) continue;
        try {
            switch (p.kind) {
                case ParameterKind::integer: params.integer(p.name); break;
                case ParameterKind::decimal: params.decimal(p.name); break;
                case ParameterKind::fraction: params.fraction(p.name); break;
                case ParameterKind::text: params.text(p.name); break;
                case ParameterKind::boolean: params.boolean(p.name); break;
            }
        } catch (const InvalidInput& e) {
            throw InvalidInput(where + ": " + e.what());
        }
    }
    return params;
}

}  // namespace ropecheck::core
