#pragma once
// What a literature claim's instance tells the report's "Literature" table
// (src/report/literature_table.cpp): one row per claim instance, in its evidence under
// "literature", and, on every refuted instance, its own replay record under "replay" so
// that `run` writes one replay file per refutation, not only for the first. Private to
// src/claims.
#include <string>
#include <utility>
#include <vector>

#include "ropecheck/core/check.hpp"
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

// support::refuted (claim_support.hpp) followed by keep_replay: the refutation of a negative
// control that states the paper's own sentence.
core::InstanceResult paper_statement_refuted(core::InstanceResult result, const core::Instance& instance,
                                             const std::string& kind,
                                             std::vector<std::pair<std::string, std::string>> inputs,
                                             const std::string& claimed, const std::string& computed,
                                             core::json replay_inputs);

// `result` certified, with `message`.
core::InstanceResult certified_with(core::InstanceResult result, std::string message);

}  // namespace ropecheck::claims::support
