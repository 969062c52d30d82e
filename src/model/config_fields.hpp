#pragma once
// Typed reads of config.json fields. A key that is absent or null is absent
// (docs/rope-scaling.md: head_dim null = absent); a field of the wrong type
// throws InvalidInput "config field X: ..." naming it.
#include <cstdint>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

namespace ropecheck::model::detail {

using nlohmann::json;

std::string type_name(const json& v);
[[noreturn]] void bad(const std::string& field, const std::string& why);
const json* find(const json& object, const std::string& key);
std::optional<std::int64_t> get_integer(const json& object, const std::string& key, const std::string& field);
double number_of(const json& v, const std::string& field);
std::string decimal_of(const json& v, const std::string& field);
std::optional<std::string> get_decimal(const json& object, const std::string& key, const std::string& field);
std::string get_string(const json& object, const std::string& key, const std::string& field);
// true/false, or the integers 1/0 (transformers tests these with Python truthiness).
std::optional<bool> get_flag(const json& object, const std::string& key, const std::string& field);
void require_positive_number(const json& v, const std::string& field);
int checked_int(std::int64_t v, const std::string& field);

}  // namespace ropecheck::model::detail
