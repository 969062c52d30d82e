// semantic-break: the least r with sum_k cos(r g_k) < 0 (semantic_break.hpp),
// null when there is none up to N; by default on the lowest frequency, the
// semantic channel of Theorem 6.1.
#include <memory>

#include "probe_support.hpp"
#include "ropecheck/numeric/decimal.hpp"
#include "ropecheck/probes/probe.hpp"
#include "ropecheck/probes/semantic_break.hpp"

namespace ropecheck::probes {
namespace {

using namespace support;

class SemanticBreakProbe final : public Probe {
public:
    SemanticBreakProbe()
        : Probe({"semantic-break", 20, "the least r >= 1 with sum_k cos(r g_k) < 0 (null: none up to N)"},
                schedule_request("Which g_k, 1 = highest (default d/2, the lowest)",
                                 {optional("max_distance", core::ParameterKind::integer,
                                           "Distances 1..N searched (default 10^9)", "N", default_search_limit)},
                                 Frequencies::one_or_all),
                {"first_break_distance"}) {}
    void complete(core::Parameters& request) const override {
        default_frequency(request, request.integer("head_dim") / 2);  // the lowest: the semantic channel
        require_range(request, "max_distance", 1, max_break_distance, "2^52");
    }
    Answer run(const core::Parameters& request) const override {
        const auto g = requested_frequencies(request);
        const std::string limit = std::to_string(request.integer("max_distance"));
        const auto a = semantic_break(g, request.integer("max_distance"));
        Answer out;
        out.label = frequency_label(request, g);
        out.fields["first_break_distance"] = optional_json(a.first_break_distance);
        out.fields["certified"] = a.certified;
        if (a.first_break_distance) out.fields["sum_at_break"] = enclosure(a.value_at_break);
        if (a.undecided_at) out.fields["undecided_at"] = *a.undecided_at;
        out.fields["distances_evaluated_in_mpfi"] = a.escalated;
        if (a.first_break_distance)
            out.text = "first break at r = " + std::to_string(*a.first_break_distance) + ": sum_k cos(r g_k) in " +
                       numeric::decimal_enclosure(a.value_at_break, 12) + " < 0, and >= 0 for every r before it" +
                       (a.certified ? " (certified)" : "");
        else if (a.undecided_at)
            out.text = "undecided: the sign at r = " + std::to_string(*a.undecided_at) + " cannot be decided at " +
                       std::to_string(request.integer("precision")) + " bits (every r before it is >= 0); raise --precision";
        else
            out.text = "no break up to r = " + limit + ": sum_k cos(r g_k) >= 0 for every 1 <= r <= " + limit +
                       " (certified); the answer lies beyond " + limit + " (raise --max-distance)";
        return out;
    }
};

}  // namespace

std::unique_ptr<Probe> make_semantic_break_probe() { return std::make_unique<SemanticBreakProbe>(); }

}  // namespace ropecheck::probes
