#pragma once
// Boost.Test assertions of the cross-checks, each counted in the summary the
// suite prints at its end (claim -> quantity -> cases).
//   expect_agree     the Arb ball and ropecheck's enclosure share a point, and the
//                    Arb ball is narrow (rad <= tolerance * max(1, |mid|)), so the
//                    overlap is informative;
//   expect_disjoint  the self-tests: a deliberately perturbed Arb computation must
//                    NOT overlap ropecheck's enclosure, proving the comparison can fail;
//   expect_same      integer answers (argmins, break distances) must be equal.
#include <cstdint>
#include <string>

#include "arb_ball.hpp"
#include "ropecheck/numeric/types.hpp"

namespace ropecheck::arbcheck {

void expect_agree(const std::string& claim, const std::string& quantity, const std::string& where, const Ball& arb,
                  const Ball& mpfi, double tolerance = 1e-30);
void expect_agree(const std::string& claim, const std::string& quantity, const std::string& where, const Ball& arb,
                  const numeric::interval& mpfi, double tolerance = 1e-30);
// mpfi given as a report's "[lower, upper]" text.
void expect_agree_text(const std::string& claim, const std::string& quantity, const std::string& where,
                       const Ball& arb, const std::string& mpfi, double tolerance = 1e-30);
void expect_same(const std::string& claim, const std::string& quantity, const std::string& where,
                 std::int64_t arb, std::int64_t mpfi);
void expect_disjoint(const std::string& category, const std::string& where, const Ball& perturbed_arb,
                     const Ball& mpfi);
void expect_disjoint(const std::string& category, const std::string& where, const Ball& perturbed_arb,
                     const numeric::interval& mpfi);

}  // namespace ropecheck::arbcheck
