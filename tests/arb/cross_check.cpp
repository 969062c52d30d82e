#include "cross_check.hpp"

#include <boost/test/unit_test.hpp>

#include <iomanip>
#include <iostream>

namespace ropecheck::arbcheck {

void expect_agree(const std::string& claim, const std::string& quantity, const std::string& where, const Ball& arb,
                  const Ball& mpfi, double tolerance) {
    count_case(claim, quantity);
    BOOST_TEST(overlaps(arb, mpfi), claim << " " << quantity << " (" << where << "): Arb " << arb.str()
                                          << " does not overlap MPFI " << mpfi.str());
    BOOST_TEST(narrow(arb, tolerance), claim << " " << quantity << " (" << where << "): Arb ball " << arb.str()
                                             << " is wider than " << tolerance << " relative");
}

void expect_agree(const std::string& claim, const std::string& quantity, const std::string& where, const Ball& arb,
                  const numeric::interval& mpfi, double tolerance) {
    expect_agree(claim, quantity, where, arb, from_interval(mpfi), tolerance);
}

void expect_agree_text(const std::string& claim, const std::string& quantity, const std::string& where,
                       const Ball& arb, const std::string& mpfi, double tolerance) {
    expect_agree(claim, quantity, where, arb, from_enclosure_text(mpfi), tolerance);
}

void expect_same(const std::string& claim, const std::string& quantity, const std::string& where, std::int64_t arb,
                 std::int64_t mpfi) {
    count_case(claim, quantity);
    BOOST_TEST(arb == mpfi, claim << " " << quantity << " (" << where << "): Arb " << arb << ", MPFI " << mpfi);
}

void expect_disjoint(const std::string& category, const std::string& where, const Ball& perturbed_arb,
                     const Ball& mpfi) {
    count_case("perturbation self-test", category);
    BOOST_TEST(!overlaps(perturbed_arb, mpfi), "perturbed " << category << " (" << where << "): Arb "
                                                             << perturbed_arb.str() << " still overlaps MPFI "
                                                             << mpfi.str() << ": this cross-check cannot fail");
}

void expect_disjoint(const std::string& category, const std::string& where, const Ball& perturbed_arb,
                     const numeric::interval& mpfi) {
    expect_disjoint(category, where, perturbed_arb, from_interval(mpfi));
}

namespace {

// Prints the case counts once every test has run.
struct TallyPrinter {
    ~TallyPrinter() {
        if (tally().empty()) return;
        std::cout << "\nArb cross-checks (claim / quantity / cases):\n";
        for (const auto& [key, count] : tally())
            std::cout << "  " << std::left << std::setw(24) << key.first << std::setw(60) << key.second << count
                      << "\n";
    }
};

}  // namespace

BOOST_TEST_GLOBAL_FIXTURE(TallyPrinter);

}  // namespace ropecheck::arbcheck
