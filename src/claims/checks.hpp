#pragma once
// Factories of the built-in checks, one per file in src/claims/.
#include <memory>

#include "ropecheck/core/check.hpp"

namespace ropecheck::claims {

std::unique_ptr<core::Check> make_prop_3_1_check();
std::unique_ptr<core::Check> make_prop_3_2_check();
std::unique_ptr<core::Check> make_prope_identities_check();
std::unique_ptr<core::Check> make_su_decay_bound_check();
std::unique_ptr<core::Check> make_fig_2_check();
std::unique_ptr<core::Check> make_prop_5_2_check();
std::unique_ptr<core::Check> make_thm_5_3_check();
std::unique_ptr<core::Check> make_lemma_a_1_check();
std::unique_ptr<core::Check> make_lemma_a_2_check();
std::unique_ptr<core::Check> make_thm_6_1_check();
std::unique_ptr<core::Check> make_table_1_check();
std::unique_ptr<core::Check> make_paper_numbers_check();
std::unique_ptr<core::Check> make_float_collision_check();
std::unique_ptr<core::Check> make_pipeline_diagonal_check();
std::unique_ptr<core::Check> make_pipeline_prop_3_1_check();
std::unique_ptr<core::Check> make_pipeline_semantic_flip_check();
std::unique_ptr<core::Check> make_near_tie_break_check();
std::unique_ptr<core::Check> make_ieee_formats_check();
std::unique_ptr<core::Check> make_scaling_schedules_check();

}  // namespace ropecheck::claims
