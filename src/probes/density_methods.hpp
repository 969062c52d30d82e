#pragma once
// The two independent implementations behind probes::density and
// probes::closest_return. Inputs are already validated (density.cpp).
// Private to src/probes.
#include <cstdint>
#include <optional>
#include <vector>

#include "ropecheck/probes/density.hpp"

namespace ropecheck::probes::density_detail {

// Continued fraction of g / (2 pi) and the three distance theorem.
ReturnAnswer closest_return_by_continued_fraction(const numeric::interval& frequency, std::int64_t max_distance);
DensityAnswer density_by_continued_fraction(const numeric::interval& frequency, const numeric::interval& gap,
                                            std::int64_t max_length);
std::vector<std::optional<numeric::interval>> largest_gaps_by_continued_fraction(const numeric::interval& frequency,
                                                                                 std::int64_t max_r);

// The certified sweep over every distance, and the sorted set of every point.
ReturnAnswer closest_return_by_sweep(const numeric::interval& frequency, std::int64_t max_distance);
DensityAnswer density_by_insertion(const numeric::interval& frequency, const numeric::interval& gap,
                                   std::int64_t max_length);
std::vector<std::optional<numeric::interval>> largest_gaps_by_insertion(const numeric::interval& frequency,
                                                                        std::int64_t max_r);

}  // namespace ropecheck::probes::density_detail
