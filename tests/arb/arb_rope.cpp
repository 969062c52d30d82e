#include "arb_rope.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace ropecheck::arbcheck {

namespace {

Ball one() { return Ball::integer(1); }

// Exactly which of "below", "inside", "above" a ball lies in relative to [lo, hi],
// or throws when Arb cannot tell.
enum class Side { below, inside, above };
Side side_of(const Ball& x, const Ball& lo, const Ball& hi, const std::string& what) {
    if (certainly_less(x, lo)) return Side::below;
    if (certainly_less(hi, x)) return Side::above;
    if (certainly_less_equal(lo, x) && certainly_less_equal(x, hi)) return Side::inside;
    throw std::runtime_error("Arb cannot decide " + what);
}

std::int64_t decided_floor(const Ball& x, const std::string& what) {
    std::int64_t f = 0;
    if (!unique_floor(x, f)) throw std::runtime_error("Arb cannot decide the floor of " + what);
    return f;
}

}  // namespace

Ball theta_power(const std::string& theta, std::int64_t n, std::int64_t width) {
    return pow(Ball::decimal(theta), ratio(-n, width));
}

Balls rope_frequencies(const std::string& theta, int d) {
    Balls g;
    for (int k = 1; k <= d / 2; ++k) g.push_back(theta_power(theta, 2 * (k - 1), d));
    return g;
}

Balls p_rope_frequencies(const std::string& theta, int d, std::int64_t num, std::int64_t den) {
    const std::int64_t m = num * d / (2 * den);  // floor(p d / 2), all non-negative
    Balls g = rope_frequencies(theta, d);
    for (std::int64_t k = m + 1; k <= d / 2; ++k) g[static_cast<std::size_t>(k - 1)] = Ball::integer(0);
    return g;
}

Balls reversed_p_rope_frequencies(const std::string& theta, int d, std::int64_t num, std::int64_t den) {
    const std::int64_t m = num * d / (2 * den);
    Balls g = rope_frequencies(theta, d);
    for (std::int64_t k = 1; k <= d / 2 - m; ++k) g[static_cast<std::size_t>(k - 1)] = Ball::integer(0);
    return g;
}

Balls neox_partial_frequencies(const std::string& theta, int d, std::int64_t num, std::int64_t den) {
    const std::int64_t rotary_dim = num * d / den;  // floor(p d)
    Balls g;
    for (int k = 1; k <= d / 2; ++k)
        g.push_back(k <= rotary_dim / 2 ? theta_power(theta, 2 * (k - 1), rotary_dim) : Ball::integer(0));
    return g;
}

Balls linear_scaled(const std::string& theta, int d, const std::string& factor) {
    Balls g = rope_frequencies(theta, d);
    const Ball s = Ball::decimal(factor);
    for (Ball& w : g) w = div(w, s);
    return g;
}

Balls dynamic_scaled(const std::string& theta, int d, const std::string& factor, std::int64_t max_position,
                     std::int64_t sequence_length) {
    const Ball s = Ball::decimal(factor);
    const std::int64_t n_eff = std::max(sequence_length, max_position);
    // X = s n_eff / L - (s - 1); theta' = theta X^(d/(d-2)).
    const Ball x = sub(div(mul_si(s, n_eff), Ball::integer(max_position)), sub(s, one()));
    const Ball theta_prime = mul(Ball::decimal(theta), pow(x, ratio(d, d - 2)));
    Balls g;
    for (int j = 0; j < d / 2; ++j) g.push_back(pow(theta_prime, ratio(-2 * j, d)));
    return g;
}

Scaled yarn_scaled(const std::string& theta, int d, const YarnInputs& in) {
    const Ball s = Ball::decimal(in.factor);
    const Ball l0 = Ball::integer(in.original_max_position);
    const Ball two_pi = mul_si(Ball::pi(), 2);
    const Ball log_theta = log(Ball::decimal(theta));
    // j(b) = d ln(L0 / (2 pi b)) / (2 ln theta): the pair whose wavelength fits b turns into L0.
    const auto pair_of = [&](const std::string& b) {
        return div(mul_si(log(div(l0, mul(two_pi, Ball::decimal(b)))), d), mul_si(log_theta, 2));
    };
    Ball lo = pair_of(in.beta_fast), hi = pair_of(in.beta_slow);
    if (in.truncate) {
        std::int64_t lo_i = decided_floor(lo, "the yarn low end");
        std::int64_t hi_i = -decided_floor(neg(hi), "the yarn high end");  // ceil
        lo_i = std::max<std::int64_t>(lo_i, 0);
        hi_i = std::min<std::int64_t>(hi_i, d - 1);
        lo = Ball::integer(lo_i);
        hi = lo_i == hi_i ? add(Ball::integer(hi_i), Ball::decimal("0.001")) : Ball::integer(hi_i);
    } else {
        if (certainly_negative(lo)) lo = Ball::integer(0);
        else if (!certainly_nonnegative(lo)) throw std::runtime_error("Arb cannot clamp the yarn low end");
        if (certainly_less(Ball::integer(d - 1), hi)) hi = Ball::integer(d - 1);
        else if (!certainly_less_equal(hi, Ball::integer(d - 1))) throw std::runtime_error("Arb cannot clamp the yarn high end");
    }
    Scaled out;
    const Balls omega = rope_frequencies(theta, d);
    for (int j = 0; j < d / 2; ++j) {
        // rho = clamp((j - lo) / (hi - lo), 0, 1); omega' = omega ((1 - rho) + rho / s).
        Ball rho = div(sub(Ball::integer(j), lo), sub(hi, lo));
        switch (side_of(rho, Ball::integer(0), one(), "the yarn ramp of pair " + std::to_string(j))) {
            case Side::below: rho = Ball::integer(0); break;
            case Side::above: rho = one(); break;
            case Side::inside: break;
        }
        out.omega.push_back(mul(omega[static_cast<std::size_t>(j)], add(sub(one(), rho), div(rho, s))));
    }
    // a = g(s, mscale) / g(s, mscale_all_dim) when both are given and non-zero, else g(s, 1),
    // g(s, mu) = 0.1 mu ln s + 1 for s > 1 and 1 otherwise.
    const auto g_of = [&](const Ball& mu) {
        if (!certainly_less(one(), s)) return one();
        return add(mul(mul(Ball::decimal("0.1"), mu), log(s)), one());
    };
    const auto nonzero = [](const std::string& v) { return !v.empty() && certainly_positive(abs(Ball::decimal(v))); };
    if (nonzero(in.mscale) && nonzero(in.mscale_all_dim))
        out.attention_factor = div(g_of(Ball::decimal(in.mscale)), g_of(Ball::decimal(in.mscale_all_dim)));
    else
        out.attention_factor = g_of(one());
    return out;
}

Scaled longrope_scaled(const std::string& theta, int d, const std::vector<std::string>& short_factor,
                       const std::vector<std::string>& long_factor, std::int64_t original_max_position,
                       std::int64_t max_position, std::int64_t sequence_length) {
    const auto& e = sequence_length > original_max_position ? long_factor : short_factor;
    Scaled out;
    for (int j = 0; j < d / 2; ++j)
        out.omega.push_back(
            div(one(), mul(Ball::decimal(e[static_cast<std::size_t>(j)]), theta_power(theta, -2 * j, d))));
    const Ball s = div(Ball::integer(max_position), Ball::integer(original_max_position));
    out.attention_factor = certainly_less(one(), s)
                               ? sqrt(add(one(), div(log(s), log(Ball::integer(original_max_position)))))
                               : one();
    return out;
}

Balls llama3_scaled(const std::string& theta, int d, const std::string& factor, const std::string& low_freq_factor,
                    const std::string& high_freq_factor, std::int64_t original_max_position) {
    const Ball s = Ball::decimal(factor);
    const Ball alpha = Ball::decimal(low_freq_factor);
    const Ball beta = Ball::decimal(high_freq_factor);
    const Ball l0 = Ball::integer(original_max_position);
    const Ball lambda_lo = div(l0, alpha), lambda_hi = div(l0, beta);
    const Ball two_pi = mul_si(Ball::pi(), 2);
    Balls out;
    for (const Ball& w : rope_frequencies(theta, d)) {
        const Ball lambda = div(two_pi, w);
        switch (side_of(lambda, lambda_hi, lambda_lo, "a llama3 band")) {
            case Side::below: out.push_back(w); break;
            case Side::above: out.push_back(div(w, s)); break;
            case Side::inside: {
                const Ball sigma = div(sub(div(l0, lambda), alpha), sub(beta, alpha));
                out.push_back(add(div(mul(sub(one(), sigma), w), s), mul(sigma, w)));
                break;
            }
        }
    }
    return out;
}

Balls balls_of(const std::vector<double>& v) {
    Balls out;
    out.reserve(v.size());
    for (double x : v) out.push_back(Ball::exact(x));
    return out;
}

Balls rotate(const Balls& x, const Balls& g, std::int64_t position) {
    if (x.size() != 2 * g.size()) throw std::invalid_argument("rotate: sizes disagree");
    Balls out(x.size());
    for (std::size_t k = 0; k < g.size(); ++k) {
        const Ball angle = mul_si(g[k], position);
        Ball c, s;
        arb_sin_cos(s.get(), c.get(), angle.get(), prec);
        // rho(t) (x0, x1) = (cos t x0 - sin t x1, sin t x0 + cos t x1)
        out[2 * k] = sub(mul(c, x[2 * k]), mul(s, x[2 * k + 1]));
        out[2 * k + 1] = add(mul(s, x[2 * k]), mul(c, x[2 * k + 1]));
    }
    return out;
}

Ball dot(const Balls& a, const Balls& b) {
    if (a.size() != b.size()) throw std::invalid_argument("dot: sizes disagree");
    Ball sum = Ball::integer(0);
    for (std::size_t i = 0; i < a.size(); ++i) arb_addmul(sum.get(), a[i].get(), b[i].get(), prec);
    return sum;
}

Ball activation(const Balls& q, const Balls& k, const Balls& g, std::int64_t r) { return dot(q, rotate(k, g, r)); }

Ball cosine_sum(const Balls& w, const Balls& g, std::int64_t r) {
    Ball sum = Ball::integer(0);
    for (std::size_t k = 0; k < g.size(); ++k) arb_addmul(sum.get(), w[k].get(), cos(mul_si(g[k], r)).get(), prec);
    return sum;
}

Balls chunk_norms_squared(const Balls& x) {
    Balls out;
    for (std::size_t k = 0; 2 * k + 1 < x.size(); ++k)
        out.push_back(add(mul(x[2 * k], x[2 * k]), mul(x[2 * k + 1], x[2 * k + 1])));
    return out;
}

Ball softmax_weight(const Balls& logits, std::size_t target) {
    // exp(l_t) / sum_j exp(l_j) = 1 / sum_j exp(l_j - l_t): no overflow for large logits.
    Ball sum = Ball::integer(0);
    for (const Ball& l : logits) sum = add(sum, exp(sub(l, logits[target])));
    return div(one(), sum);
}

Ball diagonal_target_weight(const Ball& g, std::int64_t n, const Ball& s, bool previous_token) {
    Balls logits;
    logits.reserve(static_cast<std::size_t>(n));
    for (std::int64_t j = 1; j <= n; ++j)
        logits.push_back(mul(s, cos(mul_si(g, previous_token ? j - n + 1 : j - n))));
    return softmax_weight(logits, static_cast<std::size_t>(previous_token ? n - 2 : n - 1));
}

std::optional<std::int64_t> break_distance(const Ball& g) {
    std::int64_t f = 0;
    if (!unique_floor(div(Ball::pi(), mul_si(g, 2)), f)) return std::nullopt;
    const std::int64_t r = f + 1;
    if (!certainly_negative(cos(mul_si(g, r)))) return std::nullopt;
    if (!certainly_nonnegative(cos(mul_si(g, r - 1)))) return std::nullopt;
    return r;
}

std::optional<Ball> return_distance(const Ball& g, std::int64_t r) {
    const Ball angle = mul_si(g, r);
    const Ball two_pi = mul_si(Ball::pi(), 2);
    std::int64_t n = 0;
    if (!unique_floor(add(div(angle, two_pi), Ball::decimal("0.5")), n)) return std::nullopt;
    return abs(sub(angle, mul_si(two_pi, n)));
}

ClosestReturn closest_return(const Ball& g, std::int64_t n) {
    const double gd = g.mid();
    const double two_pi = 2 * 3.141592653589793;
    const auto approx = [&](std::int64_t r) {
        const double t = std::fmod(static_cast<double>(r) * gd, two_pi);
        return std::min(t, two_pi - t);
    };
    double best = INFINITY;
    for (std::int64_t r = 1; r <= n; ++r) best = std::min(best, approx(r));
    constexpr double screen = 1e-7;
    ClosestReturn out;
    bool have = false;
    std::vector<std::pair<std::int64_t, Ball>> candidates;
    for (std::int64_t r = 1; r <= n; ++r) {
        if (approx(r) > best + screen) continue;
        const auto dist = return_distance(g, r);
        if (!dist) return out;  // not certified
        candidates.emplace_back(r, *dist);
    }
    // The argmin: the candidate no other candidate is certainly below; certified
    // when it is certainly below every other one.
    for (const auto& [r, dist] : candidates) {
        bool beaten = false;
        for (const auto& other : candidates)
            if (other.first != r && certainly_less(other.second, dist)) beaten = true;
        if (beaten) continue;
        if (!have) {
            out.argmin = r;
            out.distance = dist;
            have = true;
        }
    }
    if (!have) return out;
    out.certified = true;
    for (const auto& [r, dist] : candidates)
        if (r != out.argmin && !certainly_less(out.distance, dist)) out.certified = false;
    return out;
}

std::optional<Ball> largest_gap(const Ball& g, std::int64_t n) {
    const Ball two_pi = mul_si(Ball::pi(), 2);
    if (n == 0) return two_pi;
    if (certainly_less(mul_si(g, n), two_pi)) {
        // Points 0 < g < 2g < .. < n g < 2 pi: gaps g (n of them) and 2 pi - n g.
        Ball largest = sub(two_pi, mul_si(g, n));
        arb_max(largest.get(), largest.get(), g.get(), prec);
        return largest;
    }
    std::vector<std::pair<double, Ball>> points;
    points.reserve(static_cast<std::size_t>(n + 1));
    for (std::int64_t r = 0; r <= n; ++r) {
        const Ball angle = mul_si(g, r);
        std::int64_t turns = 0;
        if (!unique_floor(div(angle, two_pi), turns)) return std::nullopt;
        Ball p = sub(angle, mul_si(two_pi, turns));
        const double key = p.mid();
        points.emplace_back(key, std::move(p));
    }
    std::sort(points.begin(), points.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    Ball largest = sub(add(two_pi, points.front().second), points.back().second);
    for (std::size_t i = 1; i < points.size(); ++i) {
        const Ball gap = sub(points[i].second, points[i - 1].second);
        if (!certainly_positive(gap)) return std::nullopt;
        arb_max(largest.get(), largest.get(), gap.get(), prec);
    }
    return largest;
}

}  // namespace ropecheck::arbcheck
