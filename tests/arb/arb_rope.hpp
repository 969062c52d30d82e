#pragma once
// RoPE from its definitions, in Arb balls only (docs/rope-scaling.md).
// Nothing here calls ropecheck's numeric, rope, sweep or probes code: the inputs
// are plain numbers (head_dim, theta as a decimal string, doubles), so a bug in
// ropecheck's kernel cannot leak into this side.
//
// Conventions (docs/rope-scaling.md, "Notation"): chunk k (1-based) is the coordinate pair
// (x[2k-2], x[2k-1]); rho(t) = [[cos t, -sin t], [sin t, cos t]];
// a(r) = q^T R^r k with R^r rotating chunk k by r g_k.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "arb_ball.hpp"

namespace ropecheck::arbcheck {

using Balls = std::vector<Ball>;

// theta^(-n / D) by arb_pow.
Ball theta_power(const std::string& theta, std::int64_t n, std::int64_t width);

// RoPE: g_k = theta^(-2(k-1)/d), k = 1..d/2.
Balls rope_frequencies(const std::string& theta, int d);
// p-RoPE with p = num/den: m = floor(p d / 2) highest kept exactly, the rest 0.
Balls p_rope_frequencies(const std::string& theta, int d, std::int64_t num, std::int64_t den);
// Reversed p-RoPE: the m lowest kept (g_{d/2-m+1}..g_{d/2}), the highest d/2 - m set to 0.
Balls reversed_p_rope_frequencies(const std::string& theta, int d, std::int64_t num, std::int64_t den);
// GPT-NeoX partial rotary: rotary_dim D = floor(p d) dimensions rotate with
// theta^(-2(k-1)/D), k = 1..D/2; the other chunks do not rotate.
Balls neox_partial_frequencies(const std::string& theta, int d, std::int64_t num, std::int64_t den);

// Context-extension schedules (docs/rope-scaling.md), on the unscaled
// omega_j = theta^(-2j/d), j = 0..d/2-1. Discrete choices (bands, truncation,
// clamps) are decided with certainty here or the function throws.
Balls linear_scaled(const std::string& theta, int d, const std::string& factor);
// theta' = theta (s n_eff / L - (s - 1))^(d/(d-2)), n_eff = max(n, L); omega'_j = theta'^(-2j/d).
Balls dynamic_scaled(const std::string& theta, int d, const std::string& factor, std::int64_t max_position,
                     std::int64_t sequence_length);
struct Scaled {
    Balls omega;
    Ball attention_factor;
};
struct YarnInputs {
    std::string factor;
    std::int64_t original_max_position = 0;
    std::string beta_fast = "32", beta_slow = "1";
    bool truncate = true;
    std::string mscale, mscale_all_dim;  // empty: absent
};
Scaled yarn_scaled(const std::string& theta, int d, const YarnInputs& in);
// omega'_j = 1 / (e_j theta^(2j/d)), e = long factors when n > L0, short ones otherwise;
// a = sqrt(1 + ln s / ln L0) for s = L / L0 > 1.
Scaled longrope_scaled(const std::string& theta, int d, const std::vector<std::string>& short_factor,
                       const std::vector<std::string>& long_factor, std::int64_t original_max_position,
                       std::int64_t max_position, std::int64_t sequence_length);
Balls llama3_scaled(const std::string& theta, int d, const std::string& factor, const std::string& low_freq_factor,
                    const std::string& high_freq_factor, std::int64_t original_max_position);

// Vectors.
Balls balls_of(const std::vector<double>& v);
// R^position x: chunk k rotated by position * g_k, straight from rho.
Balls rotate(const Balls& x, const Balls& g, std::int64_t position);
Ball dot(const Balls& a, const Balls& b);
// a(r) = q^T (R^r k).
Ball activation(const Balls& q, const Balls& k, const Balls& g, std::int64_t r);
// sum_k w_k cos(r g_k).
Ball cosine_sum(const Balls& w, const Balls& g, std::int64_t r);
// ||x^(k)||^2 per chunk.
Balls chunk_norms_squared(const Balls& x);

// Softmax weight of entry `target` of a row of logits (the row as given).
Ball softmax_weight(const Balls& logits, std::size_t target);

// Theorem 5.3's attention weight of the target at position N from its row of
// logits: diagonal q_i = k_j = psi, a_{N,j} = s cos((j - N) g), target j = N;
// previous-token k_j = rho(g) psi, a_{N,j} = s cos((j - N + 1) g), target j = N - 1.
Ball diagonal_target_weight(const Ball& g, std::int64_t n, const Ball& s, bool previous_token);

// The least r >= 1 with cos(r g) < 0 for 0 < g < pi: floor(pi / (2 g)) + 1,
// with cos(r g) < 0 and cos((r - 1) g) >= 0 both certified; nullopt when Arb
// cannot decide the floor or the signs.
std::optional<std::int64_t> break_distance(const Ball& g);

// dist(r g, 2 pi Z) = |r g - 2 pi n|, n the nearest integer to r g / (2 pi)
// (nullopt when the nearest integer is not decided).
std::optional<Ball> return_distance(const Ball& g, std::int64_t r);

// The closest return over 1 <= r <= n: argmin and distance. Every r is screened
// in double (error below 1e-9 rad for r g < 1e7, far inside the 1e-7 screen),
// and every r within the screen of the double minimum is evaluated in Arb; the
// answer is certified when Arb separates the argmin from every other candidate.
struct ClosestReturn {
    std::int64_t argmin = 0;
    Ball distance;
    bool certified = false;
};
ClosestReturn closest_return(const Ball& g, std::int64_t n);

// The largest circular gap (radians) left by the points {r g mod 2 pi : 0 <= r <= n}:
// every point reduced in Arb, sorted (consecutive points must be certainly
// ordered), the gaps between neighbours and the wrap-around gap. When n g < 2 pi
// is certain the points are already in order (r g increasing, no reduction).
// nullopt when Arb cannot order or reduce the points.
std::optional<Ball> largest_gap(const Ball& g, std::int64_t n);

}  // namespace ropecheck::arbcheck
