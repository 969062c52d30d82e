#pragma once
// Pieces every finding check uses. Private to src/audit.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "ropecheck/core/result.hpp"
#include "ropecheck/model/layer_groups.hpp"
#include "ropecheck/numeric/types.hpp"

namespace ropecheck::audit::support {

// Significant digits of the decimals a finding prints (midpoints; bounds are rounded outward).
inline constexpr int value_digits = 17;

core::InstanceResult decided(core::Verdict verdict, std::string message, core::json evidence = core::json::object());

// `refuted` with its counterexample; the group's index leads the witness's inputs.
struct Witness {
    std::string kind;
    std::vector<std::pair<std::string, std::string>> inputs;
    std::string claimed, computed;
};
core::InstanceResult refuted(int group, std::string message, core::json evidence, Witness witness);

// The group's frequencies g_k (per pair, 0 for a pair that does not rotate) at
// the current precision, from the one schedule definition (rope/).
std::vector<numeric::interval> frequencies_of(const model::LayerGroup& group);
// 0-based indices of the pairs that rotate (a non-zero frequency by construction).
std::vector<int> rotating_pairs(const model::LayerGroup& group);

// The least r >= 1 with cos(r g) < 0, floor(pi / (2 g)) + 1, from its closed form
// (docs/model-audit.md): none when g's enclosure cannot decide the floor or the
// distance is beyond 2^52 (the sweeps' exact range).
struct ClosedFormBreak {
    std::optional<std::int64_t> distance;
    bool decided = false;  // the floor was certain (false: distance empty)
};
ClosedFormBreak closed_form_break(const numeric::interval& g);

// A distance, or null when there is none.
core::json optional_distance(const std::optional<std::int64_t>& distance);

// "r <= N" for messages.
std::string span_text(std::int64_t max_distance);

}  // namespace ropecheck::audit::support
