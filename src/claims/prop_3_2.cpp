// Proposition 3.2: for q, k ~ N(mu 1, I_d) independent, and mu = 0, the RoPE
// activation a(r) = q^T R^r k does not decay: E[a(r)] = 0 for every r.
//
// Two parts, each stated and decided separately:
//  exact   E[a(r)] = mu^2 1^T R^r 1 (zero when mu = 0), and the second-moment
//          identity E[a(r)^2] = tr((R^r)^T R^r) + 2 d mu^2 + (E[a(r)])^2 with
//          tr((R^r)^T R^r) = d. The trace is computed with MPFI through the
//          kernel as ||R^r u||^2 + ||R^r v||^2, u = (1,0,1,0,..), v = (0,1,0,1,..)
//          (exact: R^r is block diagonal, so the chunks of u never mix).
//  stats   M samples per distance r in {0, step, .., max}; the sample mean's
//          z-score must stay below the Bonferroni threshold
//          z* = Phi^-1(1 - alpha / (2 n)) with n = number of distances + 1, and
//          the least-squares slope of mean |a(r)| against r (the "trend") must
//          have |t| below the same threshold.
// Negative control: mean = 1 (all-ones plus noise) must be refuted.
#include <boost/math/distributions/normal.hpp>
#include <boost/math/distributions/students_t.hpp>
#include <cmath>

#include "checks.hpp"
#include "ropecheck/numeric/certainty.hpp"
#include "ropecheck/numeric/decimal.hpp"
#include "ropecheck/numeric/invalid_input.hpp"
#include "ropecheck/rope/kernel.hpp"
#include "support/claim_support.hpp"

namespace ropecheck::claims {
namespace {

using numeric::interval;

struct DistanceStatistics {
    std::int64_t distance = 0;
    double mean = 0;
    double z = 0;
    double mean_abs = 0;
};

struct ExactPart {
    bool trace_identity = true;               // every trace enclosure contains d
    std::optional<std::int64_t> trace_violation;
    std::optional<std::int64_t> nonzero_mean_at;  // certainly E[a(r)] != 0
    interval nonzero_mean;
};

class GaussianNoDecayCheck final : public core::Check {
public:
    std::string name() const override { return "prop-3.2"; }

    std::vector<core::ParameterSpec> parameters() const override {
        return {support::head_dim_parameter(),
                support::theta_parameter(),
                {"max_distance", core::ParameterKind::integer, "largest distance r tested"},
                {"distance_step", core::ParameterKind::integer, "distances 0, step, 2 step, .."},
                {"samples", core::ParameterKind::integer, "Monte Carlo samples M per distance"},
                {"family_alpha", core::ParameterKind::decimal, "family-wise false-alarm rate", false, "0.001"},
                {"mean", core::ParameterKind::decimal, "common mean mu of every entry of q and k", false, "0"},
                {"parts", core::ParameterKind::text, "which parts decide: both, exact, statistics", false, "both"},
                support::draw_parameter()};
    }

    void validate(const core::Parameters& p) const override {
        support::rope_schedule(p);
        support::require_range("max_distance", p.integer("max_distance"), 0, 10'000'000);
        support::require_range("distance_step", p.integer("distance_step"), 1, 10'000'000);
        support::require_range("samples", p.integer("samples"), 10, 1'000'000);
        const double alpha = std::stod(p.decimal("family_alpha"));
        if (!(alpha > 0 && alpha < 1)) throw InvalidInput("family_alpha must lie in (0, 1)");
        const double mu = std::stod(p.decimal("mean"));
        if (!std::isfinite(mu) || std::abs(mu) > 1e6) throw InvalidInput("mean must be finite, |mean| <= 1e6");
        support::require_one_of("parts", p.text("parts"), {"both", "exact", "statistics"});
    }

    core::InstanceResult run(const core::Instance& instance) const override {
        const core::Parameters& p = instance.params;
        const auto schedule = support::rope_schedule(p);
        const int d = schedule.head_dim();
        std::vector<std::int64_t> distances;
        for (std::int64_t r = 0; r <= p.integer("max_distance"); r += p.integer("distance_step"))
            distances.push_back(r);
        const std::string mean_text = p.decimal("mean");

        // Either part alone is a check of its own; the tests run each separately so
        // that the statistical part is shown able to refute without the exact part.
        const std::string parts = p.text("parts");
        const bool use_exact = parts != "statistics";
        const bool use_statistics = parts != "exact";
        const ExactPart exact = use_exact ? exact_part(schedule, distances, mean_text) : ExactPart{};
        const auto stats = sample(instance, schedule, distances, std::stod(mean_text));

        const std::size_t tests = distances.size() + 1;
        const double alpha = std::stod(p.decimal("family_alpha"));
        const boost::math::normal standard;
        const double z_star = boost::math::quantile(boost::math::complement(standard, alpha / (2.0 * tests)));
        const DistanceStatistics* worst = &stats.front();
        for (const auto& s : stats)
            if (std::abs(s.z) > std::abs(worst->z)) worst = &s;
        const double trend_t = trend_statistic(stats);
        // The slope's t statistic has n - 2 degrees of freedom; same per-test level.
        const double t_star =
            stats.size() < 3 ? INFINITY
                             : boost::math::quantile(boost::math::complement(
                                   boost::math::students_t(static_cast<double>(stats.size() - 2)), alpha / (2.0 * tests)));

        core::InstanceResult result;
        result.evidence["distances"] = distances.size();
        result.evidence["samples_per_distance"] = p.integer("samples");
        result.evidence["bonferroni_tests"] = tests;
        result.evidence["z_threshold"] = z_star;
        result.evidence["max_abs_z"] = std::abs(worst->z);
        result.evidence["max_abs_z_at"] = worst->distance;
        result.evidence["trend_t"] = trend_t;
        result.evidence["trend_t_threshold"] = t_star;
        result.evidence["trace_identity_certified"] = exact.trace_identity;
        result.evidence["mean_abs_activation"] = core::json::array();
        for (const auto& s : stats)
            result.evidence["mean_abs_activation"].push_back({{"r", s.distance}, {"mean_abs", s.mean_abs}});

        if (!exact.trace_identity) {
            result.verdict = core::Verdict::error;
            result.message = "kernel inconsistency: tr((R^r)^T R^r) enclosure excludes d at r = " +
                             std::to_string(*exact.trace_violation);
            return result;
        }
        if (exact.nonzero_mean_at) {
            const std::int64_t r = *exact.nonzero_mean_at;
            result.verdict = core::Verdict::refuted;
            result.message = "E[a(" + std::to_string(r) + ")] is certainly non-zero: " +
                             numeric::decimal_enclosure(exact.nonzero_mean, 8);
            core::Counterexample cx;
            cx.kind = "the exact mean activation is non-zero";
            cx.inputs = {{"head_dim", std::to_string(d)}, {"theta", schedule.theta()},
                         {"mean", mean_text}, {"distance r", std::to_string(r)}};
            cx.claimed = "E[q^T R^r k] = 0 for every r";
            cx.computed = "E[q^T R^r k] = mean^2 1^T R^r 1 in " + numeric::decimal_enclosure(exact.nonzero_mean);
            cx.replay = support::replay_header(instance);
            cx.replay["inputs"] = {{"distance", r}, {"mean", mean_text}};
            result.counterexample = std::move(cx);
            return result;
        }
        const bool mean_alarm = use_statistics && std::abs(worst->z) >= z_star;
        const bool trend_alarm = use_statistics && std::abs(trend_t) >= t_star;
        if (mean_alarm || trend_alarm) {
            result.verdict = core::Verdict::refuted;
            result.message = mean_alarm ? "sample mean at r = " + std::to_string(worst->distance) + " has |z| = " +
                                              std::to_string(std::abs(worst->z)) + " >= " + std::to_string(z_star)
                                        : "mean |a(r)| has a trend: |t| = " + std::to_string(std::abs(trend_t)) +
                                              " >= " + std::to_string(t_star);
            core::Counterexample cx;
            cx.kind = mean_alarm ? "statistically non-zero mean" : "statistical trend with distance";
            cx.inputs = {{"head_dim", std::to_string(d)}, {"theta", schedule.theta()}, {"mean", mean_text},
                         {"seed", std::to_string(instance.seed)}};
            cx.claimed = "no r has a sample mean beyond the Bonferroni threshold";
            cx.computed = result.message;
            cx.replay = support::replay_header(instance);
            result.counterexample = std::move(cx);
            return result;
        }
        result.evidence["parts"] = parts;
        result.verdict = core::Verdict::holds;
        result.message = "E[a(r)] = 0 and tr = d certified at " + std::to_string(distances.size()) +
                         " distances; max |z| = " + std::to_string(std::abs(worst->z)) + " < " +
                         std::to_string(z_star) + ", |trend t| = " + std::to_string(std::abs(trend_t));
        return result;
    }

private:
    static ExactPart exact_part(const rope::FrequencySchedule& schedule, const std::vector<std::int64_t>& distances,
                                const std::string& mean_text) {
        const int d = schedule.head_dim();
        const auto freqs = schedule.frequencies<interval>();
        std::vector<interval> u(static_cast<std::size_t>(d), interval(0)), v = u;
        for (int i = 0; i < d; i += 2) {
            u[static_cast<std::size_t>(i)] = interval(1);
            v[static_cast<std::size_t>(i + 1)] = interval(1);
        }
        const interval mu = numeric::enclose_decimal(mean_text);
        const std::vector<interval> mean_vector(static_cast<std::size_t>(d), mu);
        const interval dimension(d);
        ExactPart part;
        for (std::int64_t r : distances) {
            const auto ru = rope::rotate<interval>(u, freqs, r);
            const auto rv = rope::rotate<interval>(v, freqs, r);
            const interval trace = rope::dot<interval>(ru, ru) + rope::dot<interval>(rv, rv);
            if (!numeric::overlaps(trace, dimension) && part.trace_identity) {
                part.trace_identity = false;
                part.trace_violation = r;
            }
            const interval expected_activation = rope::activation<interval>(mean_vector, mean_vector, freqs, r);
            if (!part.nonzero_mean_at && numeric::is_equal(expected_activation, interval(0)) ==
                                             numeric::Certainty::certainly_not) {
                part.nonzero_mean_at = r;
                part.nonzero_mean = expected_activation;
            }
        }
        return part;
    }

    static std::vector<DistanceStatistics> sample(const core::Instance& instance,
                                                  const rope::FrequencySchedule& schedule,
                                                  const std::vector<std::int64_t>& distances, double mu) {
        const int d = schedule.head_dim();
        const auto freqs = schedule.frequencies<double>();
        const std::int64_t m = instance.params.integer("samples");
        const core::CounterRng root(instance.seed);
        std::vector<DistanceStatistics> out;
        for (std::int64_t r : distances) {
            core::CounterRng rng = root.substream(static_cast<std::uint64_t>(r));
            double sum = 0, sum_sq = 0, sum_abs = 0;
            for (std::int64_t s = 0; s < m; ++s) {
                auto q = support::gaussian_vector(rng, d);
                auto k = support::gaussian_vector(rng, d);
                for (int i = 0; i < d; ++i) {
                    q[static_cast<std::size_t>(i)] += mu;
                    k[static_cast<std::size_t>(i)] += mu;
                }
                const double a = rope::activation<double>(q, k, freqs, r);
                sum += a;
                sum_sq += a * a;
                sum_abs += std::abs(a);
            }
            const double n = static_cast<double>(m);
            const double mean = sum / n;
            const double variance = std::max((sum_sq - n * mean * mean) / (n - 1), 1e-300);
            out.push_back({r, mean, mean / std::sqrt(variance / n), sum_abs / n});
        }
        return out;
    }

    // t statistic of the least-squares slope of mean |a(r)| against r.
    static double trend_statistic(const std::vector<DistanceStatistics>& stats) {
        const double n = static_cast<double>(stats.size());
        if (stats.size() < 3) return 0;
        double sx = 0, sy = 0;
        for (const auto& s : stats) {
            sx += static_cast<double>(s.distance);
            sy += s.mean_abs;
        }
        const double mx = sx / n, my = sy / n;
        double sxx = 0, sxy = 0;
        for (const auto& s : stats) {
            const double dx = static_cast<double>(s.distance) - mx;
            sxx += dx * dx;
            sxy += dx * (s.mean_abs - my);
        }
        const double slope = sxy / sxx;
        double rss = 0;
        for (const auto& s : stats) {
            const double e = s.mean_abs - my - slope * (static_cast<double>(s.distance) - mx);
            rss += e * e;
        }
        const double se = std::sqrt(std::max(rss / (n - 2), 1e-300) / sxx);
        return slope / se;
    }
};

}  // namespace

std::unique_ptr<core::Check> make_prop_3_2_check() { return std::make_unique<GaussianNoDecayCheck>(); }

}  // namespace ropecheck::claims
