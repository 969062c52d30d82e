// scaling-schedules: the worked values are first re-derived here in plain
// double arithmetic from the formulas transformers implements (no ropecheck
// code), then every case must certify, every perturbation negative must refute
// the cases its spec lists, and the cases it leaves out are those it provably
// cannot change.
#include <boost/test/unit_test.hpp>

#include <cmath>
#include <numbers>
#include <string>
#include <vector>

#include "../../src/claims/support/scaling_schedules_data.hpp"
#include "claim_test_support.hpp"
#include "ropecheck/numeric/invalid_input.hpp"

using ropecheck::claims::support::scaling_cases;
using ropecheck::core::json;
using ropecheck::test::run_check;

BOOST_AUTO_TEST_SUITE(scaling_schedules_claim)

namespace {

constexpr double pi = std::numbers::pi;

double omega(double theta, int j, int d) { return std::pow(theta, -2.0 * j / d); }

// llama3 (docs/rope-scaling.md): keep below L0/beta, divide beyond L0/alpha, blend between.
double llama3(double theta, int j, int d, double s, double alpha, double beta, double l0, int* band) {
    const double w = omega(theta, j, d), wavelength = 2 * pi / w;
    if (wavelength < l0 / beta) return *band = 0, w;
    if (wavelength > l0 / alpha) return *band = 2, w / s;
    const double sigma = (l0 / wavelength - alpha) / (beta - alpha);
    return *band = 1, (1 - sigma) * w / s + sigma * w;
}

// yarn with truncation: ramp over [floor(lo), ceil(hi)] in the pair index.
double yarn(double theta, int j, int d, double s, double l0, int* lo_out = nullptr, int* hi_out = nullptr) {
    const auto dim = [&](double b) { return d * std::log(l0 / (2 * pi * b)) / (2 * std::log(theta)); };
    const double lo = std::max(0.0, std::floor(dim(32))), hi = std::min(d - 1.0, std::ceil(dim(1)));
    if (lo_out != nullptr) *lo_out = static_cast<int>(lo);
    if (hi_out != nullptr) *hi_out = static_cast<int>(hi);
    const double rho = std::clamp((j - lo) / (hi - lo), 0.0, 1.0);
    return omega(theta, j, d) * ((1 - rho) + rho / s);
}

bool close(double ours, double published, double relative) { return std::abs(ours - published) <= relative * std::abs(published); }

}  // namespace

BOOST_AUTO_TEST_CASE(the_published_values_follow_from_the_formulas_in_double) {
    // Llama 3.1 8B (docs/rope-scaling.md item 1): bands 29 / 6 / 29 and the blended values.
    int counts[3] = {0, 0, 0};
    std::vector<double> l31;
    for (int j = 0; j < 64; ++j) {
        int band = 0;
        l31.push_back(llama3(500000, j, 128, 8, 1, 4, 8192, &band));
        ++counts[band];
    }
    BOOST_TEST(counts[0] == 29);
    BOOST_TEST(counts[1] == 6);
    BOOST_TEST(counts[2] == 29);
    BOOST_TEST(close(l31[29], 0.002166570763503359, 1e-14));
    BOOST_TEST(close(l31[63], 3.068925988914511e-07, 1e-14));
    // transformers' llama3 snapshot (factor 10, L0 2048): pair 33 printed 5.6009e-03.
    int band = 0;
    BOOST_TEST(close(llama3(10000, 33, 128, 10, 1, 4, 2048, &band), 5.6009e-03, 1e-4));
    // DeepSeek-V3 YaRN: range [10, 23] and omega'_16 = 0.0055.
    int lo = 0, hi = 0;
    BOOST_TEST(close(yarn(10000, 16, 64, 40, 4096, &lo, &hi), 0.0055, 1e-14));
    BOOST_TEST(lo == 10);
    BOOST_TEST(hi == 23);
    // transformers' yarn snapshot (factor 10, L0 2048): pair 40 printed 4.3007e-04.
    BOOST_TEST(close(yarn(10000, 40, 128, 10, 2048), 4.3007e-04, 1e-4));
    // Dynamic NTK (factor 10, n 16384, L 2048): theta' = theta (s n / L - (s - 1))^(d / (d - 2)).
    const double theta_prime = 10000 * std::pow(10.0 * 16384 / 2048 - 9, 128.0 / 126);
    BOOST_TEST(close(omega(theta_prime, 63, 128), 1.6265e-06, 1e-4));
    // Attention factors: yarn 0.1 ln s + 1, longrope sqrt(1 + ln s / ln L0).
    BOOST_TEST(close(0.1 * std::log(10.0) + 1, 1.2302585092994045, 1e-15));
    BOOST_TEST(close(std::sqrt(1 + std::log(32.0) / std::log(4096.0)), 1.1902380714238083, 1e-15));
    BOOST_TEST(close(std::sqrt(1 + std::log(10.0) / std::log(2048.0)), 1.1410492816577111, 1e-15));
}

BOOST_AUTO_TEST_CASE(every_case_certifies) {
    for (const auto& c : scaling_cases) {
        const auto r = run_check("scaling-schedules", {{"case", c.id}});
        BOOST_TEST(to_string(r.verdict) == "certified", c.id);
        BOOST_TEST(r.evidence["values_disagreeing"].get<int>() == 0, c.id);
    }
}

BOOST_AUTO_TEST_CASE(perturbed_inputs_are_refuted_with_the_moved_value) {
    // linear 10 -> 11: pair 0 becomes 1/11, outside 1.0000e+00 / 10.
    const auto linear = run_check("scaling-schedules", {{"case", "transformers-linear-10"}, {"perturbation", "factor-plus-one"}});
    BOOST_TEST(to_string(linear.verdict) == "refuted");
    BOOST_TEST(linear.evidence["disagreements"][0]["value"].get<std::string>() == "inv_freq[0]");
    // Llama 3.1 with L0 = 16384: the bands move (the counts disagree).
    const auto llama = run_check("scaling-schedules", {{"case", "llama-3.1-8b"},
                                                       {"perturbation", "original-max-position-embeddings-doubled"}});
    BOOST_TEST(to_string(llama.verdict) == "refuted");
    // Dynamic NTK without growth gives the default frequencies, not the snapshot.
    const auto dynamic = run_check("scaling-schedules", {{"case", "transformers-dynamic-16384"},
                                                         {"perturbation", "sequence-length-within-original"}});
    BOOST_TEST(to_string(dynamic.verdict) == "refuted");
    BOOST_TEST(dynamic.evidence["values_agreeing"].get<int>() == 2);  // pair 0 and the attention factor
    // LongRoPE back within L0: the short factors (all 2) replace 1, 2, .., 64.
    const auto longrope = run_check("scaling-schedules", {{"case", "transformers-longrope-long"},
                                                          {"perturbation", "sequence-length-within-original"}});
    BOOST_TEST(to_string(longrope.verdict) == "refuted");
}

// The exclusions of the spec: perturbations that provably cannot move a case's values.
BOOST_AUTO_TEST_CASE(left_out_cases_are_unchanged_by_their_perturbation) {
    // Dynamic NTK at n = 1 <= L: the factor never enters.
    BOOST_TEST(to_string(run_check("scaling-schedules", {{"case", "transformers-dynamic-seq-1"},
                                                         {"perturbation", "factor-plus-one"}})
                             .verdict) == "certified");
    // An attention factor alone does not depend on theta.
    BOOST_TEST(to_string(run_check("scaling-schedules", {{"case", "yarn-attention-40"}, {"perturbation", "theta-doubled"}})
                             .verdict) == "certified");
    // LongRoPE's short regime with L0 doubled is still the short regime.
    BOOST_TEST(to_string(run_check("scaling-schedules", {{"case", "transformers-longrope-short"},
                                                         {"perturbation", "original-max-position-embeddings-doubled"}})
                             .verdict) == "certified");
}

BOOST_AUTO_TEST_CASE(bad_parameters_name_the_parameter) {
    const auto expect_invalid = [](const json& values, const std::string& parameter) {
        try {
            ropecheck::test::validate_check("scaling-schedules", values);
            BOOST_ERROR("no InvalidInput for " + parameter);
        } catch (const ropecheck::InvalidInput& e) {
            BOOST_TEST(std::string(e.what()).find(parameter) != std::string::npos, e.what());
        }
    };
    expect_invalid({{"case", "llama-4"}}, "case");
    expect_invalid({{"case", "llama-3.1-8b"}, {"perturbation", "factor-halved"}}, "perturbation");
    expect_invalid({{"case", "transformers-default"}, {"perturbation", "factor-plus-one"}}, "factor-plus-one");
    expect_invalid({{"case", "transformers-linear-10"}, {"perturbation", "sequence-length-within-original"}},
                   "sequence-length-within-original");
}

BOOST_AUTO_TEST_SUITE_END()
