#pragma once
// The ieee-formats claim's rows: values of IEEE 754 rounding in binary16,
// bfloat16 and binary32, each derived from the standard's definitions
// (docs/pipeline-and-formats.md, "IEEE formats", gives the formula behind every
// row in terms of p, emin and emax). They live here and not in the spec because
// a spec holds only grid axes; theorems/ieee-formats.toml lists the row ids.
// Private to src/claims.
//
// Formats: p significand bits (with the hidden bit), smallest normal 2^emin,
// largest finite (2 - 2^-(p-1)) 2^emax:
//   binary16  p = 11, emin = -14,  emax = 15
//   bfloat16  p = 8,  emin = -126, emax = 127
//   binary32  p = 24, emin = -126, emax = 127
// Rounding is to nearest, ties to even, with gradual underflow (subnormals of
// spacing 2^(emin-p+1)) and overflow to infinity at or beyond the tie
// (2 - 2^-p) 2^emax.
//
// Numbers are exact: C99 hexadecimal floats ("0x1.ffcp-1"), "inf"/"-inf",
// "0", or a decimal ("0.1"), which the check encloses in MPFI. `perturbed` is the
// negative control's replacement for operand `perturbs`: a value just across the
// nearest rounding boundary of `expected` (or, for exact inputs, the boundary
// itself), so the same rounding must give a different result.
#include <array>
#include <string_view>

namespace ropecheck::claims::support {

struct IeeeRow {
    std::string_view id;         // the spec's `row` value
    std::string_view format;     // float16, bfloat16 or float32
    std::string_view operation;  // round (a to the format), add, sub, mul, div (a op b, operands in the format)
    std::string_view a, b;       // b is empty for round
    std::string_view expected;   // the format value the definition gives
    std::string_view perturbs;   // "a" or "b": the operand the negative control replaces
    std::string_view perturbed;  // its replacement
    std::string_view rule;       // the rule of IEEE 754 the row exercises
};

inline constexpr std::array<IeeeRow, 63> ieee_rows{{
    {"binary16-below-one", "float16", "round", "0x1.ffcp-1", "", "0x1.ffcp-1", "a", "0x1.ffep-1",
     "1 - 2^-p is the largest value below 1: the spacing just below 1 is 2^-p"},
    {"binary16-tie-below-one", "float16", "round", "0x1.ffep-1", "", "0x1p+0", "a", "0x1.ffdfffffcp-1",
     "1 - 2^-(p+1) is halfway between 1 - 2^-p (odd) and 1 (even): ties go to the even 1"},
    {"binary16-tie-above-one-down", "float16", "round", "0x1.002p+0", "", "0x1p+0", "a", "0x1.002000002p+0",
     "1 + 2^-p is halfway between 1 (even) and 1 + 2^-(p-1) (odd): ties go to 1"},
    {"binary16-tie-above-one-up", "float16", "round", "0x1.006p+0", "", "0x1.008p+0", "a", "0x1.005fffffep+0",
     "1 + 3 2^-p is halfway between 1 + 2^-(p-1) (odd) and 1 + 2^-(p-2) (even): ties go up"},
    {"binary16-negative-tie-up", "float16", "round", "-0x1.006p+0", "", "-0x1.008p+0", "a", "-0x1.005fffffep+0",
     "rounding is symmetric: -(1 + 3 2^-p) goes to -(1 + 2^-(p-2)), away from zero"},
    {"binary16-max-finite", "float16", "round", "0x1.ffcp+15", "", "0x1.ffcp+15", "a", "0x1.ffep+15",
     "(2 - 2^-(p-1)) 2^emax is the largest finite value"},
    {"binary16-overflow-tie", "float16", "round", "0x1.ffep+15", "", "inf", "a", "0x1.ffdfffffep+15",
     "(2 - 2^-p) 2^emax is halfway between the largest finite value (odd) and 2^(emax+1) (even, beyond the range): overflow to infinity"},
    {"binary16-negative-overflow-tie", "float16", "round", "-0x1.ffep+15", "", "-inf", "a", "-0x1.ffdfffffep+15",
     "the overflow threshold is symmetric: -(2 - 2^-p) 2^emax rounds to -infinity"},
    {"binary16-min-normal", "float16", "round", "0x1p-14", "", "0x1p-14", "a", "0x1.002000002p-14",
     "2^emin is the smallest normal value"},
    {"binary16-subnormal-tie-to-min-normal", "float16", "round", "0x1.ffcp-15", "", "0x1p-14", "a", "0x1.ffbfffffcp-15",
     "2^emin - 2^(emin-p) is halfway between the largest subnormal (odd) and 2^emin (even)"},
    {"binary16-min-subnormal", "float16", "round", "0x1p-24", "", "0x1p-24", "a", "0x1.8p-24",
     "2^(emin-p+1) is the smallest subnormal: the spacing of the subnormals"},
    {"binary16-subnormal-tie-to-zero", "float16", "round", "0x1p-25", "", "0", "a", "0x1.000002p-25",
     "half the smallest subnormal is halfway between 0 (even) and it (odd): ties go to 0"},
    {"binary16-subnormal-tie-up", "float16", "round", "0x1.8p-24", "", "0x1p-23", "a", "0x1.7fffffp-24",
     "1.5 subnormal units is halfway between 1 (odd) and 2 (even) units: ties go up"},
    {"binary16-decimal-one-tenth", "float16", "round", "0.1", "", "0x1.998p-4", "a", "0.10001373291015625",
     "0.1 is not dyadic: rounded to the nearest of its two neighbours 2^-4 (1 + k 2^-(p-1))"},
    {"binary16-add-tie-to-even", "float16", "add", "0x1p+0", "0x1p-11", "0x1p+0", "b", "0x1.004p-11",
     "1 + 2^-p: the exact sum is a tie, rounded to the even 1"},
    {"binary16-add-tie-up", "float16", "add", "0x1.004p+0", "0x1p-11", "0x1.008p+0", "b", "0x1.ffcp-12",
     "(1 + 2^-(p-1)) + 2^-p = 1 + 3 2^-p exactly: a tie, rounded up to the even 1 + 2^-(p-2)"},
    {"binary16-sub-tie-below-one", "float16", "sub", "0x1p+0", "0x1p-12", "0x1p+0", "b", "0x1.004p-12",
     "1 - 2^-(p+1): a tie below 1, rounded to the even 1"},
    {"binary16-mul-square", "float16", "mul", "0x1.004p+0", "0x1.004p+0", "0x1.008p+0", "b", "0x1.008p+0",
     "(1 + 2^-(p-1))^2 = 1 + 2^-(p-2) + 2^-(2p-2): below the next tie, rounded down"},
    {"binary16-mul-overflow", "float16", "mul", "0x1.ffcp+15", "0x1p+1", "inf", "b", "0x1p+0",
     "twice the largest finite value overflows to infinity"},
    {"binary16-mul-underflow-tie", "float16", "mul", "0x1p-14", "0x1p-11", "0", "b", "0x1.004p-11",
     "2^emin 2^-p is half the smallest subnormal: a tie, rounded to 0"},
    {"binary16-div-one-third", "float16", "div", "0x1p+0", "0x1.8p+1", "0x1.554p-2", "a", "0x1.004p+0",
     "1/3 rounded to nearest: 2^-2 (1 + k 2^-(p-1)) with the nearer k"},
    {"bfloat16-below-one", "bfloat16", "round", "0x1.fep-1", "", "0x1.fep-1", "a", "0x1.ffp-1",
     "1 - 2^-p is the largest value below 1: the spacing just below 1 is 2^-p"},
    {"bfloat16-tie-below-one", "bfloat16", "round", "0x1.ffp-1", "", "0x1p+0", "a", "0x1.fefffffep-1",
     "1 - 2^-(p+1) is halfway between 1 - 2^-p (odd) and 1 (even): ties go to the even 1"},
    {"bfloat16-tie-above-one-down", "bfloat16", "round", "0x1.01p+0", "", "0x1p+0", "a", "0x1.01000001p+0",
     "1 + 2^-p is halfway between 1 (even) and 1 + 2^-(p-1) (odd): ties go to 1"},
    {"bfloat16-tie-above-one-up", "bfloat16", "round", "0x1.03p+0", "", "0x1.04p+0", "a", "0x1.02ffffffp+0",
     "1 + 3 2^-p is halfway between 1 + 2^-(p-1) (odd) and 1 + 2^-(p-2) (even): ties go up"},
    {"bfloat16-negative-tie-up", "bfloat16", "round", "-0x1.03p+0", "", "-0x1.04p+0", "a", "-0x1.02ffffffp+0",
     "rounding is symmetric: -(1 + 3 2^-p) goes to -(1 + 2^-(p-2)), away from zero"},
    {"bfloat16-max-finite", "bfloat16", "round", "0x1.fep+127", "", "0x1.fep+127", "a", "0x1.ffp+127",
     "(2 - 2^-(p-1)) 2^emax is the largest finite value"},
    {"bfloat16-overflow-tie", "bfloat16", "round", "0x1.ffp+127", "", "inf", "a", "0x1.feffffffp+127",
     "(2 - 2^-p) 2^emax is halfway between the largest finite value (odd) and 2^(emax+1) (even, beyond the range): overflow to infinity"},
    {"bfloat16-negative-overflow-tie", "bfloat16", "round", "-0x1.ffp+127", "", "-inf", "a", "-0x1.feffffffp+127",
     "the overflow threshold is symmetric: -(2 - 2^-p) 2^emax rounds to -infinity"},
    {"bfloat16-min-normal", "bfloat16", "round", "0x1p-126", "", "0x1p-126", "a", "0x1.01000001p-126",
     "2^emin is the smallest normal value"},
    {"bfloat16-subnormal-tie-to-min-normal", "bfloat16", "round", "0x1.fep-127", "", "0x1p-126", "a", "0x1.fdfffffep-127",
     "2^emin - 2^(emin-p) is halfway between the largest subnormal (odd) and 2^emin (even)"},
    {"bfloat16-min-subnormal", "bfloat16", "round", "0x1p-133", "", "0x1p-133", "a", "0x1.8p-133",
     "2^(emin-p+1) is the smallest subnormal: the spacing of the subnormals"},
    {"bfloat16-subnormal-tie-to-zero", "bfloat16", "round", "0x1p-134", "", "0", "a", "0x1.000002p-134",
     "half the smallest subnormal is halfway between 0 (even) and it (odd): ties go to 0"},
    {"bfloat16-subnormal-tie-up", "bfloat16", "round", "0x1.8p-133", "", "0x1p-132", "a", "0x1.7fffffp-133",
     "1.5 subnormal units is halfway between 1 (odd) and 2 (even) units: ties go up"},
    {"bfloat16-decimal-one-tenth", "bfloat16", "round", "0.1", "", "0x1.9ap-4", "a", "0.10040283203125",
     "0.1 is not dyadic: rounded to the nearest of its two neighbours 2^-4 (1 + k 2^-(p-1))"},
    {"bfloat16-add-tie-to-even", "bfloat16", "add", "0x1p+0", "0x1p-8", "0x1p+0", "b", "0x1.02p-8",
     "1 + 2^-p: the exact sum is a tie, rounded to the even 1"},
    {"bfloat16-add-tie-up", "bfloat16", "add", "0x1.02p+0", "0x1p-8", "0x1.04p+0", "b", "0x1.fep-9",
     "(1 + 2^-(p-1)) + 2^-p = 1 + 3 2^-p exactly: a tie, rounded up to the even 1 + 2^-(p-2)"},
    {"bfloat16-sub-tie-below-one", "bfloat16", "sub", "0x1p+0", "0x1p-9", "0x1p+0", "b", "0x1.02p-9",
     "1 - 2^-(p+1): a tie below 1, rounded to the even 1"},
    {"bfloat16-mul-square", "bfloat16", "mul", "0x1.02p+0", "0x1.02p+0", "0x1.04p+0", "b", "0x1.04p+0",
     "(1 + 2^-(p-1))^2 = 1 + 2^-(p-2) + 2^-(2p-2): below the next tie, rounded down"},
    {"bfloat16-mul-overflow", "bfloat16", "mul", "0x1.fep+127", "0x1p+1", "inf", "b", "0x1p+0",
     "twice the largest finite value overflows to infinity"},
    {"bfloat16-mul-underflow-tie", "bfloat16", "mul", "0x1p-126", "0x1p-8", "0", "b", "0x1.02p-8",
     "2^emin 2^-p is half the smallest subnormal: a tie, rounded to 0"},
    {"bfloat16-div-one-third", "bfloat16", "div", "0x1p+0", "0x1.8p+1", "0x1.56p-2", "a", "0x1.02p+0",
     "1/3 rounded to nearest: 2^-2 (1 + k 2^-(p-1)) with the nearer k"},
    {"binary32-below-one", "float32", "round", "0x1.fffffep-1", "", "0x1.fffffep-1", "a", "0x1.ffffffp-1",
     "1 - 2^-p is the largest value below 1: the spacing just below 1 is 2^-p"},
    {"binary32-tie-below-one", "float32", "round", "0x1.ffffffp-1", "", "0x1p+0", "a", "0x1.fffffefffffep-1",
     "1 - 2^-(p+1) is halfway between 1 - 2^-p (odd) and 1 (even): ties go to the even 1"},
    {"binary32-tie-above-one-down", "float32", "round", "0x1.000001p+0", "", "0x1p+0", "a", "0x1.000001000001p+0",
     "1 + 2^-p is halfway between 1 (even) and 1 + 2^-(p-1) (odd): ties go to 1"},
    {"binary32-tie-above-one-up", "float32", "round", "0x1.000003p+0", "", "0x1.000004p+0", "a", "0x1.000002ffffffp+0",
     "1 + 3 2^-p is halfway between 1 + 2^-(p-1) (odd) and 1 + 2^-(p-2) (even): ties go up"},
    {"binary32-negative-tie-up", "float32", "round", "-0x1.000003p+0", "", "-0x1.000004p+0", "a", "-0x1.000002ffffffp+0",
     "rounding is symmetric: -(1 + 3 2^-p) goes to -(1 + 2^-(p-2)), away from zero"},
    {"binary32-max-finite", "float32", "round", "0x1.fffffep+127", "", "0x1.fffffep+127", "a", "0x1.ffffffp+127",
     "(2 - 2^-(p-1)) 2^emax is the largest finite value"},
    {"binary32-overflow-tie", "float32", "round", "0x1.ffffffp+127", "", "inf", "a", "0x1.fffffeffffffp+127",
     "(2 - 2^-p) 2^emax is halfway between the largest finite value (odd) and 2^(emax+1) (even, beyond the range): overflow to infinity"},
    {"binary32-negative-overflow-tie", "float32", "round", "-0x1.ffffffp+127", "", "-inf", "a", "-0x1.fffffeffffffp+127",
     "the overflow threshold is symmetric: -(2 - 2^-p) 2^emax rounds to -infinity"},
    {"binary32-min-normal", "float32", "round", "0x1p-126", "", "0x1p-126", "a", "0x1.000001000001p-126",
     "2^emin is the smallest normal value"},
    {"binary32-subnormal-tie-to-min-normal", "float32", "round", "0x1.fffffep-127", "", "0x1p-126", "a", "0x1.fffffdfffffep-127",
     "2^emin - 2^(emin-p) is halfway between the largest subnormal (odd) and 2^emin (even)"},
    {"binary32-min-subnormal", "float32", "round", "0x1p-149", "", "0x1p-149", "a", "0x1.8p-149",
     "2^(emin-p+1) is the smallest subnormal: the spacing of the subnormals"},
    {"binary32-subnormal-tie-to-zero", "float32", "round", "0x1p-150", "", "0", "a", "0x1.000002p-150",
     "half the smallest subnormal is halfway between 0 (even) and it (odd): ties go to 0"},
    {"binary32-subnormal-tie-up", "float32", "round", "0x1.8p-149", "", "0x1p-148", "a", "0x1.7fffffp-149",
     "1.5 subnormal units is halfway between 1 (odd) and 2 (even) units: ties go up"},
    {"binary32-decimal-one-tenth", "float32", "round", "0.1", "", "0x1.99999ap-4", "a", "0.100000006146728992462158203125",
     "0.1 is not dyadic: rounded to the nearest of its two neighbours 2^-4 (1 + k 2^-(p-1))"},
    {"binary32-add-tie-to-even", "float32", "add", "0x1p+0", "0x1p-24", "0x1p+0", "b", "0x1.000002p-24",
     "1 + 2^-p: the exact sum is a tie, rounded to the even 1"},
    {"binary32-add-tie-up", "float32", "add", "0x1.000002p+0", "0x1p-24", "0x1.000004p+0", "b", "0x1.fffffep-25",
     "(1 + 2^-(p-1)) + 2^-p = 1 + 3 2^-p exactly: a tie, rounded up to the even 1 + 2^-(p-2)"},
    {"binary32-sub-tie-below-one", "float32", "sub", "0x1p+0", "0x1p-25", "0x1p+0", "b", "0x1.000002p-25",
     "1 - 2^-(p+1): a tie below 1, rounded to the even 1"},
    {"binary32-mul-square", "float32", "mul", "0x1.000002p+0", "0x1.000002p+0", "0x1.000004p+0", "b", "0x1.000004p+0",
     "(1 + 2^-(p-1))^2 = 1 + 2^-(p-2) + 2^-(2p-2): below the next tie, rounded down"},
    {"binary32-mul-overflow", "float32", "mul", "0x1.fffffep+127", "0x1p+1", "inf", "b", "0x1p+0",
     "twice the largest finite value overflows to infinity"},
    {"binary32-mul-underflow-tie", "float32", "mul", "0x1p-126", "0x1p-24", "0", "b", "0x1.000002p-24",
     "2^emin 2^-p is half the smallest subnormal: a tie, rounded to 0"},
    {"binary32-div-one-third", "float32", "div", "0x1p+0", "0x1.8p+1", "0x1.555556p-2", "a", "0x1.000002p+0",
     "1/3 rounded to nearest: 2^-2 (1 + k 2^-(p-1)) with the nearer k"},
}};

}  // namespace ropecheck::claims::support
