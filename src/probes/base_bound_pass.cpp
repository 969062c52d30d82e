// Whether one decimal base passes: the certified first-crossing sweep over
// every distance in [1, L] with the schedule's own interval frequencies, the
// same evaluation semantic-break uses, so "passes" means exactly "the aligned
// construction does not break within L at this rope_theta".
#include "base_bound_parts.hpp"
#include "ropecheck/rope/frequency_schedule.hpp"
#include "ropecheck/sweep/series.hpp"
#include "ropecheck/sweep/sweep.hpp"

namespace ropecheck::probes::base_bound_detail {

BaseTest test_base(const std::string& theta, int head_dim, std::int64_t context) {
    const auto frequencies = rope::FrequencySchedule::rope(theta, head_dim).frequencies<numeric::interval>();
    const auto crossing =
        sweep::first_below(sweep::CosineSeries::aligned_unit(frequencies), numeric::interval(0), 1, context);
    if (!crossing.certified) return {BaseVerdict::undecided, crossing.undecided_at.value_or(0)};
    if (crossing.first) return {BaseVerdict::fails, *crossing.first};
    return {BaseVerdict::passes, 0};
}

}  // namespace ropecheck::probes::base_bound_detail
