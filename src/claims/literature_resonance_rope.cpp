// Wang et al. 2024, "Resonance RoPE" (ACL Findings 2024, arXiv 2403.00071); the printed numbers are
// in support/resonance_data.hpp. Llama 2 (b = 1e4, d = 128), wavelengths lambda_i = 2 pi / g_{i+1}
// from the schedule's frequencies, i = 0..63. Two rows:
//  wavelength-range  "from 2 pi ~ 6.28 to 2 10000^(126/128) pi ~ 54410.14": both ends enclosed and
//                    placed against the printed values' rounding intervals (half a unit of the
//                    last digit); the longest is pinned to the paper's expression
//                    2 exp((126/128) ln b) pi, evaluated without the schedule.
//  lcm               "the LCM of the rounded pre-critical wavelengths is greater than 7 x 10^51":
//                    pre-critical = certainly below the training length 4096 (every wavelength
//                    certainly on one side); each rounded to nearest (torch.round) only when the
//                    enclosure of lambda + 1/2 has a single floor, i.e. is certainly away from a
//                    half-integer; the LCM exact in GMP and compared exactly with 7 10^51. The
//                    number of pre-critical wavelengths is pinned to its closed form
//                    ceil((d/2) log_b(T / 2 pi)) (certain ceiling). The evidence gives the closest
//                    approach of a wavelength to a rounding boundary (how wrong a float32
//                    wavelength would have to be to change a rounded value).
// The claim: both statements, reproduced. Negative control:
//  llama-3-base  (a perturbation) the same printed values claimed at base 5e5: refuted (the longest
//                wavelength is about 2559195.5; the LCM of the 32 pre-critical ones about 7.8e39).
#include <optional>
#include <string>
#include <vector>

#include <boost/multiprecision/gmp.hpp>

#include "ropecheck/numeric/certainty.hpp"
#include "ropecheck/numeric/decimal.hpp"
#include "ropecheck/numeric/enclosure.hpp"
#include "ropecheck/numeric/invalid_input.hpp"
#include "support/claim_support.hpp"
#include "support/literature_row.hpp"
#include "support/printed_decimal.hpp"
#include "support/resonance_data.hpp"

namespace ropecheck::claims::literature_resonance_rope {
namespace {

using boost::multiprecision::mpz_int;
const std::vector<std::string> resonance_controls{"none", "llama-3-base"};
const char* const resonance_paper = "Wang et al. 2024 (Resonance RoPE)";

// round(x) to nearest when x is certainly away from a half-integer; nullopt otherwise.
std::optional<mpz_int> resonance_rounded(const interval& x) {
    const interval shifted = x + interval(1) / interval(2);
    const numeric::real lo = floor(numeric::lower_bound(shifted)), hi = floor(numeric::upper_bound(shifted));
    if (lo != hi) return std::nullopt;
    mpz_int out;
    mpfr_get_z(out.backend().data(), lo.backend().data(), MPFR_RNDN);  // lo is an integer: exact
    return out;
}

bool resonance_within(const interval& x, std::string_view printed) {
    return numeric::certainly_negative(abs(x - numeric::enclose_decimal(std::string(printed))) - support::half_unit(printed));
}

support::Fields<support::RowPoint> resonance_fields() {
    return support::row_fields("the statement: wavelength-range, lcm", resonance_controls);
}

class LiteratureResonanceRopeCheck final : public support::ClaimCheck<support::RowPoint> {
    using ClaimCheck::ClaimCheck;

    void check(const support::RowPoint& p) const override {
        support::control_of(p.control, resonance_controls);
        support::require_one_of("row", p.row, {"wavelength-range", "lcm"});
    }

    core::InstanceResult decide(const core::Instance& instance, const support::RowPoint& p) const override {
        const std::string base =
            std::string(p.control == "llama-3-base" ? support::resonance_perturbed_base : support::resonance_base);
        const auto schedule = rope::FrequencySchedule::rope(base, support::resonance_head_dim);
        std::vector<interval> wavelengths;
        for (const interval& g : schedule.frequencies<interval>()) wavelengths.push_back(numeric::two_pi() / g);
        core::InstanceResult result;
        result.evidence["base"] = base;
        return p.row == "wavelength-range" ? range(instance, std::move(result), base, wavelengths)
                                           : lcm(instance, std::move(result), base, wavelengths);
    }

private:
    static core::InstanceResult range(const core::Instance& instance, core::InstanceResult result,
                                      const std::string& base, const std::vector<interval>& wavelengths) {
        const interval& shortest = wavelengths.front();
        const interval& longest = wavelengths.back();
        const int d = support::resonance_head_dim;
        // The paper's own expression, without the schedule.
        const interval expression = interval(2) *
                                    exp(log(numeric::enclose_decimal(base)) * interval(d - 2) / interval(d)) * numeric::pi();
        result.evidence["shortest"] = numeric::decimal_enclosure(shortest, 12);
        result.evidence["longest"] = numeric::decimal_enclosure(longest, 12);
        result.evidence["longest_from_the_expression"] = numeric::decimal_enclosure(expression, 12);
        if (!numeric::overlaps(longest, expression))
            return support::refuted(std::move(result), instance, "the schedule's longest wavelength is not 2 b^(126/128) pi",
                                    {{"base", base}}, "2 b^(126/128) pi in " + numeric::decimal_enclosure(expression, 12),
                                    "2 pi / g_64 in " + numeric::decimal_enclosure(longest, 12), {{"base", base}});
        const bool holds = resonance_within(shortest, support::resonance_shortest_printed) &&
                           resonance_within(longest, support::resonance_longest_printed);
        const std::string printed = std::string(support::resonance_shortest_printed) + " to " +
                                    std::string(support::resonance_longest_printed);
        const std::string ours = "2 pi / g_1 in " + numeric::decimal_enclosure(shortest, 10) + " to 2 pi / g_64 in " +
                                 numeric::decimal_enclosure(longest, 12) + " (both round to the printed digits: " +
                                 (holds ? "yes" : "no") + ")";
        result.evidence["literature"] = support::literature_row(
            resonance_paper, "Llama 2's wavelengths (b = " + base + ", d = 128) range from 2 pi ~ 6.28 to 2 b^(126/128) pi ~ 54410.14",
            printed, ours, holds);
        if (!holds)
            return support::refuted(std::move(result), instance, "the printed wavelength range differs", {{"base", base}},
                                    "wavelengths from " + printed, ours, {{"base", base}});
        result.verdict = core::Verdict::certified;
        result.margin = core::Margin{numeric::decimal_lower(longest - numeric::enclose_decimal(std::string(support::resonance_longest_printed))),
                                     numeric::decimal_upper(longest - numeric::enclose_decimal(std::string(support::resonance_longest_printed))),
                                     "longest - printed"};
        result.message = ours;
        return result;
    }

    static core::InstanceResult lcm(const core::Instance& instance, core::InstanceResult result, const std::string& base,
                                    const std::vector<interval>& wavelengths) {
        const std::int64_t T = support::resonance_train_length;
        const interval t(static_cast<long long>(T));
        const int d = support::resonance_head_dim;
        mpz_int lcm_value = 1;
        core::json rounded = core::json::array();
        std::size_t pre_critical = 0;
        std::optional<std::size_t> closest;
        interval closest_distance;
        for (std::size_t i = 0; i < wavelengths.size(); ++i) {
            const interval& w = wavelengths[i];
            if (numeric::certainly_positive(w - t)) continue;
            if (!numeric::certainly_negative(w - t)) {
                result.verdict = core::Verdict::inconclusive;
                result.message = "wavelength " + std::to_string(i) + " cannot be placed against " + std::to_string(T);
                return result;
            }
            const std::optional<mpz_int> n = resonance_rounded(w);
            if (!n) {
                result.verdict = core::Verdict::inconclusive;
                result.message = "wavelength " + std::to_string(i) + " is too close to a half-integer to round";
                return result;
            }
            ++pre_critical;
            rounded.push_back(n->str());
            lcm_value = boost::multiprecision::lcm(lcm_value, *n);
            // |lambda - (round(lambda) + 1/2)| or |lambda - (round(lambda) - 1/2)|, the nearer.
            const interval offset = w - interval(n->convert_to<long long>());
            const interval distance = interval(1) / interval(2) - abs(offset);
            if (!closest || numeric::upper_bound(distance) < numeric::upper_bound(closest_distance)) {
                closest = i;
                closest_distance = distance;
            }
        }
        // The closed form of the count: i < (d/2) log_b(T / 2 pi).
        const interval x = interval(d / 2) * log(t / numeric::two_pi()) / log(numeric::enclose_decimal(base));
        const numeric::real c = ceil(numeric::lower_bound(x));
        const bool count_certain = c != numeric::lower_bound(x) && !(c < numeric::upper_bound(x));
        mpz_int bound;
        mpz_ui_pow_ui(bound.backend().data(), 10, support::resonance_lcm_exponent);
        bound *= support::resonance_lcm_mantissa;
        const std::string bound_text =
            std::to_string(support::resonance_lcm_mantissa) + " x 10^" + std::to_string(support::resonance_lcm_exponent);
        result.evidence["pre_critical"] = pre_critical;
        result.evidence["rounded_wavelengths"] = rounded;
        result.evidence["lcm"] = lcm_value.str();
        result.evidence["lcm_digits"] = lcm_value.str().size();
        result.evidence["count_closed_form"] = numeric::decimal_enclosure(x, 12);
        if (closest)
            result.evidence["closest_to_a_rounding_boundary"] = {{"index", *closest},
                                                                 {"distance", numeric::decimal_enclosure(closest_distance, 8)}};
        if (!count_certain) {
            result.verdict = core::Verdict::inconclusive;
            result.message = "(d/2) log_b(T/2pi) is too close to an integer";
            return result;
        }
        if (c.convert_to<long long>() != static_cast<long long>(pre_critical))
            return support::refuted(std::move(result), instance, "the pre-critical count and its closed form disagree",
                                    {{"base", base}}, "ceil((d/2) log_b(T/2pi)) = " + std::to_string(c.convert_to<long long>()),
                                    std::to_string(pre_critical) + " wavelengths below " + std::to_string(T),
                                    {{"base", base}});
        const bool holds = lcm_value > bound;
        const std::string lcm_text = lcm_value.str();
        const std::string ours = "LCM of the " + std::to_string(pre_critical) + " rounded wavelengths below " +
                                 std::to_string(T) + " = " + lcm_text + " (" + std::to_string(lcm_text.size()) +
                                 " digits), " + (holds ? "above " : "not above ") + bound_text;
        result.evidence["literature"] = support::literature_row(
            resonance_paper, "LCM of Llama 2's rounded pre-critical wavelengths (b = " + base + ", below 4096) > " + bound_text,
            "> " + bound_text, ours, holds);
        if (!holds)
            return support::refuted(std::move(result), instance, "the LCM is not above the printed bound", {{"base", base}},
                                    "LCM > " + bound_text, ours, {{"base", base}});
        return support::certified_with(std::move(result), ours);
    }
};

}  // namespace

ROPECHECK_REGISTER_CHECK(literature_resonance_rope, LiteratureResonanceRopeCheck, "literature-resonance-rope", resonance_fields())

}  // namespace ropecheck::claims::literature_resonance_rope
