// positional-margin through the certified minimum sweep over 1 <= r <= N.
#include "ropecheck/probes/positional_margin.hpp"

#include <string>

#include "ropecheck/numeric/invalid_input.hpp"
#include "ropecheck/sweep/sweep.hpp"

namespace ropecheck::probes {

MarginAnswer positional_margin(const std::vector<numeric::interval>& frequencies, std::int64_t max_distance) {
    if (frequencies.empty()) throw InvalidInput("positional-margin: no frequencies given");
    if (max_distance < 1 || max_distance > max_margin_distance)
        throw InvalidInput("positional-margin: max distance " + std::to_string(max_distance) +
                           " is outside [1, 2^52]");
    // A NaN or unbounded enclosure would make every distance "undecided" and
    // the answer meaningless; it can only come from a caller's bug or bad input.
    for (const auto& g : frequencies)
        if (!mpfi_bounded_p(g.backend().data()))
            throw InvalidInput("positional-margin: a frequency is not a finite number");

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
