// near-tie-break: the break of g = (pi/2 +- 10^-e) / r0 is r0 ("past") or r0 + 1
// ("short") by construction; the claim must certify it, the belief "the break is
// r0" must be refuted on every short instance, and the instances must really be
// ties the double filter cannot settle alone.
#include <boost/test/unit_test.hpp>

#include <cmath>

#include "claim_test_support.hpp"
#include "ropecheck/numeric/invalid_input.hpp"

using ropecheck::core::json;
using ropecheck::core::Verdict;
using ropecheck::test::run_check;

BOOST_AUTO_TEST_SUITE(near_tie_break)

BOOST_AUTO_TEST_CASE(every_side_breaks_where_the_construction_says) {
    for (const std::int64_t r0 : {2, 7, 1000, 65537, 999983})
        for (const int e : {15, 16, 20, 30})
            for (const char* side : {"past", "short"}) {
                const auto r = run_check("near-tie-break", {{"quarter_distance", r0}, {"offset_exponent", e}, {"side", side}});
                BOOST_TEST_CONTEXT(r0 << " " << e << " " << side) {
                    BOOST_TEST((r.verdict == Verdict::certified), r.message);
                    const std::int64_t expected = std::string(side) == "past" ? r0 : r0 + 1;
                    BOOST_TEST(r.evidence["break_swept"].get<std::int64_t>() == expected);
                    BOOST_TEST(r.evidence["break_closed_form"].get<std::int64_t>() == expected);
                    BOOST_TEST(r.evidence["distances_evaluated_in_mpfi"].get<std::uint64_t>() >= 1u);
                }
            }
}

BOOST_AUTO_TEST_CASE(the_belief_is_refuted_on_every_short_instance) {
    for (const std::int64_t r0 : {7, 1000, 999983})
        for (const int e : {16, 20}) {
            const auto r = run_check("near-tie-break", {{"quarter_distance", r0},
                                                        {"offset_exponent", e},
                                                        {"side", "short"},
                                                        {"control", "quarter-turn-is-the-break"}});
            BOOST_TEST((r.verdict == Verdict::refuted), r.message);
            BOOST_TEST(r.message.find("breaks at r = " + std::to_string(r0 + 1)) != std::string::npos, r.message);
            BOOST_REQUIRE(r.counterexample.has_value());
        }
}

// The point of the claim: in double, cos(r0 g) is indistinguishable from 0 (its
// size is far below the rounding of r0 g near pi/2), so only MPFI can decide.
BOOST_AUTO_TEST_CASE(the_ties_are_below_double_resolution) {
    for (const std::int64_t r0 : {7, 1000, 999983}) {
        const double g = (M_PI / 2) / static_cast<double>(r0);
        const double angle = static_cast<double>(r0) * g;
        BOOST_TEST(std::fabs(std::cos(angle)) < 1e-15);
        BOOST_TEST(std::fabs(std::cos(angle)) > 1e-20);  // 10^-16 offsets are lost in the rounding
    }
}

BOOST_AUTO_TEST_CASE(bad_parameters_are_rejected_naming_them) {
    using ropecheck::InvalidInput;
    using ropecheck::test::validate_check;
    const auto message = [](const json& v) {
        try {
            validate_check("near-tie-break", v);
        } catch (const InvalidInput& e) {
            return std::string(e.what());
        }
        return std::string("accepted");
    };
    BOOST_TEST(message({{"quarter_distance", 1}, {"offset_exponent", 16}, {"side", "past"}}).find("quarter_distance") !=
               std::string::npos);
    BOOST_TEST(message({{"quarter_distance", 7}, {"offset_exponent", 3}, {"side", "past"}}).find("offset_exponent") !=
               std::string::npos);
    BOOST_TEST(message({{"quarter_distance", 7}, {"offset_exponent", 16}, {"side", "left"}}).find("side") !=
               std::string::npos);
    // The belief is true on "past" frequencies, so it is no negative control there.
    BOOST_TEST(message({{"quarter_distance", 7}, {"offset_exponent", 16}, {"side", "past"},
                        {"control", "quarter-turn-is-the-break"}})
                   .find("short") != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()
