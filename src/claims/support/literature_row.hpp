#pragma once
// What a literature claim's instance tells the report's "Literature" table
// (src/report/literature_table.cpp): one row per claim instance, in its evidence under
// "literature", and, on every refuted instance, its own replay record under "replay" so
// that `run` writes one replay file per refutation, not only for the first. Private to
// src/claims.
#include <string>

#include "ropecheck/core/result.hpp"

namespace ropecheck::claims::support {

// paper: "Men et al. 2024"; claim: what the paper states; paper_value: as printed; ours: the
// certified figure; paper_holds: whether the paper's statement is reproduced.
core::json literature_row(const std::string& paper, const std::string& claim, const std::string& paper_value,
                          const std::string& ours, bool paper_holds);

// Copies a refuted result's counterexample replay record into evidence["replay"]: for a
// negative control that states the paper's own (wrong) statement, whose refutation the
// Literature table links; a perturbation's refutation keeps only `run`'s usual record.
void keep_replay(core::InstanceResult& result);

}  // namespace ropecheck::claims::support
