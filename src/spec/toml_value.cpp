#include "ropecheck/spec/toml_value.hpp"

#include <charconv>
#include <cmath>

#include "ropecheck/numeric/decimal.hpp"
#include "ropecheck/numeric/invalid_input.hpp"

namespace ropecheck::spec {

std::string type_name(const toml::node& node) {
    switch (node.type()) {
        case toml::node_type::none: return "nothing";
        case toml::node_type::table: return "a table";
        case toml::node_type::array: return "an array";
        case toml::node_type::string: return "a string";
        case toml::node_type::integer: return "an integer";
        case toml::node_type::floating_point: return "a floating-point number";
        case toml::node_type::boolean: return "a boolean";
        case toml::node_type::date: return "a date";
        case toml::node_type::time: return "a time";
        case toml::node_type::date_time: return "a date-time";
    }
    return "an unknown value";
}

core::json scalar_to_json(const toml::node& node) {
    if (const auto* v = node.as_integer()) return core::json(v->get());
    if (const auto* v = node.as_string()) return core::json(v->get());
    if (const auto* v = node.as_boolean()) return core::json(v->get());
    if (const auto* v = node.as_floating_point()) {
        if (!std::isfinite(v->get()))
            throw InvalidInput(numeric::shortest_decimal(v->get()) + " is not a finite number");
        return core::json(numeric::shortest_decimal(v->get()));
    }
    throw InvalidInput(type_name(node) +
                       " is not a parameter value (use an integer, a string, a boolean or a number)");
}

}  // namespace ropecheck::spec
