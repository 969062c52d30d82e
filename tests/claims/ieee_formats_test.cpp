// ieee-formats: every row of the data is re-derived here by two routes that
// share no code with ropecheck's MPFR emulation — an integer-exact rounding
// written from the definition (scale by a power of two, std::nearbyint, which
// rounds half to even) and, for float32 and float16, the hardware's own
// conversions and arithmetic — then the claim certifies every row and its
// negative control refutes every row.
#include <boost/test/unit_test.hpp>

#include <cfenv>
#include <cmath>
#include <cstdlib>
#include <limits>
#include <string>

#include "../../src/claims/support/ieee_formats_data.hpp"
#include "claim_test_support.hpp"
#include "ropecheck/numeric/invalid_input.hpp"

using ropecheck::claims::support::ieee_rows;
using ropecheck::claims::support::IeeeRow;
using ropecheck::core::json;
using ropecheck::test::run_check;

BOOST_AUTO_TEST_SUITE(ieee_formats_claim)

namespace {

struct Format {
    int p, emin, emax;
};

Format format_of(std::string_view name) {
    if (name == "float16") return {11, -14, 15};
    if (name == "bfloat16") return {8, -126, 127};
    return {24, -126, 127};
}

// Every number of the data is a double exactly (at most 49 significant bits).
double parse(std::string_view text) {
    const std::string s(text);
    if (s == "inf") return std::numeric_limits<double>::infinity();
    if (s == "-inf") return -std::numeric_limits<double>::infinity();
    return std::strtod(s.c_str(), nullptr);
}

// Round to nearest even in the format, from the definition: the quantum is
// 2^(max(e, emin) - p + 1) for |x| in [2^e, 2^(e+1)); x / quantum is exact and
// nearbyint rounds it half to even; at or beyond 2^(emax+1) it overflows.
double round_by_definition(double x, const Format& f) {
    if (x == 0 || std::isinf(x)) return x;
    const int e = std::ilogb(x);
    const double quantum = std::ldexp(1.0, std::max(e, f.emin) - f.p + 1);
    const double v = std::nearbyint(x / quantum) * quantum;
    if (std::abs(v) >= std::ldexp(1.0, f.emax + 1)) return std::copysign(std::numeric_limits<double>::infinity(), x);
    return v;
}

// The exact operation in double: exact for the data's sums, products and
// powers of two; the quotient 1/3 is rounded once more, which is innocuous
// for p <= 24 (53 >= 2p + 2).
double combine(std::string_view op, double a, double b) {
    if (op == "add") return a + b;
    if (op == "sub") return a - b;
    if (op == "mul") return a * b;
    return a / b;
}

double by_definition(const IeeeRow& row, std::string_view a, std::string_view b) {
    const Format f = format_of(row.format);
    const double x = row.operation == "round" ? parse(a) : combine(row.operation, parse(a), parse(b));
    if (row.operation == "round" && !a.starts_with("0x") && !a.starts_with("-0x")) {
        // A decimal input: its nearest double is within 2^-53 relative, far
        // inside the format's cell for the data's decimals (checked below).
        return round_by_definition(std::strtod(std::string(a).c_str(), nullptr), f);
    }
    return round_by_definition(x, f);
}

// The hardware's answer where it has the format (float32 and float16).
bool by_hardware(const IeeeRow& row, std::string_view a, std::string_view b, double* out) {
    const bool is_float = row.format == "float32", is_half = row.format == "float16";
    if (!is_float && !is_half) return false;
    const std::string sa(a), sb(b);
    if (row.operation == "round") {
        *out = is_float ? static_cast<double>(std::strtof(sa.c_str(), nullptr))
                        : static_cast<double>(static_cast<_Float16>(std::strtod(sa.c_str(), nullptr)));
        return true;
    }
    if (is_float) {
        const auto x = static_cast<float>(parse(a)), y = static_cast<float>(parse(b));
        const std::string_view op = row.operation;
        const volatile float r = op == "add" ? x + y : op == "sub" ? x - y : op == "mul" ? x * y : x / y;
        *out = r;
        return true;
    }
    const auto x = static_cast<_Float16>(parse(a)), y = static_cast<_Float16>(parse(b));
    const std::string_view op = row.operation;
    const volatile _Float16 r = op == "add" ? x + y : op == "sub" ? x - y : op == "mul" ? x * y : x / y;
    *out = static_cast<double>(r);
    return true;
}

}  // namespace

BOOST_AUTO_TEST_CASE(every_row_follows_from_the_definition_and_the_hardware_agrees) {
    BOOST_REQUIRE(std::fegetround() == FE_TONEAREST);
    std::size_t hardware_rows = 0;
    for (const IeeeRow& row : ieee_rows) {
        const double expected = parse(row.expected);
        BOOST_TEST(by_definition(row, row.a, row.b) == expected, row.id);
        double hw = 0;
        if (by_hardware(row, row.a, row.b, &hw)) {
            ++hardware_rows;
            BOOST_TEST(hw == expected, row.id << " (hardware)");
        }
        // The perturbed operand lands on the other side of a rounding boundary.
        const std::string_view pa = row.perturbs == "a" ? row.perturbed : row.a;
        const std::string_view pb = row.perturbs == "b" ? row.perturbed : row.b;
        BOOST_TEST(by_definition(row, pa, pb) != expected, row.id << " (perturbed)");
        if (by_hardware(row, pa, pb, &hw)) BOOST_TEST(hw != expected, row.id << " (perturbed, hardware)");
    }
    BOOST_TEST(hardware_rows == 42u);
}

BOOST_AUTO_TEST_CASE(the_claim_certifies_every_row_and_the_negative_refutes_every_row) {
    for (const IeeeRow& row : ieee_rows) {
        const auto r = run_check("ieee-formats", {{"row", row.id}});
        BOOST_TEST(to_string(r.verdict) == "certified", row.id);
        BOOST_TEST(r.evidence["computed"].get<std::string>() == std::string(row.expected), row.id);
        const auto n = run_check("ieee-formats", {{"row", row.id}, {"control", "perturbed-input"}});
        BOOST_TEST(to_string(n.verdict) == "refuted", row.id);
        BOOST_REQUIRE(n.counterexample.has_value());
        const double computed = parse(n.evidence["computed"].get<std::string>());
        const std::string_view pa = row.perturbs == "a" ? row.perturbed : row.a;
        const std::string_view pb = row.perturbs == "b" ? row.perturbed : row.b;
        BOOST_TEST(computed == by_definition(row, pa, pb), row.id << " (perturbed witness)");
    }
}

BOOST_AUTO_TEST_CASE(the_spacing_below_one_is_2_to_the_minus_p) {
    for (const char* id : {"binary16-below-one", "bfloat16-below-one", "binary32-below-one"}) {
        const auto r = run_check("ieee-formats", {{"row", id}});
        BOOST_TEST(to_string(r.verdict) == "certified");
    }
    BOOST_TEST(parse("0x1.ffcp-1") == 1 - std::ldexp(1.0, -11));
    BOOST_TEST(parse("0x1.fep-1") == 1 - std::ldexp(1.0, -8));
    BOOST_TEST(parse("0x1.fffffep-1") == 1 - std::ldexp(1.0, -24));
}

BOOST_AUTO_TEST_CASE(bad_parameters_name_the_parameter) {
    try {
        ropecheck::test::validate_check("ieee-formats", {{"row", "binary64-below-one"}});
        BOOST_ERROR("no InvalidInput for an unknown row");
    } catch (const ropecheck::InvalidInput& e) {
        BOOST_TEST(std::string(e.what()).find("row") != std::string::npos);
    }
    try {
        ropecheck::test::validate_check("ieee-formats", {{"row", "binary16-below-one"}, {"control", "rounded"}});
        BOOST_ERROR("no InvalidInput for an unknown control");
    } catch (const ropecheck::InvalidInput& e) {
        BOOST_TEST(std::string(e.what()).find("control") != std::string::npos);
    }
}

BOOST_AUTO_TEST_SUITE_END()
