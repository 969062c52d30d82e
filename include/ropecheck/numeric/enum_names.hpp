#pragma once
// The names of an enumeration's values, listed in declaration order (an enum
// without explicit values: 0, 1, ...). One table serves the value's name, the
// parse of a name and the "expected a, b or c" of the parse's message, so a
// value added to the enum is named in one place.
#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "ropecheck/numeric/invalid_input.hpp"

namespace ropecheck::numeric {

template <std::size_t N>
using EnumNames = std::array<std::string_view, N>;

// Throws std::out_of_range for a value the table does not list (a programming error).
template <class E, std::size_t N>
std::string name_of(const EnumNames<N>& names, E value) {
    return std::string(names.at(static_cast<std::size_t>(value)));
}

template <class E, std::size_t N>
std::optional<E> value_named(const EnumNames<N>& names, std::string_view name) {
    for (std::size_t i = 0; i < N; ++i)
        if (names[i] == name) return static_cast<E>(i);
    return std::nullopt;
}

// "a, b or c".
template <std::size_t N>
std::string names_listed(const EnumNames<N>& names) {
    std::string out;
    for (std::size_t i = 0; i < N; ++i)
        out.append(i == 0 ? "" : i + 1 == N ? " or " : ", ").append(names[i]);
    return out;
}

// The value named `name`; throws InvalidInput `unknown <what> "<name>" (expected a, b or c)`.
template <class E, std::size_t N>
E parse_named(const EnumNames<N>& names, const std::string& name, const std::string& what) {
    if (const auto v = value_named<E>(names, name)) return *v;
    throw InvalidInput("unknown " + what + " \"" + name + "\" (expected " + names_listed(names) + ")");
}

}  // namespace ropecheck::numeric
