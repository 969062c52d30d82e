// literature-yarn against values computed here in long double from the formulas (none of the
// check's code): 0.1 ln s + 1; Definition 2's gamma(r_j), r_j = L / (2 pi 1e4^(2j/128)), and
// transformers' ramp 1 - clamp((j - low) / (high - low)) with low = floor(c(32)), high = ceil(c(1)),
// c(beta) = 64 ln(L / (2 pi beta)) / ln 1e4; s = 100^((D-2)/D). Every figure compared is far from
// the long double error (the ramp's smallest |difference| is 0.03, the correction dimensions
// 20.94 and 45.03 are far from integers, s at |D| = 76 is 88.587, not near 88.55 or 88.65).
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "claim_test_support.hpp"

using ropecheck::core::json;
using ropecheck::test::run_check;

namespace {

constexpr long double yarn_two_pi = 6.283185307179586476925286766559L;

struct HandRamp {
    std::vector<int> differing;
    int largest_pair = -1;
    long double largest = 0;
};

HandRamp hand_ramp() {
    const long double L = 4096, log_base = std::log(1e4L);
    const auto correction = [&](long double beta) { return 64 * std::log(L / (yarn_two_pi * beta)) / log_base; };
    const long double low = std::floor(correction(32)), high = std::ceil(correction(1));
    HandRamp out;
    for (int j = 0; j < 64; ++j) {
        const long double r = L / (yarn_two_pi * std::pow(1e4L, j / 64.0L));
        const long double gamma = r < 1 ? 0 : r > 32 ? 1 : (r - 1) / 31;
        const long double keep = 1 - std::clamp((j - low) / (high - low), 0.0L, 1.0L);
        const long double difference = keep - gamma;
        if (std::fabs(difference) > 1e-12L) out.differing.push_back(j);
        if (std::fabs(difference) > std::fabs(out.largest)) {
            out.largest = difference;
            out.largest_pair = j;
        }
    }
    return out;
}

// Whether the enclosure "[lo, hi]" lies within a relative `tolerance` of x (the long double
// value is far more accurate; 1e-13 is the width of a 15-digit printed enclosure) and is that narrow.
bool near(const json& enclosure, long double x, long double tolerance = 1e-13L) {
    const std::string text = enclosure.get<std::string>();
    const auto comma = text.find(',');
    const long double lo = std::stold(text.substr(1, comma - 1)), hi = std::stold(text.substr(comma + 1));
    return lo <= x * (1 + tolerance) && hi >= x * (1 - tolerance) && hi - lo <= std::fabs(x) * tolerance;
}

bool has(const json& j, const std::string& key, const std::string& text) {
    return j[key].get<std::string>().find(text) != std::string::npos;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(literature_yarn)

BOOST_AUTO_TEST_CASE(temperature_is_right_to_its_digits) {
    const long double value = 0.1L * std::log(8.0L) + 1;
    BOOST_REQUIRE(std::fabs(value - 1.208L) < 0.0005L && value < 1.208L);
    const auto r = run_check("literature-yarn", {{"row", "temperature"}});
    BOOST_TEST(to_string(r.verdict) == "certified");
    BOOST_TEST(near(r.evidence["sqrt_inverse_t"], value), r.evidence["sqrt_inverse_t"]);
    BOOST_TEST(has(r.evidence, "rounding", "rounded to nearest"));
    BOOST_TEST(r.evidence["literature"]["verdict"].get<std::string>() == "reproduced");

    const long double at_16 = 0.1L * std::log(16.0L) + 1;
    const auto other = run_check("literature-yarn", {{"row", "temperature"}, {"control", "other-factor"}});
    BOOST_TEST(to_string(other.verdict) == "refuted");
    BOOST_TEST(near(other.evidence["sqrt_inverse_t"], at_16));
    BOOST_TEST(!other.evidence.contains("replay"));  // a perturbation: the Literature table links no replay
}

BOOST_AUTO_TEST_CASE(ramps_differ_where_the_hand_computation_says) {
    const HandRamp hand = hand_ramp();
    BOOST_REQUIRE(hand.differing.size() == 25u && hand.differing.front() == 21 && hand.differing.back() == 45);
    const auto r = run_check("literature-yarn", {{"row", "ramp"}});
    BOOST_TEST(to_string(r.verdict) == "certified");
    BOOST_TEST(r.evidence["pairs_differing"].get<std::string>() == "21..45");
    BOOST_TEST(r.evidence["pairs_agreeing"].get<std::string>() == "0..20, 46..63");
    BOOST_TEST(r.evidence["pairs_differing_count"].get<std::size_t>() == hand.differing.size());
    BOOST_TEST(r.evidence["pairs_implementation_below_definition_2"].get<std::string>() == "21");
    BOOST_TEST(r.evidence["largest_difference"]["pair"].get<int>() == hand.largest_pair);
    BOOST_TEST(r.evidence["largest_difference"]["certainly_the_largest"].get<bool>());
    BOOST_TEST(near(r.evidence["largest_difference"]["difference"], hand.largest, 1e-11L));
    BOOST_TEST(r.evidence["literature"]["verdict"].get<std::string>() == "wrong");

    const auto negative = run_check("literature-yarn", {{"row", "ramp"}, {"control", "paper-as-printed"}});
    BOOST_TEST(to_string(negative.verdict) == "refuted");
    BOOST_TEST(negative.evidence.contains("replay"));  // the paper's statement: its refutation is linked
    BOOST_TEST(negative.evidence["replay"]["inputs"]["pair"].get<int>() == hand.largest_pair);
}

BOOST_AUTO_TEST_CASE(code_llama_is_not_88_6) {
    const auto s = [](int width) { return std::pow(100.0L, (width - 2.0L) / width); };
    std::string widths;
    for (int w = 4; w <= 1024; w += 2)
        if (std::fabs(s(w) - 88.6L) < 0.05L) widths += (widths.empty() ? "" : ", ") + std::to_string(w);
    BOOST_REQUIRE(widths == "76");
    BOOST_REQUIRE(std::fabs(4096 * s(64) - 355000) < 500 && std::fabs(4096 * s(128) - 355000) > 500);
    const auto r = run_check("literature-yarn", {{"row", "code-llama"}});
    BOOST_TEST(to_string(r.verdict) == "certified");
    BOOST_TEST(near(r.evidence["s_width_128"], s(128)), r.evidence["s_width_128"]);
    BOOST_TEST(near(r.evidence["s_width_64"], s(64)));
    BOOST_TEST(near(r.evidence["context_width_64"], 4096 * s(64), 1e-11L));
    BOOST_TEST(r.evidence["even_widths_giving_printed_s"].get<std::string>() == widths);
    BOOST_TEST(r.evidence["readings"]["|D| = 64: 4096 s"].get<std::string>() == "rounds to 355k");
    BOOST_TEST(r.evidence["readings"]["|D| = 128: s"].get<std::string>() == "does not round to 88.6");
    BOOST_TEST(r.evidence["literature"]["verdict"].get<std::string>() == "wrong");

    const auto negative = run_check("literature-yarn", {{"row", "code-llama"}, {"control", "paper-as-printed"}});
    BOOST_TEST(to_string(negative.verdict) == "refuted");
    BOOST_TEST(negative.evidence.contains("replay"));
}

BOOST_AUTO_TEST_CASE(bad_parameters_are_rejected) {
    using ropecheck::test::expect_invalid;
    expect_invalid("literature-yarn", {{"row", "scale"}}, "row");
    expect_invalid("literature-yarn", {{"row", "temperature"}, {"control", "paper-as-printed"}}, "paper-as-printed");
    expect_invalid("literature-yarn", {{"row", "ramp"}, {"control", "other-factor"}}, "other-factor");
    expect_invalid("literature-yarn", {{"row", "ramp"}, {"control", "shifted"}}, "control");
}

BOOST_AUTO_TEST_SUITE_END()
