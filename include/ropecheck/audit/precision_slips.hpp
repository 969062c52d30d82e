#pragma once
// `audit --precision-slips`: what each pipeline-variant preset (the precision
// slips engines shipped, rope/pipeline_variant.hpp) would do to a model within
// its context, per layer group that rotates: the first position whose rotation
// table repeats an earlier one, and the first phase inversion (error >= pi/2 on
// the circle) of the highest and of the lowest rotating pair, each certified by
// probes/position_collision.hpp over every position 0..L (or up to the
// variant's finite range, when float16 overflows first). Beside them the two
// losses of the inference-pipeline probes under the variant: the diagonal loss
// (`probe pipeline-diagonal`: psi = (8, 0) on the highest rotating pair, the
// first query position at which an earlier key scores at least the query's
// own) and the semantic-order loss (`probe pipeline-flip`: psi on the lowest
// rotating pair, the first distance at which the target no longer beats a
// zero-activation key), each exhaustive within a stated work budget.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "ropecheck/model/layer_groups.hpp"
#include "ropecheck/numeric/ieee.hpp"

namespace ropecheck::audit {

// Work budgets, in query/key pairs scored. The diagonal scan compares every
// key j <= i at every query i: (Q + 1)(Q + 2) / 2 pairs up to query Q, so it
// stops at the largest Q within its budget. The order scan scores every query
// position for each distance its proven error bound leaves open; it runs only
// when that is within its budget.
inline constexpr std::int64_t diagonal_pair_budget = std::int64_t{1} << 26;
inline constexpr std::int64_t order_pair_budget = std::int64_t{1} << 31;

struct DiagonalLoss {
    std::optional<std::int64_t> query_position;  // none up to scanned_to
    std::int64_t rival_position = 0;             // the first key that ties or wins
    std::int64_t scanned_to = 0;                 // every query position 0..scanned_to
    bool budget_stopped = false;                 // scanned_to < the context because of the budget
};

struct OrderLoss {
    std::optional<std::int64_t> distance;        // the first distance whose order flips (score <= 0)
    std::int64_t query_position = 0;             // the least query position at that distance
    std::optional<std::int64_t> exact_break;     // the exact break within the context, if any
    std::int64_t context = 0;                    // query positions 0..context
    std::int64_t first_searched = 1;             // shorter distances proven unable to flip
    bool searched = true;                        // false: the scan's work was above the budget
};

struct SlipAnswer {
    std::string preset;
    std::int64_t scanned_to = 0;                 // positions 0..scanned_to
    std::optional<std::int64_t> collision;       // first position with an earlier position's table
    std::int64_t collides_with = 0;
    std::optional<std::int64_t> highest_inversion;  // pair 1 (the highest rotating pair)
    std::optional<std::int64_t> lowest_inversion;   // the lowest rotating pair
    DiagonalLoss diagonal;                          // on the highest rotating pair
    OrderLoss order;                                // on the lowest rotating pair
};

struct GroupSlips {
    int group = 0;
    int highest_pair = 0, lowest_pair = 0;  // 1-based
    std::vector<SlipAnswer> presets;        // in rope::variant_presets() order
};

// The dtype the slips are computed in: the config's torch_dtype when the
// pipeline runs in it (float32, bfloat16, float16), else bfloat16.
numeric::IeeeFormat slips_dtype(const model::ModelLayout& layout);

// Every group that rotates; at the caller's precision (>= 53 bits). Throws
// InvalidInput when a phase error cannot be decided.
std::vector<GroupSlips> precision_slips(const model::ModelLayout& layout, numeric::IeeeFormat dtype);

}  // namespace ropecheck::audit
