#include "first_increase.hpp"

#include <cmath>

#include "ropecheck/numeric/certainty.hpp"
#include "ropecheck/rope/frequency_schedule.hpp"
#include "ropecheck/rope/kernel.hpp"

namespace ropecheck::claims::support {

using numeric::interval;

using numeric::Certainty;

namespace {

DistanceValue all_ones_magnitude(const std::string& theta, int head_dim) {
    const auto schedule = rope::FrequencySchedule::rope(theta, head_dim);
    const std::vector<interval> ones(static_cast<std::size_t>(head_dim), interval(1));
    return [freqs = schedule.frequencies<interval>(), coeffs = rope::chunk_coefficients<interval>(ones, ones)](
               std::int64_t r) { return abs(rope::activation_from_coefficients<interval>(coeffs, freqs, r)); };
}

}  // namespace

FirstIncrease first_increase_all_ones(const std::string& theta, int head_dim, std::int64_t max_distance) {
    return first_increase(all_ones_magnitude(theta, head_dim), max_distance);
}

FirstIncrease first_increase(const DistanceValue& magnitude, std::int64_t max_distance) {
    std::vector<interval> values{magnitude(0)};
    FirstIncrease result;
    for (std::int64_t r2 = 1; r2 <= max_distance; ++r2) {
        values.push_back(magnitude(r2));
        const interval& now = values.back();
        // The chain |a(0)| >= .. >= |a(r2-1)| is certified, so |a(r2)| <= |a(r2-1)|
        // certifies |a(r2)| <= |a(r1)| for every r1 < r2.
        const Certainty step = numeric::is_at_most(now, values[values.size() - 2]);
        if (step == Certainty::certainly) continue;
        if (step == Certainty::unknown) {
            result = {FirstIncrease::Outcome::undecided, r2 - 1, r2, values[values.size() - 2], now};
            return result;
        }
        // An increase at r2: the least r1 whose value is certainly below |a(r2)|.
        for (std::int64_t r1 = 0; r1 < r2; ++r1) {
            const interval& before = values[static_cast<std::size_t>(r1)];
            const Certainty o = numeric::is_at_most(now, before);
            if (o == Certainty::certainly) continue;
            result = {o == Certainty::certainly_not ? FirstIncrease::Outcome::found : FirstIncrease::Outcome::undecided,
                      r1, r2, before, now};
            return result;
        }
        // Unreachable: r1 = r2 - 1 is certainly below.
    }
    result.outcome = FirstIncrease::Outcome::none;
    return result;
}

ShrunkIncrease shrink_increase_all_ones(const std::string& theta, int max_head_dim, std::int64_t max_distance) {
    return shrink_increase([&](int d) { return all_ones_magnitude(theta, d); }, 2, max_head_dim, max_distance);
}

ShrunkIncrease shrink_increase(const std::function<DistanceValue(int)>& value_at, int min_head_dim, int max_head_dim,
                               std::int64_t max_distance) {
    ShrunkIncrease out;
    for (int d = min_head_dim; d <= max_head_dim; d += 2) {
        FirstIncrease pair = first_increase(value_at(d), max_distance);
        if (pair.outcome == FirstIncrease::Outcome::none) {
            out.excluded.push_back(d);
            continue;
        }
        out.head_dim = d;
        out.pair = std::move(pair);
        return out;
    }
    return out;
}

}  // namespace ropecheck::claims::support
