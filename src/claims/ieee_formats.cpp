// The IEEE formats every pipeline claim rests on: binary16, bfloat16 and
// binary32 rounding (round to nearest, ties to even, subnormals, overflow to
// infinity, the spacing just below 1) as numeric::round_to_format and the
// numeric::Ieee<F> arithmetic implement them. Each instance is one row of
// support::ieee_rows, a value derived from the standard's definitions
// (docs/pipeline-and-formats.md, "IEEE formats"): the row's input rounded (or
// its two operands combined) by the code that answers users must give exactly
// the derived value. Exact inputs are hexadecimal floats; a decimal input is
// enclosed in MPFI and both ends must round to the same value (else the row is
// inconclusive).
//
// Negative control "perturbed-input" (control): the same rounding of the row's
// perturbed operand, a value just across the nearest rounding boundary of the
// expected result (or that boundary itself), with the same expectation; every
// row must be refuted by the value the rounding then gives.
#include <mpfr.h>

#include <cstdio>
#include <memory>
#include <string>

#include "ropecheck/numeric/certainty.hpp"
#include "ropecheck/numeric/ieee.hpp"
#include "ropecheck/numeric/invalid_input.hpp"
#include "support/claim_support.hpp"
#include "support/ieee_formats_data.hpp"

namespace ropecheck::claims::ieee_formats {
namespace {

using numeric::IeeeFormat;
using Params = support::RowPoint;

const std::vector<std::string> controls{"none", "perturbed-input"};

// Each parameter once: the schema, the range checks and the run all read it.
support::Fields<Params> fields() {
    return support::row_fields("a row id of the ieee-formats data (src/claims/support/ieee_formats_data.hpp)",
                               controls);
}

const support::IeeeRow& row_named(const std::string& id) {
    return support::row_with_key(support::ieee_rows, &support::IeeeRow::id, id,
                                 "parameter \"row\" = \"" + id + "\" is not a row of the ieee-formats data");
}

bool is_hex(std::string_view text) { return text.starts_with("0x") || text.starts_with("-0x"); }

// An exact number of the data: a hexadecimal float, "0", "inf" or "-inf",
// parsed at 256 bits; throws InvalidInput unless the text is exactly that value.
real exact_value(std::string_view text) {
    real out;
    mpfr_set_prec(out.backend().data(), 256);
    const std::string s(text);
    char* end = nullptr;
    const int ternary = mpfr_strtofr(out.backend().data(), s.c_str(), &end, 0, MPFR_RNDN);
    if (end == s.c_str() || *end != '\0' || ternary != 0 || (!is_hex(s) && s != "0" && s != "inf" && s != "-inf"))
        throw InvalidInput("ieee-formats data: \"" + s + "\" is not an exact hexadecimal float, 0 or +-inf");
    return out;
}

// The data's spelling of a value: "0x1.ffcp-1" (normalised), "0", "+-inf". Values
// of the three formats are doubles exactly; anything else is printed by MPFR.
std::string hex_text(const real& x) {
    if (mpfr_inf_p(x.backend().data()) != 0) return mpfr_signbit(x.backend().data()) != 0 ? "-inf" : "inf";
    if (mpfr_zero_p(x.backend().data()) != 0) return "0";
    const double d = x.convert_to<double>();
    if (real(d) == x) return support::exact_hex(d);
    char* text = nullptr;
    mpfr_asprintf(&text, "%Ra", x.backend().data());
    std::string out(text);
    mpfr_free_str(text);
    return out;
}

template <IeeeFormat F>
real combine(std::string_view operation, const real& a, const real& b) {
    using T = numeric::Ieee<F>;
    const T x = T::from_exact(a), y = T::from_exact(b);
    if (operation == "add") return (x + y).value();
    if (operation == "sub") return (x - y).value();
    if (operation == "mul") return (x * y).value();
    if (operation == "div") return (x / y).value();
    throw InvalidInput("ieee-formats data: unknown operation \"" + std::string(operation) + "\"");
}

real combine(IeeeFormat format, std::string_view operation, const real& a, const real& b) {
    switch (format) {
        case IeeeFormat::binary16: return combine<IeeeFormat::binary16>(operation, a, b);
        case IeeeFormat::bfloat16: return combine<IeeeFormat::bfloat16>(operation, a, b);
        case IeeeFormat::binary32: return combine<IeeeFormat::binary32>(operation, a, b);
        case IeeeFormat::binary64: break;
    }
    throw InvalidInput("ieee-formats covers float16, bfloat16 and float32");
}

// An operand of an arithmetic row must be a value of the format (the operation
// rounds only its result).
void require_representable(const real& x, IeeeFormat format, const support::IeeeRow& row) {
    if (numeric::round_to_format(x, format) != x)
        throw InvalidInput("ieee-formats row " + std::string(row.id) + ": operand " + hex_text(x) + " is not a " +
                           numeric::to_string(format) + " value");
}

class IeeeFormatsCheck final : public support::ClaimCheck<Params> {
    using ClaimCheck::ClaimCheck;

    void check(const Params& p) const override {
        const support::IeeeRow& row = row_named(p.row);
        const IeeeFormat format = numeric::parse_ieee_format(std::string(row.format));
        if (format == IeeeFormat::binary64) throw InvalidInput("ieee-formats covers float16, bfloat16 and float32");
        exact_value(row.expected);
        if (row.operation != "round") {
            require_representable(exact_value(row.a), format, row);
            require_representable(exact_value(row.b), format, row);
            require_representable(exact_value(row.perturbed), format, row);
        }
        support::control_of(p.control, controls);
    }

    core::InstanceResult decide(const core::Instance& instance, const Params& p) const override {
        const support::IeeeRow& row = row_named(p.row);
        const bool perturbed = support::control_of(p.control, controls) == "perturbed-input";
        const IeeeFormat format = numeric::parse_ieee_format(std::string(row.format));
        const std::string_view a = perturbed && row.perturbs == "a" ? row.perturbed : row.a;
        const std::string_view b = perturbed && row.perturbs == "b" ? row.perturbed : row.b;
        const real expected = exact_value(row.expected);

        core::InstanceResult result;
        result.evidence["format"] = numeric::to_string(format);
        result.evidence["operation"] = row.operation;
        result.evidence["a"] = a;
        if (!b.empty()) result.evidence["b"] = b;
        result.evidence["expected"] = row.expected;
        result.evidence["rule"] = row.rule;

        real computed;
        if (row.operation == "round") {
            if (is_hex(a)) {
                computed = numeric::round_to_format(exact_value(a), format);
            } else {
                const interval x = numeric::enclose_decimal(std::string(a));
                const real lo = numeric::round_to_format(numeric::lower_bound(x), format);
                const real hi = numeric::round_to_format(numeric::upper_bound(x), format);
                if (lo != hi) {
                    result.verdict = core::Verdict::inconclusive;
                    result.message = "the enclosure of " + std::string(a) + " straddles a rounding boundary; raise --precision";
                    return result;
                }
                computed = lo;
            }
        } else {
            computed = combine(format, row.operation, exact_value(a), exact_value(b));
        }
        const std::string got = hex_text(computed);
        result.evidence["computed"] = got;
        const std::string what = std::string(row.operation) + "(" + std::string(a) + (b.empty() ? "" : ", " + std::string(b)) +
                                 ") in " + numeric::to_string(format) + " = " + got;
        if (computed == expected) {
            result.verdict = core::Verdict::certified;
            result.message = what + ", as derived (" + std::string(row.rule) + ")";
            return result;
        }
        result.verdict = core::Verdict::refuted;
        result.message = what + ", not the derived " + std::string(row.expected);
        core::Counterexample cx;
        cx.kind = "a rounding that is not the IEEE 754 value";
        cx.inputs = {{"row", std::string(row.id)}, {"format", numeric::to_string(format)}, {"operation", std::string(row.operation)},
                     {"a", std::string(a)}};
        if (!b.empty()) cx.inputs.push_back({"b", std::string(b)});
        cx.claimed = std::string(row.expected) + " (" + std::string(row.rule) + ")";
        cx.computed = got;
        cx.replay = support::replay_header(instance);
        cx.replay["inputs"] = {{"row", std::string(row.id)}, {"computed", got}};
        result.counterexample = std::move(cx);
        return result;
    }
};

}  // namespace

ROPECHECK_REGISTER_CHECK(ieee_formats, IeeeFormatsCheck, "ieee-formats", fields())

}  // namespace ropecheck::claims::ieee_formats
