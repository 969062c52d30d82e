// Liu et al. 2023, "Scaling Laws of RoPE-based Extrapolation" (ICLR 2024, arXiv 2310.05209):
//  Eq. 13  d_extra = 2 ceil((d/2) log_10000(T_train / 2 pi)), "for LLaMA2 the critical dimension
//          d_extra is 92" (T_train = 4096, d = 128);
//  Eq. 16d thresholds for 4K tuning, "between 2608 and 652": beta_1 = 2T/pi and beta_3 = T/2pi
//          (beta_2 = T/pi between them).
// Certified: the argument x = (d/2) log(T / 2 pi) / log(theta) in MPFI, its ceiling decided only
// when x is certainly not an integer; d_extra computed a second way from the schedule's own
// frequencies, twice the number of pairs whose wavelength 2 pi / g_k is certainly below T (every
// pair certainly on one side), and the two must agree; each beta enclosed, and the paper's
// printed 2608 and 652 compared with them within half a unit of their last digit.
// The claim: the paper's d_extra and both thresholds, reproduced. Negative control:
//  half-context  (a perturbation) the same printed values claimed for T_train = 2048: refuted
//                by the formula (d_extra 82) and the thresholds (1304, 326).
#include <string>
#include <vector>

#include "ropecheck/numeric/certainty.hpp"
#include "ropecheck/numeric/decimal.hpp"
#include "ropecheck/numeric/enclosure.hpp"
#include "ropecheck/numeric/invalid_input.hpp"
#include "support/claim_support.hpp"
#include "support/literature_row.hpp"
#include "support/printed_decimal.hpp"

namespace ropecheck::claims::literature_liu_critical_dimension {
namespace {

struct Params : support::RopePoint {
    std::int64_t train_length = 0, paper_d_extra = 0;
    std::string paper_beta_1, paper_beta_3, control;
};

const std::vector<std::string> controls{"none", "half-context"};

support::Fields<Params> fields() {
    using core::ParameterKind;
    return support::rope_fields<Params>() +
           support::Fields<Params>{
               {"train_length", ParameterKind::integer, "T_train, the training context", &Params::train_length},
               {"paper_d_extra", ParameterKind::integer, "the paper's critical dimension", &Params::paper_d_extra},
               {"paper_beta_1", ParameterKind::decimal, "the paper's upper threshold (2T/pi)", &Params::paper_beta_1},
               {"paper_beta_3", ParameterKind::decimal, "the paper's lower threshold (T/2pi)", &Params::paper_beta_3},
               {support::control_parameter(controls), &Params::control}};
}

// ceil(x) for an enclosure x certainly between two integers; nullopt otherwise.
std::optional<std::int64_t> certain_ceiling(const interval& x) {
    const numeric::real lo = numeric::lower_bound(x), hi = numeric::upper_bound(x);
    const numeric::real c = ceil(lo);
    if (c == lo || c < hi) return std::nullopt;  // an integer inside the enclosure
    return static_cast<std::int64_t>(c);
}

class LiuCheck final : public support::ClaimCheck<Params> {
    using ClaimCheck::ClaimCheck;

    void check(const Params& p) const override {
        support::rope_schedule(p);
        support::control_of(p.control, controls);
        support::require_range("train_length", p.train_length, 7, std::int64_t{1} << 40);
        support::require_range("paper_d_extra", p.paper_d_extra, 0, p.head_dim);
        for (const std::string* v : {&p.paper_beta_1, &p.paper_beta_3}) support::half_unit(*v);
    }

    core::InstanceResult decide(const core::Instance& instance, const Params& p) const override {
        const std::int64_t T = p.control == "half-context" ? p.train_length / 2 : p.train_length;
        const auto schedule = support::rope_schedule(p);
        const interval t(T), pi = numeric::pi();
        const interval x = interval(p.head_dim / 2) * log(t / (interval(2) * pi)) / log(numeric::enclose_decimal(p.theta));
        const std::optional<std::int64_t> ceiling = certain_ceiling(x);

        // The second route: pairs whose wavelength 2 pi / g_k is below T, from the schedule.
        std::int64_t short_pairs = 0;
        bool sides_certain = true;
        for (const interval& g : schedule.frequencies<interval>()) {
            const interval margin = interval(2) * pi / g - t;
            if (numeric::certainly_negative(margin)) ++short_pairs;
            else if (!numeric::certainly_positive(margin)) sides_certain = false;
        }
        const interval beta_1 = interval(2) * t / pi, beta_2 = t / pi, beta_3 = t / (interval(2) * pi);

        core::InstanceResult result;
        result.evidence["train_length"] = T;
        result.evidence["argument"] = numeric::decimal_enclosure(x, 12);
        result.evidence["pairs_with_wavelength_below_T"] = short_pairs;
        result.evidence["beta_1"] = numeric::decimal_enclosure(beta_1, 12);
        result.evidence["beta_2"] = numeric::decimal_enclosure(beta_2, 12);
        result.evidence["beta_3"] = numeric::decimal_enclosure(beta_3, 12);
        if (!ceiling || !sides_certain) {
            result.verdict = core::Verdict::inconclusive;
            result.message = "(d/2) log_theta(T/2pi) or a wavelength is too close to an integer or T to decide";
            return result;
        }
        const std::int64_t d_extra = 2 * *ceiling;
        result.evidence["d_extra"] = d_extra;
        const auto off = [](const interval& ours, const std::string& printed) {
            return !numeric::certainly_negative(abs(ours - numeric::enclose_decimal(printed)) - support::half_unit(printed));
        };
        const bool beta_1_off = off(beta_1, p.paper_beta_1), beta_3_off = off(beta_3, p.paper_beta_3);
        const std::string ours = "d_extra = " + std::to_string(d_extra) + " (" + std::to_string(short_pairs) +
                                 " pairs with 2pi/theta_i < " + std::to_string(T) + "); beta_1 = 2T/pi in " +
                                 numeric::decimal_enclosure(beta_1, 8) + ", beta_2 = T/pi in " +
                                 numeric::decimal_enclosure(beta_2, 8) + ", beta_3 = T/2pi in " +
                                 numeric::decimal_enclosure(beta_3, 8);
        const bool holds = d_extra == p.paper_d_extra && !beta_1_off && !beta_3_off;
        result.evidence["literature"] = support::literature_row(
            "Liu et al. 2023, Eq. 13 and 16d",
            "LLaMA2 (T_train = " + std::to_string(T) + ", d = " + std::to_string(p.head_dim) +
                "): critical dimension d_extra and the 4K tuning thresholds 2T/pi, T/2pi",
            std::to_string(p.paper_d_extra) + "; between " + p.paper_beta_1 + " and " + p.paper_beta_3, ours, holds);
        if (d_extra != 2 * short_pairs)
            return support::refuted(std::move(result), instance, "Eq. 13 and the schedule's wavelengths disagree",
                                    {{"T_train", std::to_string(T)}}, "d_extra = 2 #{k : 2pi/g_k < T}",
                                    ours, {{"train_length", T}});
        if (!holds) {
            result = support::refuted(std::move(result), instance, "the printed values differ from the formulas",
                                      {{"T_train", std::to_string(T)}, {"head_dim", std::to_string(p.head_dim)}},
                                      "d_extra = " + std::to_string(p.paper_d_extra) + ", beta_1 ~ " + p.paper_beta_1 +
                                          ", beta_3 ~ " + p.paper_beta_3,
                                      ours, {{"train_length", T}});
            // A perturbation's refutation, not the paper's: only `run`'s usual record.
            return result;
        }
        result.verdict = core::Verdict::certified;
        result.message = ours;
        return result;
    }
};

}  // namespace

ROPECHECK_REGISTER_CHECK(literature_liu_critical_dimension, LiuCheck, "literature-liu-critical-dimension", fields())

}  // namespace ropecheck::claims::literature_liu_critical_dimension
