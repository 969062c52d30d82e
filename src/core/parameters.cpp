#include "ropecheck/core/parameters.hpp"

#include <algorithm>
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

std::string flag_of(const ParameterSpec& spec) {
    if (!spec.flag.empty()) return spec.flag;
    std::string flag = "--" + spec.name;
    std::replace(flag.begin(), flag.end(), '_', '-');
    return flag;
}

namespace {

bool is_word(const ParameterSpec& p, const json& v) {
    return v.is_string() && std::any_of(p.words.begin(), p.words.end(),
                                        [&](const ParameterWord& w) { return w.word == v.get<std::string>(); });
}

// Throws InvalidInput unless `value` is of `p`'s kind (or one of its words).
void check_kind(const ParameterSpec& p, const json& value) {
    if (is_word(p, value)) return;
    const Parameters one(json{{p.name, value}});
    switch (p.kind) {
        case ParameterKind::integer: one.integer(p.name); break;
        case ParameterKind::decimal: one.decimal(p.name); break;
        case ParameterKind::fraction: one.fraction(p.name); break;
        case ParameterKind::text: one.text(p.name); break;
        case ParameterKind::boolean: one.boolean(p.name); break;
    }
}

// The names a check takes at the top level (a group once, by its name), or within a group.
std::string names_within(const std::vector<ParameterSpec>& schema, const std::string& within) {
    std::vector<std::string> names;
    for (const auto& p : schema) {
        std::string name = p.name;
        if (within.empty() && !p.within.empty()) name = p.within;
        else if (p.within != within) continue;
        if (std::find(names.begin(), names.end(), name) == names.end()) names.push_back(name);
    }
    std::string out;
    for (const auto& n : names) out += (out.empty() ? "" : ", ") + n;
    return out;
}

bool takes(const std::vector<ParameterSpec>& schema, const std::string& within, const std::string& name) {
    return std::any_of(schema.begin(), schema.end(),
                       [&](const ParameterSpec& p) { return p.within == within && p.name == name; });
}

bool is_group(const std::vector<ParameterSpec>& schema, const std::string& name) {
    return std::any_of(schema.begin(), schema.end(), [&](const ParameterSpec& p) { return p.within == name; });
}

}  // namespace

Parameters conform(const json& values, const std::vector<ParameterSpec>& schema,
                   const std::string& where) {
    if (!values.is_object()) throw InvalidInput(where + ": parameters must be a table");
    for (auto it = values.begin(); it != values.end(); ++it) {
        if (takes(schema, "", it.key())) continue;
        if (!is_group(schema, it.key()))
            throw InvalidInput(where + ": unknown parameter \"" + it.key() + "\" (this check takes: " +
                               names_within(schema, "") + ")");
        if (!it.value().is_object())
            throw InvalidInput(where + ": parameter \"" + it.key() + "\" must be a table");
        for (auto sub = it.value().begin(); sub != it.value().end(); ++sub)
            if (!takes(schema, it.key(), sub.key()))
                throw InvalidInput(where + ": unknown parameter \"" + it.key() + "." + sub.key() + "\" (" +
                                   it.key() + " takes: " + names_within(schema, it.key()) + ")");
    }
    json out = json::object();
    std::vector<std::pair<const ParameterSpec*, json>> present;
    for (const auto& p : schema) {
        const json* given = nullptr;
        if (p.within.empty() && values.contains(p.name)) given = &values.at(p.name);
        if (!p.within.empty() && values.contains(p.within) && values.at(p.within).contains(p.name))
            given = &values.at(p.within).at(p.name);
        if (given == nullptr && p.required)
            throw InvalidInput(where + ": missing required parameter \"" + p.name + "\" (" +
                               p.description + ")");
        const json& value = given != nullptr ? *given : p.default_value;
        if (!value.is_null()) present.emplace_back(&p, value);
    }
    // Type-check every present value once, so a bad type fails before any run.
    for (const auto& [p, value] : present) {
        try {
            check_kind(*p, value);
        } catch (const InvalidInput& e) {
            throw InvalidInput(where + ": " + e.what());
        }
        if (p->within.empty()) {
            out[p->name] = value;
            continue;
        }
        // An object's members in name order: a record does not depend on the
        // order the options were given in.
        json& group = out[p->within];
        json sorted = json::object();
        bool placed = false;
        for (auto it = group.begin(); it != group.end(); ++it) {
            if (!placed && p->name < it.key()) {
                sorted[p->name] = value;
                placed = true;
            }
            sorted[it.key()] = it.value();
        }
        if (!placed) sorted[p->name] = value;
        group = std::move(sorted);
    }
    return Parameters(out);
}

}  // namespace ropecheck::core
