#pragma once
// `audit --precision-slips`: what each pipeline-variant preset (the precision
// slips engines shipped, rope/pipeline_variant.hpp) would do to a model within
// its context, per layer group that rotates: the first position whose rotation
// table repeats an earlier one, and the first phase inversion (error >= pi/2 on
// the circle) of the highest and of the lowest rotating pair, each certified by
// probes/position_collision.hpp over every position 0..L (or up to the
// variant's finite range, when float16 overflows first).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "ropecheck/model/layer_groups.hpp"
#include "ropecheck/numeric/ieee.hpp"

namespace ropecheck::audit {

struct SlipAnswer {
    std::string preset;
    std::int64_t scanned_to = 0;                 // positions 0..scanned_to
    std::optional<std::int64_t> collision;       // first position with an earlier position's table
    std::int64_t collides_with = 0;
    std::optional<std::int64_t> highest_inversion;  // pair 1 (the highest rotating pair)
    std::optional<std::int64_t> lowest_inversion;   // the lowest rotating pair
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
