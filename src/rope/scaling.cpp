#include "ropecheck/rope/scaling.hpp"

#include <mpfi.h>

#include "ropecheck/numeric/certainty.hpp"
#include "ropecheck/numeric/enum_names.hpp"
#include "ropecheck/numeric/exact_fraction.hpp"
#include "ropecheck/numeric/invalid_input.hpp"
#include "ropecheck/numeric/number_concept.hpp"

namespace ropecheck::rope {

using numeric::interval;

// In the order of enum ScalingType: none is Hugging Face's "default".
constexpr numeric::EnumNames<6> scaling_type_names{"default", "linear", "dynamic", "yarn", "longrope", "llama3"};

std::string to_string(ScalingType type) { return numeric::name_of(scaling_type_names, type); }

ScalingType parse_scaling_type(const std::string& name) {
    if (name == "none") return ScalingType::none;
    if (name == "su") return ScalingType::longrope;
    if (const auto t = numeric::value_named<ScalingType>(scaling_type_names, name)) return *t;
    throw InvalidInput("--scaling " + name + ": unknown scaling type (expected " +
                       numeric::names_listed(scaling_type_names) + ")");
}

namespace {

interval value_of(const std::string& text, const std::string& name) {
    try {
        return numeric::enclose_decimal(text);
    } catch (const std::exception&) {
        throw InvalidInput(name + " = \"" + text + "\" is not a decimal number");
    }
}

void require_present(const std::string& text, const std::string& name, ScalingType type) {
    if (text.empty()) throw InvalidInput(name + " is required for --scaling " + to_string(type));
}

// value >= bound, certainly; else InvalidInput.
void require_at_least(const std::string& text, const std::string& name, long bound, const std::string& why) {
    const interval v = value_of(text, name);
    if (!(numeric::lower_bound(v) >= bound)) throw InvalidInput(name + " = " + text + " " + why);
}

// Two decimals denote the same rational number (compared exactly, not in floating point).
// A decimal ExactFraction cannot hold (an exponent, a sign) is compared by the callers' intervals.
bool same_decimal(const std::string& a, const std::string& b) {
    try {
        const auto x = numeric::ExactFraction::parse_decimal(a, "--low-freq-factor");
        const auto y = numeric::ExactFraction::parse_decimal(b, "--high-freq-factor");
        return static_cast<__int128>(x.numerator) * y.denominator == static_cast<__int128>(y.numerator) * x.denominator;
    } catch (const std::exception&) {
        return false;
    }
}

void require_positive(const std::string& text, const std::string& name) {
    if (!numeric::certainly_positive(value_of(text, name))) throw InvalidInput(name + " = " + text + " must be > 0");
}

}  // namespace

bool Scaling::longrope_uses_long() const { return sequence_length > original_max_position_embeddings; }

void Scaling::validate(int rotated_pairs) const {
    const auto need_factor = [&] {
        require_present(factor, "--factor", type);
        require_at_least(factor, "--factor", 1, "is below 1 (a context-extension factor is >= 1)");
    };
    const auto need_l0 = [&] {
        if (original_max_position_embeddings < 1)
            throw InvalidInput("--original-max-position-embeddings is required for --scaling " + to_string(type) +
                               " and must be >= 1");
    };
    switch (type) {
        case ScalingType::none: return;
        case ScalingType::linear: need_factor(); return;
        case ScalingType::dynamic:
            need_factor();
            if (max_position_embeddings < 1)
                throw InvalidInput("--max-position-embeddings is required for --scaling dynamic and must be >= 1");
            if (sequence_length < 0) throw InvalidInput("--sequence-length must be >= 0");
            if (rotated_pairs < 2) throw InvalidInput("--scaling dynamic needs a rotary dimension above 2");
            return;
        case ScalingType::yarn:
            need_factor();
            need_l0();
            if (!beta_fast.empty()) require_positive(beta_fast, "--beta-fast");
            if (!beta_slow.empty()) require_positive(beta_slow, "--beta-slow");
            if (!attention_factor.empty()) require_positive(attention_factor, "--attention-factor");
            if (!mscale.empty()) value_of(mscale, "--mscale");
            if (!mscale_all_dim.empty()) value_of(mscale_all_dim, "--mscale-all-dim");
            return;
        case ScalingType::longrope:
            need_l0();
            if (!factor.empty()) require_positive(factor, "--factor");
            if (!attention_factor.empty()) require_positive(attention_factor, "--attention-factor");
            for (const auto* list : {&short_factor, &long_factor}) {
                const std::string name = list == &short_factor ? "--short-factor" : "--long-factor";
                if (static_cast<int>(list->size()) != rotated_pairs)
                    throw InvalidInput(name + " has " + std::to_string(list->size()) + " entries; the schedule rotates " +
                                       std::to_string(rotated_pairs) + " pairs");
                for (const auto& v : *list) require_positive(v, name);
            }
            if (factor.empty() && max_position_embeddings < 1)
                throw InvalidInput("--scaling longrope needs --factor or --max-position-embeddings");
            return;
        case ScalingType::llama3: {
            need_factor();
            need_l0();
            require_present(low_freq_factor, "--low-freq-factor", type);
            require_present(high_freq_factor, "--high-freq-factor", type);
            require_positive(low_freq_factor, "--low-freq-factor");
            // low_freq_factor == high_freq_factor is accepted (transformers only warns; Llama 4 ships
            // 1 and 1): the smoothing band [L0/beta, L0/alpha] is the single wavelength L0/alpha, which
            // no pair's wavelength 2 pi theta^(2j/d) equals (pi is transcendental), so plan_scaling
            // never plans a blend and the division by beta - alpha = 0 is never evaluated.
            if (same_decimal(low_freq_factor, high_freq_factor)) return;
            const interval gap = value_of(high_freq_factor, "--high-freq-factor") - value_of(low_freq_factor, "--low-freq-factor");
            if (!numeric::certainly_positive(gap))
                throw InvalidInput("--low-freq-factor = " + low_freq_factor + " must be below --high-freq-factor = " +
                                   high_freq_factor + " (or equal to it: an empty smoothing band)");
            return;
        }
    }
}

std::string Scaling::describe() const {
    std::string s = to_string(type);
    if (type == ScalingType::none) return s;
    if (!factor.empty()) s += " factor=" + factor;
    if (type == ScalingType::llama3) s += " low_freq_factor=" + low_freq_factor + " high_freq_factor=" + high_freq_factor;
    if (type == ScalingType::yarn)
        s += " beta_fast=" + (beta_fast.empty() ? std::string("32") : beta_fast) +
             " beta_slow=" + (beta_slow.empty() ? std::string("1") : beta_slow) + (truncate ? "" : " truncate=false");
    if (original_max_position_embeddings > 0)
        s += " original_max_position_embeddings=" + std::to_string(original_max_position_embeddings);
    if (type == ScalingType::dynamic)
        s += " max_position_embeddings=" + std::to_string(max_position_embeddings) +
             " sequence_length=" + std::to_string(sequence_length);
    if (type == ScalingType::longrope) s += longrope_uses_long() ? " (long factors)" : " (short factors)";
    return s;
}

namespace {

// floor (down) or ceil (up) of x when intervals decide it; else throws.
long decided_integer(const interval& x, bool up, const std::string& what) {
    numeric::real lo = numeric::lower_bound(x), hi = numeric::upper_bound(x);
    lo = up ? ceil(lo) : floor(lo);
    hi = up ? ceil(hi) : floor(hi);
    if (lo != hi) throw InvalidInput(what + " cannot be decided at this precision; raise --precision");
    return lo.convert_to<long>();
}

}  // namespace

ScalingPlan plan_scaling(const Scaling& scaling, int d, const std::string& theta) {
    // Decisions are made at the caller's precision: Boost 1.74's default
    // precision is process-wide, so changing it here would race with parallel
    // checks. A decision the enclosures cannot make throws (raise --precision).
    ScalingPlan plan;
    const int pairs = d / 2;
    const interval log_theta = log(numeric::enclose_decimal(theta));
    const interval two_pi = interval(2) * numeric::number_traits<interval>::pi();
    const auto omega = [&](int j) { return exp(-(interval(2 * j) / interval(d)) * log_theta); };
    std::string s_text = scaling.factor;
    if (s_text.empty() && scaling.type == ScalingType::longrope && scaling.original_max_position_embeddings > 0) {
        const interval s = interval(static_cast<long long>(scaling.max_position_embeddings)) /
                           interval(static_cast<long long>(scaling.original_max_position_embeddings));
        plan.factor_above_one = numeric::certainly_positive(s - interval(1));
    } else if (!s_text.empty()) {
        plan.factor_above_one = numeric::certainly_positive(numeric::enclose_decimal(s_text) - interval(1));
    }

    if (scaling.type == ScalingType::llama3) {
        const interval l0(static_cast<long long>(scaling.original_max_position_embeddings));
        const interval low_wavelength = l0 / numeric::enclose_decimal(scaling.low_freq_factor);
        const interval high_wavelength = l0 / numeric::enclose_decimal(scaling.high_freq_factor);
        for (int j = 0; j < pairs; ++j) {
            const interval wavelength = two_pi / omega(j);
            if (numeric::certainly_positive(wavelength - low_wavelength)) plan.pairs.push_back(PairTreatment::divide);
            else if (numeric::certainly_negative(wavelength - high_wavelength)) plan.pairs.push_back(PairTreatment::keep);
            else if (same_decimal(scaling.low_freq_factor, scaling.high_freq_factor))
                throw InvalidInput("llama3 scaling: pair " + std::to_string(j) +
                                   "'s wavelength cannot be separated from the empty smoothing band at this precision; "
                                   "raise --precision");
            else if (numeric::lower_bound(wavelength) >= numeric::upper_bound(high_wavelength) &&
                     numeric::upper_bound(wavelength) <= numeric::lower_bound(low_wavelength))
                plan.pairs.push_back(PairTreatment::blend);
            else
                throw InvalidInput("llama3 scaling: the band of pair " + std::to_string(j) +
                                   " cannot be decided at this precision; raise --precision");
        }
    }
    if (scaling.type == ScalingType::yarn) {
        const interval l0(static_cast<long long>(scaling.original_max_position_embeddings));
        const auto correction = [&](const std::string& beta, const char* fallback) {
            const interval b = numeric::enclose_decimal(beta.empty() ? std::string(fallback) : beta);
            return interval(d) * log(l0 / (two_pi * b)) / (interval(2) * log_theta);
        };
        interval lo = correction(scaling.beta_fast, "32"), hi = correction(scaling.beta_slow, "1");
        if (scaling.truncate) {
            long lo_i = std::max(0L, decided_integer(lo, false, "yarn correction range (low end)"));
            long hi_i = std::min(static_cast<long>(d - 1), decided_integer(hi, true, "yarn correction range (high end)"));
            plan.yarn_lo = std::to_string(lo_i);
            plan.yarn_hi = lo_i == hi_i ? std::to_string(hi_i) + ".001" : std::to_string(hi_i);
            lo = interval(lo_i);
            hi = numeric::enclose_decimal(plan.yarn_hi);
        } else {
            if (numeric::certainly_negative(lo)) {
                plan.yarn_lo = "0";
                lo = interval(0);
            } else if (!(numeric::lower_bound(lo) >= 0)) {
                throw InvalidInput("yarn correction range: the sign of the low end cannot be decided");
            }
            if (numeric::certainly_positive(hi - interval(d - 1))) {
                plan.yarn_hi = std::to_string(d - 1);
                hi = interval(d - 1);
            } else if (!(numeric::upper_bound(hi) <= d - 1)) {
                throw InvalidInput("yarn correction range: the clamp of the high end cannot be decided");
            }
            if (!numeric::certainly_positive(hi - lo))
                throw InvalidInput("yarn correction range: lo < hi cannot be decided");
        }
        for (int j = 0; j < pairs; ++j) {
            const interval rho = (interval(j) - lo) / (hi - lo);
            if (!(numeric::upper_bound(rho) > 0)) plan.pairs.push_back(PairTreatment::keep);
            else if (!(numeric::lower_bound(rho) < 1)) plan.pairs.push_back(PairTreatment::divide);
            else if (numeric::certainly_positive(rho) && numeric::certainly_negative(rho - interval(1)))
                plan.pairs.push_back(PairTreatment::blend);
            else
                throw InvalidInput("yarn ramp of pair " + std::to_string(j) + " cannot be decided at this precision");
        }
    }
    return plan;
}

}  // namespace ropecheck::rope
