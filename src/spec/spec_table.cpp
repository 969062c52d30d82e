#include "ropecheck/spec/spec_table.hpp"

#include <algorithm>
#include <utility>

#include "ropecheck/spec/toml_value.hpp"

namespace ropecheck::spec {

SpecTable::SpecTable(const toml::table& table, std::string file, std::string path)
    : table_(table), file_(std::move(file)), path_(std::move(path)) {}

InvalidInput SpecTable::error(std::string_view key, const std::string& reason) const {
    const std::string dotted = path_.empty() ? std::string(key) : path_ + "." + std::string(key);
    return InvalidInput(file_ + ": key \"" + dotted + "\": " + reason);
}

std::vector<std::string> SpecTable::keys() const {
    std::vector<std::pair<toml::source_position, std::string>> located;
    for (const auto& [key, node] : table_) located.emplace_back(node.source().begin, std::string(key.str()));
    std::stable_sort(located.begin(), located.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    std::vector<std::string> out;
    for (auto& [position, key] : located) out.push_back(std::move(key));
    return out;
}

void SpecTable::allow_only(std::initializer_list<std::string_view> allowed) const {
    for (const std::string& key : keys()) {
        if (std::find(allowed.begin(), allowed.end(), key) != allowed.end()) continue;
        std::string names;
        for (std::string_view a : allowed) names += (names.empty() ? "" : ", ") + std::string(a);
        throw error(key, "unknown key (allowed here: " + names + ")");
    }
}

bool SpecTable::has(std::string_view key) const { return table_.contains(key); }

const toml::node& SpecTable::required(std::string_view key) const {
    const toml::node* node = table_.get(key);
    if (node == nullptr) throw error(key, "missing (this key is required)");
    return *node;
}

std::string SpecTable::string(std::string_view key) const {
    const toml::node& node = required(key);
    const auto* value = node.as_string();
    if (value == nullptr) throw error(key, "expected a string, got " + type_name(node));
    if (value->get().empty()) throw error(key, "must not be empty");
    return value->get();
}

std::int64_t SpecTable::integer(std::string_view key) const {
    const toml::node& node = required(key);
    const auto* value = node.as_integer();
    if (value == nullptr) throw error(key, "expected an integer, got " + type_name(node));
    return value->get();
}

SpecTable SpecTable::table(std::string_view key) const {
    const toml::node& node = required(key);
    const auto* value = node.as_table();
    if (value == nullptr) throw error(key, "expected a table, got " + type_name(node));
    return SpecTable(*value, file_, path_.empty() ? std::string(key) : path_ + "." + std::string(key));
}

std::vector<SpecTable> SpecTable::tables(std::string_view key) const {
    const toml::node& node = required(key);
    const auto* array = node.as_array();
    if (array == nullptr || !array->is_array_of_tables())
        throw error(key, "expected an array of tables ([[" + std::string(key) + "]]), got " + type_name(node));
    if (array->empty()) throw error(key, "must hold at least one table");
    const std::string base = path_.empty() ? std::string(key) : path_ + "." + std::string(key);
    std::vector<SpecTable> out;
    for (std::size_t i = 0; i < array->size(); ++i)
        out.emplace_back(*array->get(i)->as_table(), file_, base + "[" + std::to_string(i) + "]");
    return out;
}

std::vector<core::json> SpecTable::axis_values(std::string_view key, const toml::node& node) const {
    try {
        const auto* array = node.as_array();
        if (array == nullptr) return {scalar_to_json(node)};
        if (array->empty()) throw InvalidInput("an empty array gives the axis no values");
        std::vector<core::json> values;
        for (std::size_t i = 0; i < array->size(); ++i) {
            const toml::node& element = *array->get(i);
            if (element.is_array() || element.is_table())
                throw InvalidInput("element " + std::to_string(i) + " is " + type_name(element) +
                                   "; an axis lists scalar values");
            values.push_back(scalar_to_json(element));
        }
        return values;
    } catch (const InvalidInput& e) {
        throw error(key, e.what());
    }
}

core::ParameterGrid SpecTable::grid() const {
    core::ParameterGrid grid;
    for (const std::string& key : keys()) grid.emplace_back(key, axis_values(key, *table_.get(key)));
    return grid;
}

}  // namespace ropecheck::spec
