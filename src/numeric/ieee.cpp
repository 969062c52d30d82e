#include "ropecheck/numeric/ieee.hpp"
#include "ropecheck/numeric/dtype_rounding.hpp"

#include "ropecheck/numeric/mutant.hpp"

#include <mpfr.h>

#include "ropecheck/numeric/invalid_input.hpp"

namespace ropecheck::numeric {

IeeeParameters parameters_of(IeeeFormat format) {
    switch (format) {
        case IeeeFormat::binary16: return {11, -14, 15, "float16"};
        case IeeeFormat::bfloat16: return {8, -126, 127, "bfloat16"};
        case IeeeFormat::binary32: return {24, -126, 127, "float32"};
        case IeeeFormat::binary64: return {53, -1022, 1023, "float64"};
    }
    return {53, -1022, 1023, "float64"};
}

std::string to_string(IeeeFormat format) { return parameters_of(format).name; }

IeeeFormat parse_ieee_format(const std::string& name) {
    if (name == "float16" || name == "binary16" || name == "half" || name == "fp16") return IeeeFormat::binary16;
    if (name == "bfloat16" || name == "bf16") return IeeeFormat::bfloat16;
    if (name == "float32" || name == "binary32" || name == "float" || name == "fp32") return IeeeFormat::binary32;
    if (name == "float64" || name == "binary64" || name == "double" || name == "fp64") return IeeeFormat::binary64;
    throw InvalidInput("unknown floating-point format \"" + name + "\" (expected float16, bfloat16, float32 or float64)");
}

namespace {

// MPFR's exponent convention is x = m 2^e with 1/2 <= m < 1, so the format's
// range becomes [min_exponent - precision + 2, max_exponent + 1]. MPFR keeps
// the range per thread; it is restored on exit.
class ExponentRange {
public:
    explicit ExponentRange(const IeeeParameters& p)
        : saved_min_(mpfr_get_emin()), saved_max_(mpfr_get_emax()) {
        mpfr_set_emin(p.min_exponent - p.precision + 2);
        mpfr_set_emax(p.max_exponent + 1);
    }
    ~ExponentRange() {
        mpfr_set_emin(saved_min_);
        mpfr_set_emax(saved_max_);
    }
    ExponentRange(const ExponentRange&) = delete;
    ExponentRange& operator=(const ExponentRange&) = delete;

private:
    mpfr_exp_t saved_min_, saved_max_;
};

// IEEE round-to-nearest-even, the mode every model dtype uses; mutant
// "ieee-round-toward-zero" truncates instead.
mpfr_rnd_t dtype_rounding() { return ROPECHECK_MUTANT("ieee-round-toward-zero") ? MPFR_RNDZ : MPFR_RNDN; }

}  // namespace

bool dtype_rounds_to_nearest() { return dtype_rounding() == MPFR_RNDN; }

namespace detail {

real ieee_apply(IeeeFormat format, IeeeOp op, const real& a, const real& b) {
    const IeeeParameters p = parameters_of(format);
    const mpfr_rnd_t mode = dtype_rounding();
    mpfr_t r;
    mpfr_init2(r, p.precision);
    int ternary = 0;
    {
        ExponentRange range(p);
        const mpfr_srcptr x = a.backend().data();
        const mpfr_srcptr y = b.backend().data();
        switch (op) {
            case IeeeOp::add: ternary = mpfr_add(r, x, y, mode); break;
            case IeeeOp::sub: ternary = mpfr_sub(r, x, y, mode); break;
            case IeeeOp::mul: ternary = mpfr_mul(r, x, y, mode); break;
            case IeeeOp::div: ternary = mpfr_div(r, x, y, mode); break;
            case IeeeOp::pow: ternary = mpfr_pow(r, x, y, mode); break;
            case IeeeOp::cos: ternary = mpfr_cos(r, x, mode); break;
            case IeeeOp::sin: ternary = mpfr_sin(r, x, mode); break;
            case IeeeOp::exp: ternary = mpfr_exp(r, x, mode); break;
            case IeeeOp::log: ternary = mpfr_log(r, x, mode); break;
            case IeeeOp::sqrt: ternary = mpfr_sqrt(r, x, mode); break;
            case IeeeOp::neg: ternary = mpfr_neg(r, x, mode); break;
        }
        ternary = mpfr_check_range(r, ternary, mode);
        mpfr_subnormalize(r, ternary, mode);
    }
    real out;
    mpfr_set_prec(out.backend().data(), p.precision);
    mpfr_set(out.backend().data(), r, MPFR_RNDN);  // exact: same precision, default range is wider
    mpfr_clear(r);
    return out;
}

}  // namespace detail

real round_to_format(const real& x, IeeeFormat format) {
    const IeeeParameters p = parameters_of(format);
    const mpfr_rnd_t mode = dtype_rounding();
    mpfr_t r;
    mpfr_init2(r, p.precision);
    // Rounded to the precision in the wide default range first (x may lie far
    // outside the format's range); check_range and subnormalize then use the
    // ternary value so the result is the single correct rounding.
    int ternary = mpfr_set(r, x.backend().data(), mode);
    {
        ExponentRange range(p);
        ternary = mpfr_check_range(r, ternary, mode);
        mpfr_subnormalize(r, ternary, mode);
    }
    real out;
    mpfr_set_prec(out.backend().data(), p.precision);
    mpfr_set(out.backend().data(), r, MPFR_RNDN);
    mpfr_clear(r);
    return out;
}

}  // namespace ropecheck::numeric
