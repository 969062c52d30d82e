#include <boost/test/unit_test.hpp>

#include "ropecheck/core/verdict.hpp"
#include "ropecheck/numeric/invalid_input.hpp"

using namespace ropecheck::core;

BOOST_AUTO_TEST_SUITE(verdict)

const Verdict all[] = {Verdict::certified, Verdict::holds, Verdict::refuted, Verdict::inconclusive, Verdict::error};

BOOST_AUTO_TEST_CASE(names_round_trip) {
    for (Verdict v : all) BOOST_TEST((parse_verdict(to_string(v)) == v));
    BOOST_CHECK_THROW(parse_verdict("passed"), ropecheck::InvalidInput);
}

BOOST_AUTO_TEST_CASE(unknown_never_meets_an_expectation) {
    for (Verdict expected : all) {
        BOOST_TEST(!meets_expectation(expected, Verdict::inconclusive));
        BOOST_TEST(!meets_expectation(expected, Verdict::error));
    }
}

BOOST_AUTO_TEST_CASE(expectation_table) {
    BOOST_TEST(meets_expectation(Verdict::certified, Verdict::certified));
    BOOST_TEST(!meets_expectation(Verdict::certified, Verdict::holds));
    BOOST_TEST(meets_expectation(Verdict::holds, Verdict::certified));
    BOOST_TEST(meets_expectation(Verdict::holds, Verdict::holds));
    BOOST_TEST(!meets_expectation(Verdict::holds, Verdict::refuted));
    BOOST_TEST(meets_expectation(Verdict::refuted, Verdict::refuted));
    BOOST_TEST(!meets_expectation(Verdict::refuted, Verdict::certified));
    BOOST_TEST(!meets_expectation(Verdict::refuted, Verdict::holds));
}

BOOST_AUTO_TEST_CASE(combine_is_order_independent_and_worst_wins) {
    for (Verdict a : all)
        for (Verdict b : all) BOOST_TEST((combine(a, b) == combine(b, a)));
    BOOST_TEST((combine(Verdict::certified, Verdict::holds) == Verdict::holds));
    BOOST_TEST((combine(Verdict::holds, Verdict::inconclusive) == Verdict::inconclusive));
    BOOST_TEST((combine(Verdict::inconclusive, Verdict::refuted) == Verdict::refuted));
    BOOST_TEST((combine(Verdict::refuted, Verdict::error) == Verdict::error));
    BOOST_TEST((combine(Verdict::certified, Verdict::certified) == Verdict::certified));
}

BOOST_AUTO_TEST_SUITE_END()
