#pragma once
// Typed access to one table of a claim spec. Every failure names the file and
// the dotted key, so a spec author knows where to look.
#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include <toml++/toml.h>

#include "ropecheck/core/claim_spec.hpp"
#include "ropecheck/numeric/invalid_input.hpp"

namespace ropecheck::spec {

class SpecTable {
public:
    // `path` is the table's dotted key: "" for the document, "profiles.ci", ...
    SpecTable(const toml::table& table, std::string file, std::string path);

    // Throws "unknown key" for the first key, in file order, not in `allowed`.
    void allow_only(std::initializer_list<std::string_view> allowed) const;
    bool has(std::string_view key) const;
    std::string string(std::string_view key) const;    // required, non-empty
    std::int64_t integer(std::string_view key) const;  // required
    SpecTable table(std::string_view key) const;       // required
    // An array of tables (`[[key]]`), required and non-empty; element i has
    // the dotted path "key[i]".
    std::vector<SpecTable> tables(std::string_view key) const;

    // Every key is an axis: a scalar is one value, an array lists the values.
    core::ParameterGrid grid() const;

    // toml++ keeps a table sorted by key; authors order axes on purpose, so
    // this gives the keys in the order the file wrote them.
    std::vector<std::string> keys() const;

    // `FILE: key "PATH.KEY": REASON`
    InvalidInput error(std::string_view key, const std::string& reason) const;

private:
    const toml::node& required(std::string_view key) const;
    std::vector<core::json> axis_values(std::string_view key, const toml::node& node) const;

    const toml::table& table_;
    std::string file_;
    std::string path_;
};

}  // namespace ropecheck::spec
