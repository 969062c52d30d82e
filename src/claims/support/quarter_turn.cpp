#include "quarter_turn.hpp"

#include "reference_frequencies.hpp"

#include "ropecheck/numeric/certainty.hpp"
#include "ropecheck/numeric/enclosure.hpp"

namespace ropecheck::claims::support {

numeric::interval reference_rope_frequency(const std::string& theta, int head_dim, int k) {
    // One second route for every claim: reference_frequencies.cpp.
    return reference_rope_frequencies(theta, head_dim).at(static_cast<std::size_t>(k - 1));
}

std::optional<std::int64_t> quarter_turn_break(const numeric::interval& g) {
    const numeric::interval pi = numeric::pi();
    if (!numeric::certainly_positive(g) || !numeric::certainly_positive(pi - g)) return std::nullopt;
    const numeric::interval quarter = pi / (numeric::interval(2) * g);
    const numeric::real lo = floor(numeric::lower_bound(quarter));
    const numeric::real hi = floor(numeric::upper_bound(quarter));
    if (lo != hi) return std::nullopt;
    return lo.convert_to<std::int64_t>() + 1;
}

}  // namespace ropecheck::claims::support
