#pragma once
// The numeric part of a Scaling, written once for every number type: maps the
// unscaled omega_j (pairs j = 0..d/2-1 of width d) to omega'_j following the
// branches a ScalingPlan decided. For intervals every result is an enclosure.
#include <cmath>
#include <string>
#include <vector>

#include "ropecheck/numeric/mutant.hpp"
#include "ropecheck/numeric/number_concept.hpp"
#include "ropecheck/rope/scaling.hpp"

namespace ropecheck::rope {

namespace detail {
template <class T>
T decimal(const std::string& text) {
    return numeric::number_traits<T>::from_decimal(text);
}
template <class T>
T integer(std::int64_t v) {
    return numeric::number_traits<T>::from_integer(v);
}
// omega / factor: every rule that slows a frequency down by a factor goes
// through here (mutant "scaling-factor-inverted" multiplies instead).
template <class T>
T slowed(const T& omega, const T& factor) {
    if (ROPECHECK_MUTANT("scaling-factor-inverted")) return omega * factor;
    return omega / factor;
}
}  // namespace detail

template <numeric::KernelNumber T>
std::vector<T> apply_scaling(const Scaling& scaling, const ScalingPlan& plan, std::vector<T> omega, int d,
                             const std::string& theta) {
    using std::exp;
    using std::log;
    using detail::decimal;
    using detail::integer;
    using detail::slowed;
    const T one = integer<T>(1);
    switch (scaling.type) {
        case ScalingType::none: return omega;
        case ScalingType::linear: {
            const T s = decimal<T>(scaling.factor);
            for (T& w : omega) w = slowed(w, s);
            return omega;
        }
        case ScalingType::dynamic: {
            // theta' = theta X^(d/(d-2)), X = s n_eff / L - (s - 1), so omega'_j = omega_j X^(-2j/(d-2)).
            const T s = decimal<T>(scaling.factor);
            const std::int64_t n_eff = std::max(scaling.sequence_length, scaling.max_position_embeddings);
            const T x = s * integer<T>(n_eff) / integer<T>(scaling.max_position_embeddings) - (s - one);
            const T log_x = ROPECHECK_MUTANT("scaling-factor-inverted") ? -log(x) : log(x);
            for (std::size_t j = 0; j < omega.size(); ++j)
                omega[j] = omega[j] * exp(-(integer<T>(2 * static_cast<std::int64_t>(j)) / integer<T>(d - 2)) * log_x);
            return omega;
        }
        case ScalingType::yarn: {
            const T s = decimal<T>(scaling.factor);
            const T two_pi = integer<T>(2) * numeric::number_traits<T>::pi();
            const T l0 = integer<T>(scaling.original_max_position_embeddings);
            const T log_theta = log(decimal<T>(theta));
            const auto end = [&](const std::string& fixed, const std::string& beta, const char* fallback) {
                if (fixed != "raw") return decimal<T>(fixed);
                const T b = decimal<T>(beta.empty() ? std::string(fallback) : beta);
                return integer<T>(d) * log(l0 / (two_pi * b)) / (integer<T>(2) * log_theta);
            };
            const T lo = end(plan.yarn_lo, scaling.beta_fast, "32");
            const T hi = end(plan.yarn_hi, scaling.beta_slow, "1");
            for (std::size_t j = 0; j < omega.size(); ++j) {
                switch (plan.pairs[j]) {
                    case PairTreatment::keep: break;
                    case PairTreatment::divide: omega[j] = slowed(omega[j], s); break;
                    case PairTreatment::blend: {
                        const T rho = (integer<T>(static_cast<std::int64_t>(j)) - lo) / (hi - lo);
                        omega[j] = omega[j] * ((one - rho) + slowed(rho, s));
                        break;
                    }
                }
            }
            return omega;
        }
        case ScalingType::longrope: {
            const auto& factors = scaling.longrope_uses_long() ? scaling.long_factor : scaling.short_factor;
            for (std::size_t j = 0; j < omega.size(); ++j) omega[j] = slowed(omega[j], decimal<T>(factors[j]));
            return omega;
        }
        case ScalingType::llama3: {
            const T s = decimal<T>(scaling.factor);
            const T alpha = decimal<T>(scaling.low_freq_factor);
            const T beta = decimal<T>(scaling.high_freq_factor);
            const T l0 = integer<T>(scaling.original_max_position_embeddings);
            const T two_pi = integer<T>(2) * numeric::number_traits<T>::pi();
            for (std::size_t j = 0; j < omega.size(); ++j) {
                switch (plan.pairs[j]) {
                    case PairTreatment::keep: break;
                    case PairTreatment::divide: omega[j] = slowed(omega[j], s); break;
                    case PairTreatment::blend: {
                        // sigma = (L0 / lambda_j - alpha) / (beta - alpha), lambda_j = 2 pi / omega_j.
                        const T sigma = (l0 * omega[j] / two_pi - alpha) / (beta - alpha);
                        omega[j] = slowed((one - sigma) * omega[j], s) + sigma * omega[j];
                        break;
                    }
                }
            }
            return omega;
        }
    }
    return omega;
}

// The attention factor a (every logit carries a^2).
template <numeric::KernelNumber T>
T attention_factor(const Scaling& scaling, const ScalingPlan& plan) {
    using std::log;
    using std::sqrt;
    using detail::decimal;
    using detail::integer;
    const T one = integer<T>(1);
    if (!scaling.attention_factor.empty() &&
        (scaling.type == ScalingType::yarn || scaling.type == ScalingType::longrope))
        return decimal<T>(scaling.attention_factor);
    if (scaling.type == ScalingType::yarn) {
        const T s = decimal<T>(scaling.factor);
        const auto g = [&](const T& mu) {
            return plan.factor_above_one ? integer<T>(1) / integer<T>(10) * mu * log(s) + one : one;
        };
        const auto truthy = [](const std::string& v) { return !v.empty() && v.find_first_not_of("0.") != std::string::npos; };
        if (truthy(scaling.mscale) && truthy(scaling.mscale_all_dim))
            return g(decimal<T>(scaling.mscale)) / g(decimal<T>(scaling.mscale_all_dim));
        return g(one);
    }
    if (scaling.type == ScalingType::longrope) {
        if (!plan.factor_above_one) return one;
        const T l0 = integer<T>(scaling.original_max_position_embeddings);
        const T s = scaling.factor.empty() ? integer<T>(scaling.max_position_embeddings) / l0 : decimal<T>(scaling.factor);
        return sqrt(one + log(s) / log(l0));
    }
    return one;
}

}  // namespace ropecheck::rope
