#pragma once
// TOML scalars as the JSON values checks read. A TOML float becomes decimal
// text, because checks read exact decimals from strings and a binary double
// must not pass for the decimal the author meant.
#include <string>

#include <toml++/toml.h>

#include "ropecheck/core/parameters.hpp"

namespace ropecheck::spec {

// "a string", "an integer", "a floating-point number", ... for messages.
std::string type_name(const toml::node& node);

// Throws InvalidInput with only the reason (callers add file and key) for
// dates, times, arrays, tables and non-finite floats.
core::json scalar_to_json(const toml::node& node);

}  // namespace ropecheck::spec
