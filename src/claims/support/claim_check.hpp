#pragma once
// A claim's check with its parameters declared once. The claim lists each parameter a single
// time, as a schema entry (name, kind, description, default) bound to a member of its own
// parameter struct; the schema (`parameters()`), the range checks (`check`) and the decision
// (`decide`) all read that one table, so no name is spelt twice and no run re-reads a value by
// string. ROPECHECK_REGISTER_CHECK in the claim's file registers it under its name: the build
// scans src/claims/*.cpp for the marker and generates the registration list
// (cmake/claim_registry.cmake).
// Private to src/claims.
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "ropecheck/core/check.hpp"
#include "ropecheck/numeric/exact_fraction.hpp"

namespace ropecheck::claims::support {

namespace detail {

template <class T>
struct optional_of {
    using type = T;
    static constexpr bool value = false;
};
template <class T>
struct optional_of<std::optional<T>> {
    using type = T;
    static constexpr bool value = true;
};

// Whether a member of type T can hold a value of `kind` (a mismatch is a programming error).
template <class T>
bool holds(core::ParameterKind kind) {
    using core::ParameterKind;
    if constexpr (std::is_same_v<T, std::int64_t> || std::is_same_v<T, int>) return kind == ParameterKind::integer;
    else if constexpr (std::is_same_v<T, bool>) return kind == ParameterKind::boolean;
    else if constexpr (std::is_same_v<T, numeric::ExactFraction>) return kind == ParameterKind::fraction;
    else {
        static_assert(std::is_same_v<T, std::string>, "a parameter member is int, int64, bool, string or ExactFraction");
        return kind == ParameterKind::decimal || kind == ParameterKind::text;
    }
}

// The typed accessor of core::Parameters for T; their messages are the claims' messages.
template <class T>
T read_value(const core::Parameters& p, const core::ParameterSpec& spec) {
    if constexpr (std::is_same_v<T, std::int64_t>) return p.integer(spec.name);
    else if constexpr (std::is_same_v<T, int>) return p.small_integer(spec.name);
    else if constexpr (std::is_same_v<T, bool>) return p.boolean(spec.name);
    else if constexpr (std::is_same_v<T, numeric::ExactFraction>) return p.fraction(spec.name);
    else return spec.kind == core::ParameterKind::text ? p.text(spec.name) : p.decimal(spec.name);
}

}  // namespace detail

// One parameter: its schema entry and the member of P its value is read into. A member of type
// std::optional<T> is an optional parameter without a default (absent stays nullopt).
template <class P>
struct Field {
    core::ParameterSpec spec;
    std::function<void(P&, const core::Parameters&)> read;

    template <class T, class C>
    Field(core::ParameterSpec entry, T C::*member) : spec(std::move(entry)) {
        static_assert(std::is_base_of_v<C, P>, "the member belongs to the parameter struct or a base");
        using Value = typename detail::optional_of<T>::type;
        if (!detail::holds<Value>(spec.kind))
            throw std::logic_error("parameter \"" + spec.name + "\": member type does not hold a " +
                                   core::to_string(spec.kind));
        if constexpr (detail::optional_of<T>::value) spec.required = false;
        T P::*m = member;
        read = [m, s = spec](P& out, const core::Parameters& p) {
            if constexpr (detail::optional_of<T>::value) {
                if (p.has(s.name)) out.*m = detail::read_value<Value>(p, s);
            } else {
                out.*m = detail::read_value<Value>(p, s);
            }
        };
    }
    template <class T, class C>
    Field(std::string name, core::ParameterKind kind, std::string description, T C::*member)
        : Field(core::ParameterSpec{std::move(name), kind, std::move(description)}, member) {}
    // Optional, with the default conform() fills in.
    template <class T, class C>
    Field(std::string name, core::ParameterKind kind, std::string description, core::json default_value,
          T C::*member)
        : Field(core::ParameterSpec{std::move(name), kind, std::move(description), false, std::move(default_value)},
                member) {}
};

template <class P>
using Fields = std::vector<Field<P>>;

// Concatenates field tables (shared groups such as rope_fields, then a claim's own).
template <class P>
Fields<P> operator+(Fields<P> a, const Fields<P>& b) {
    a.insert(a.end(), b.begin(), b.end());
    return a;
}

// The check of one claim, named by its spec id. P is read from the conformed parameters for
// the range checks and again for each run (reading cannot fail after conform(), except an
// integer too large for an int member, with the message Parameters::small_integer gives).
template <class P>
class ClaimCheck : public core::Check {
public:
    ClaimCheck(std::string name, Fields<P> fields) : name_(std::move(name)), fields_(std::move(fields)) {}

    std::string name() const final { return name_; }
    std::vector<core::ParameterSpec> parameters() const final {
        std::vector<core::ParameterSpec> out;
        for (const auto& f : fields_) out.push_back(f.spec);
        return out;
    }
    void validate(const core::Parameters& params) const final { check(read(params)); }
    core::InstanceResult run(const core::Instance& instance) const final {
        return decide(instance, read(instance.params));
    }

protected:
    // Range checks on one grid point; throws InvalidInput.
    virtual void check(const P& p) const = 0;
    virtual core::InstanceResult decide(const core::Instance& instance, const P& p) const = 0;

private:
    P read(const core::Parameters& params) const {
        P out{};
        for (const auto& f : fields_) f.read(out, params);
        return out;
    }
    std::string name_;
    Fields<P> fields_;
};

}  // namespace ropecheck::claims::support

// Registers `Class` (a ClaimCheck<P> with `using ClaimCheck::ClaimCheck;`) as the built-in check
// `name` with the parameter table `fields`. `stem` is the file's name without .cpp, and `name`
// spelt with '_' for '-' and '.' (checked by cmake/claim_registry.cmake). Written in the
// claim's namespace ropecheck::claims::<stem>; the generated list calls <stem>::make_check().
#define ROPECHECK_REGISTER_CHECK(stem, Class, name, fields) \
    std::unique_ptr<core::Check> make_check();              \
    std::unique_ptr<core::Check> make_check() { return std::make_unique<Class>(name, fields); }
