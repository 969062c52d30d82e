// The density and closest-return probes: input validation and the choice of
// method. The two methods share nothing but this file and the enclosure of
// g / (2 pi), so their agreement is evidence, not an echo.
#include "ropecheck/probes/density.hpp"

#include "density_methods.hpp"
#include "ropecheck/numeric/decimal.hpp"
#include "ropecheck/numeric/invalid_input.hpp"
#include "work_interval.hpp"

namespace ropecheck::probes {
namespace {

void require_positive_frequency(const numeric::interval& frequency) {
    if (!numeric::certainly_positive(frequency) || !mpfi_bounded_p(frequency.backend().data()))
        throw InvalidInput("frequency " + numeric::decimal_enclosure(frequency) +
                           " is not certainly positive and finite");
}

// gap / (2 pi) certainly in (0, 1 - 2^-64]: the fixed-point circle of the
// exhaustive method then represents the threshold without overflow, and no
// sensible gap is anywhere near the bound.
void require_gap(const numeric::interval& gap) {
    using density_detail::WorkInterval;
    const mpfr_prec_t bits = density_detail::work_bits();
    const WorkInterval turns = WorkInterval(gap, bits) / WorkInterval::two_pi(bits);
    WorkInterval slack = WorkInterval(1L, bits) - turns;
    mpfi_mul_2ui(slack.data(), slack.data(), 64);  // (1 - gap / 2 pi) 2^64 must be >= 1
    if (!numeric::certainly_positive(gap) || !mpfi_bounded_p(gap.backend().data()) || !(slack.lower() >= 1))
        throw InvalidInput("gap " + numeric::decimal_enclosure(gap) + " is not certainly inside (0, 2 pi)");
}

void require_length(const std::string& what, std::int64_t value, std::int64_t limit) {
    if (value < 1 || value > limit)
        throw InvalidInput(what + " = " + std::to_string(value) + " is outside [1, " + std::to_string(limit) + "]");
}

}  // namespace

std::string to_string(Method method) {
    return method == Method::continued_fraction ? "continued fraction" : "exhaustive";
}

DensityAnswer density(const numeric::interval& frequency, const numeric::interval& gap, std::int64_t max_length,
                      Method method) {
    require_positive_frequency(frequency);
    require_gap(gap);
    if (method == Method::exhaustive) {
        require_length("max_length", max_length, max_exhaustive_length);
        return density_detail::density_by_insertion(frequency, gap, max_length);
    }
    require_length("max_length", max_length, max_continued_fraction_length);
    return density_detail::density_by_continued_fraction(frequency, gap, max_length);
}

ReturnAnswer closest_return(const numeric::interval& frequency, std::int64_t max_distance, Method method) {
    require_positive_frequency(frequency);
    require_length("max_distance", max_distance, max_continued_fraction_length);
    return method == Method::exhaustive ? density_detail::closest_return_by_sweep(frequency, max_distance)
                                        : density_detail::closest_return_by_continued_fraction(frequency, max_distance);
}

std::vector<std::optional<numeric::interval>> largest_gaps(const numeric::interval& frequency, std::int64_t max_r,
                                                           Method method) {
    require_positive_frequency(frequency);
    if (max_r < 0 || max_r > max_exhaustive_length)
        throw InvalidInput("max_r = " + std::to_string(max_r) + " is outside [0, " +
                           std::to_string(max_exhaustive_length) + "]");
    return method == Method::exhaustive ? density_detail::largest_gaps_by_insertion(frequency, max_r)
                                        : density_detail::largest_gaps_by_continued_fraction(frequency, max_r);
}

}  // namespace ropecheck::probes
