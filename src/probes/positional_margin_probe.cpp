// positional-margin: min over 1 <= r <= N of sum_k (1 - cos(r g_k)) and its
// argmin (positional_margin.hpp), on one frequency or all of them.
#include <memory>

#include "probe_support.hpp"
#include "ropecheck/numeric/decimal.hpp"
#include "ropecheck/probes/positional_margin.hpp"
#include "ropecheck/probes/probe.hpp"

namespace ropecheck::probes {
namespace {

using namespace support;

class PositionalMarginProbe final : public Probe {
public:
    PositionalMarginProbe()
        : Probe({"positional-margin", 10, "min over 1 <= r <= N of sum_k (1 - cos(r g_k)), and its argmin"},
                schedule_request("Which g_k, 1 = highest (default 1)",
                                 {required("max_distance", core::ParameterKind::integer, "Distances 1..N searched",
                                           "N")},
                                 Frequencies::one_or_all),
                {"worst_distance"}) {}
    void complete(core::Parameters& request) const override {
        default_frequency(request, 1);
        require_range(request, "max_distance", 1, max_margin_distance, "2^52");
    }
    Answer run(const core::Parameters& request) const override {
        const auto g = requested_frequencies(request);
        const std::int64_t n = request.integer("max_distance");
        const auto a = positional_margin(g, n);
        Answer out;
        out.label = frequency_label(request, g);
        out.fields["worst_distance"] = a.worst_distance;
        out.fields["margin"] = numeric::decimal_midpoint(a.margin, value_digits);
        out.fields["margin_lower"] = numeric::decimal_lower(a.margin, value_digits);
        out.fields["margin_upper"] = numeric::decimal_upper(a.margin, value_digits);
        out.fields["certified"] = a.certified;
        out.fields["rivals"] = a.rivals;
        out.fields["distances_evaluated_in_mpfi"] = a.escalated;
        out.text = "worst distance r = " + std::to_string(a.worst_distance) + " of 1 <= r <= " + std::to_string(n) +
                   ": margin sum_k (1 - cos(r g_k)) = " + numeric::decimal_midpoint(a.margin, 12) + ", in " +
                   numeric::decimal_enclosure(a.margin, 12) +
                   (a.certified ? " (certified)"
                                : " (not certified: distances " + core::json(a.rivals).dump() +
                                      " cannot be separated from it; raise --precision)");
        return out;
    }
};

}  // namespace

std::unique_ptr<Probe> make_positional_margin_probe() { return std::make_unique<PositionalMarginProbe>(); }

}  // namespace ropecheck::probes
