#include "config_fields.hpp"

#include <cmath>

#include "ropecheck/model/model_config.hpp"
#include "ropecheck/numeric/decimal.hpp"
#include "ropecheck/numeric/invalid_input.hpp"

namespace ropecheck::model::detail {

std::string type_name(const json& v) {
    if (v.is_number_integer() || v.is_number_unsigned()) return "integer";
    if (v.is_number_float()) return "number";
    return v.type_name();
}

void bad(const std::string& field, const std::string& why) { throw InvalidInput("config field " + field + ": " + why); }

const json* find(const json& object, const std::string& key) {
    const auto it = object.find(key);
    if (it == object.end() || it->is_null()) return nullptr;
    return &*it;
}

std::optional<std::int64_t> get_integer(const json& object, const std::string& key, const std::string& field) {
    const json* v = find(object, key);
    if (!v) return std::nullopt;
    if (v->is_number_integer() || v->is_number_unsigned()) {
        if (v->is_number_unsigned() && v->get<std::uint64_t>() > std::uint64_t{1} << 62)
            bad(field, "integer out of range");
        return v->get<std::int64_t>();
    }
    if (v->is_number_float()) {  // 4096.0 is an integer written as a float
        const double x = v->get<double>();
        if (std::isfinite(x) && x == std::floor(x) && std::fabs(x) < 4.0e18) return static_cast<std::int64_t>(x);
        bad(field, "expected an integer, got " + v->dump());
    }
    bad(field, "expected an integer, got " + type_name(*v) + " " + v->dump());
}

double number_of(const json& v, const std::string& field) {
    if (!v.is_number()) bad(field, "expected a number, got " + type_name(v) + " " + v.dump());
    const double x = v.get<double>();
    if (!std::isfinite(x)) bad(field, "expected a finite number, got " + v.dump());
    return x;
}

std::string decimal_of(const json& v, const std::string& field) {
    if (v.is_number_integer()) return std::to_string(v.get<std::int64_t>());
    if (v.is_number_unsigned()) return std::to_string(v.get<std::uint64_t>());
    return numeric::shortest_fixed_decimal(number_of(v, field));
}

std::optional<std::string> get_decimal(const json& object, const std::string& key, const std::string& field) {
    const json* v = find(object, key);
    if (!v) return std::nullopt;
    return decimal_of(*v, field);
}

std::string get_string(const json& object, const std::string& key, const std::string& field) {
    const json* v = find(object, key);
    if (!v) return {};
    if (!v->is_string()) bad(field, "expected a string, got " + type_name(*v) + " " + v->dump());
    return v->get<std::string>();
}

std::optional<bool> get_flag(const json& object, const std::string& key, const std::string& field) {
    const json* v = find(object, key);
    if (!v) return std::nullopt;
    if (v->is_boolean()) return v->get<bool>();
    if (v->is_number_integer() && (v->get<std::int64_t>() == 0 || v->get<std::int64_t>() == 1))
        return v->get<std::int64_t>() == 1;
    bad(field, "expected a boolean, got " + type_name(*v) + " " + v->dump());
}

// The decimal must be > 0; a JSON number is finite already.
void require_positive_number(const json& v, const std::string& field) {
    if (!(number_of(v, field) > 0)) bad(field, "must be > 0, got " + v.dump());
}

int checked_int(std::int64_t v, const std::string& field) {
    if (v < 1 || v > 65536) bad(field, std::to_string(v) + " is out of range (1 to 65536)");
    return static_cast<int>(v);
}

}  // namespace ropecheck::model::detail
