#include "nope_tie.hpp"

#include <cmath>

#include "claim_support.hpp"
#include "ropecheck/numeric/certainty.hpp"
#include "ropecheck/numeric/enclosure.hpp"
#include "ropecheck/rope/kernel.hpp"
#include "ropecheck/rope/softmax.hpp"

namespace ropecheck::claims::support {
namespace {

using numeric::interval;
using numeric::identical;

bool identical(const std::vector<interval>& a, const std::vector<interval>& b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (!identical(a[i], b[i])) return false;
    return true;
}

std::vector<std::vector<double>> gaussian_matrix(core::CounterRng& rng, int rows, int cols) {
    const double scale = 1 / std::sqrt(static_cast<double>(cols));
    std::vector<std::vector<double>> m;
    for (int i = 0; i < rows; ++i) {
        auto row = gaussian_vector(rng, cols);
        for (double& x : row) x *= scale;  // the scaled entry is a double, used exactly from here on
        m.push_back(std::move(row));
    }
    return m;
}

// W x in MPFI: the token projections (not the positional kernel).
std::vector<interval> project(const std::vector<std::vector<double>>& w, const std::vector<double>& x) {
    const auto xi = convert<interval>(x);
    std::vector<interval> out;
    out.reserve(w.size());
    for (const auto& row : w) out.push_back(rope::dot<interval>(convert<interval>(row), xi));
    return out;
}

}  // namespace

WitnessInput draw_witness_input(core::CounterRng& rng, int head_dim, int model_dim, bool perturb_third_token) {
    WitnessInput in;
    in.w_q = gaussian_matrix(rng, head_dim, model_dim);
    in.w_k = gaussian_matrix(rng, head_dim, model_dim);
    const auto x_bos = gaussian_vector(rng, model_dim);
    const auto x_1 = gaussian_vector(rng, model_dim);
    auto x_3 = x_1;
    if (perturb_third_token) {
        const auto u = gaussian_vector(rng, model_dim);
        for (std::size_t i = 0; i < x_3.size(); ++i) x_3[i] += std::ldexp(u[i], -10);
    }
    in.tokens = {x_bos, x_1, x_3};
    return in;
}

bool TieOutcome::tie_certified() const {
    return activations_identical && weights_identical && row_sums_to_one && closed_form_agrees &&
           (below_half_direct || below_half_identity);
}

TieOutcome attend_witness(const WitnessInput& input, const std::vector<interval>& freqs) {
    std::vector<std::vector<interval>> keys;
    for (const auto& x : input.tokens) keys.push_back(project(input.w_k, x));
    const auto q3 = project(input.w_q, input.tokens[2]);

    TieOutcome t;
    // Positions through the kernel: the key of position j is R^j k_j.
    t.positioned_keys_identical = identical(rope::rotate<interval>(keys[1], freqs, 2), rope::rotate<interval>(keys[2], freqs, 3));
    for (std::int64_t j = 1; j <= 3; ++j)
        t.activations.push_back(rope::activation<interval>(q3, keys[static_cast<std::size_t>(j - 1)], freqs, j - 3));
    t.weights = rope::causal_attention_row<interval>(t.activations, 3);

    t.activations_identical = identical(t.activations[1], t.activations[2]);
    t.weights_identical = identical(t.weights[1], t.weights[2]);
    t.activations_differ = numeric::is_equal(t.activations[1], t.activations[2]) == numeric::Certainty::certainly_not;
    t.weights_differ = numeric::is_equal(t.weights[1], t.weights[2]) == numeric::Certainty::certainly_not;
    t.row_sums_to_one = numeric::contains(t.weights[0] + t.weights[1] + t.weights[2], numeric::real(1));
    // Once a_{3,2} = a_{3,3}: alpha_{3,3} = exp(a_33) / (exp(a_31) + 2 exp(a_33)).
    const interval closed_form = interval(1) / (exp(t.activations[0] - t.activations[2]) + interval(2));
    t.closed_form_agrees = numeric::overlaps(t.weights[2], closed_form);
    t.below_half_direct = numeric::upper_bound(t.weights[2]) < numeric::real(0.5);
    t.below_half_identity = t.row_sums_to_one && numeric::certainly_positive(t.weights[0]);
    t.gap_to_half = t.weights[0] / interval(2);
    return t;
}

}  // namespace ropecheck::claims::support
