// semantic-break through the certified first-crossing sweep: the least r in
// [1, N] with sum_k cos(r g_k) < 0, every earlier r certainly >= 0.
#include "ropecheck/probes/semantic_break.hpp"

#include "probe_support.hpp"
#include "ropecheck/sweep/series.hpp"
#include "ropecheck/sweep/sweep.hpp"

namespace ropecheck::probes {

BreakAnswer semantic_break(const std::vector<numeric::interval>& frequencies, std::int64_t max_distance) {
    return semantic_break(frequencies, max_distance, sweep::SweepOptions{});
}

BreakAnswer semantic_break(const std::vector<numeric::interval>& frequencies, std::int64_t max_distance,
                           const sweep::SweepOptions& options) {
    support::require_sweep_inputs("semantic-break", frequencies, max_distance, max_break_distance, "2^52");
    const auto crossing = sweep::first_below(sweep::CosineSeries::aligned_unit(frequencies), numeric::interval(0), 1,
                                             max_distance, options);
    BreakAnswer answer;
    answer.first_break_distance = crossing.first;
    answer.certified = crossing.certified;
    answer.undecided_at = crossing.undecided_at;
    if (crossing.first) answer.value_at_break = crossing.value_at_first;
    answer.escalated = crossing.stats.escalated;
    return answer;
}

}  // namespace ropecheck::probes
