// density: the least N leaving no circular gap >= delta among the points
// r g mod 2 pi, 0 <= r <= N (Lemma A.2 made finite; density.hpp).
#include <memory>
#include <stdexcept>

#include "probe_support.hpp"
#include "ropecheck/numeric/certainty.hpp"
#include "ropecheck/numeric/decimal.hpp"
#include "ropecheck/numeric/invalid_input.hpp"
#include "ropecheck/probes/density.hpp"
#include "ropecheck/probes/probe.hpp"

namespace ropecheck::probes {
namespace {

using namespace support;

class DensityProbe final : public Probe {
public:
    DensityProbe()
        : Probe({"density", 40, "the least N leaving no circular gap >= delta among r g mod 2 pi, r <= N (Lemma A.2)"},
                schedule_request("Which g_k, 1 = highest (default 1)",
                                 {required("gap", core::ParameterKind::decimal, "The gap delta, radians",
                                           "DELTA (radians)"),
                                  optional("max_length", core::ParameterKind::integer,
                                           "Lengths searched (default 10^9)", "N", default_search_limit)}),
                {"least_length"}) {}
    void complete(core::Parameters& request) const override {
        const std::int64_t n = request.integer("max_length");
        require(n >= 1, "--max-length " + std::to_string(n) + ": expected at least 1");
        default_frequency(request, 1);
    }
    Answer run(const core::Parameters& request) const override {
        const auto g = requested_frequencies(request);
        const std::string gap_text = request.decimal("gap");
        numeric::interval gap;
        try {
            gap = numeric::enclose_decimal(gap_text);
        } catch (const std::invalid_argument&) {
            throw InvalidInput("--gap " + gap_text + ": not a decimal number");
        }
        const std::string limit = std::to_string(request.integer("max_length"));
        const auto a = density(g.front(), gap, request.integer("max_length"));
        Answer out;
        out.label = frequency_label(request, g);
        out.fields["least_length"] = optional_json(a.least_length);
        out.fields["certified"] = a.certified;
        if (a.least_length) out.fields["largest_gap_at_answer"] = enclosure(a.largest_gap_at_answer);
        if (!a.certified) out.fields["undecided_reason"] = a.undecided_reason;
        if (a.least_length)
            out.text = "least length N = " + std::to_string(*a.least_length) +
                       ": the points r g mod 2 pi, 0 <= r <= N, leave no gap >= " + gap_text + " (largest gap in " +
                       numeric::decimal_enclosure(a.largest_gap_at_answer, 12) + ")" +
                       (a.certified ? " (certified)" : " (not certified: " + a.undecided_reason + ")");
        else if (!a.certified)
            out.text = "undecided: " + a.undecided_reason;
        else
            out.text = "a gap >= " + gap_text + " remains for every N <= " + limit + ": the answer lies beyond " + limit +
                       " (raise --max-length)";
        return out;
    }
};

}  // namespace

std::unique_ptr<Probe> make_density_probe() { return std::make_unique<DensityProbe>(); }

}  // namespace ropecheck::probes
