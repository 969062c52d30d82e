// positional-margin through the certified minimum sweep over 1 <= r <= N.
#include "ropecheck/probes/positional_margin.hpp"

#include "probe_support.hpp"
#include "ropecheck/sweep/sweep.hpp"

namespace ropecheck::probes {

MarginAnswer positional_margin(const std::vector<numeric::interval>& frequencies, std::int64_t max_distance) {
    support::require_sweep_inputs("positional-margin", frequencies, max_distance, max_margin_distance, "2^52");
    const auto minimum = sweep::minimum_of(sweep::ReturnMarginSeries::unit(frequencies), 1, max_distance);
    MarginAnswer answer;
    answer.worst_distance = minimum.argmin;
    answer.margin = minimum.minimum;
    answer.certified = minimum.argmin_certified;
    answer.rivals = minimum.rivals;
    answer.escalated = minimum.stats.escalated;
    return answer;
}

}  // namespace ropecheck::probes
