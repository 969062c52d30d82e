// diagonal-scale: the least ||psi||^2 making Theorem 5.3's head diagonal (or
// previous-token) up to N with weight above 1 - eps (diagonal_scale.hpp). A
// replay compares the enclosures of s* by overlap: their printed bounds are
// outward roundings, which move with the precision.
#include <memory>
#include <stdexcept>

#include "probe_support.hpp"
#include "ropecheck/numeric/certainty.hpp"
#include "ropecheck/numeric/decimal.hpp"
#include "ropecheck/numeric/invalid_input.hpp"
#include "ropecheck/numeric/precision_guard.hpp"
#include "ropecheck/probes/diagonal_scale.hpp"
#include "ropecheck/probes/probe.hpp"

namespace ropecheck::probes {
namespace {

using namespace support;
using numeric::interval;

class DiagonalScaleProbe final : public Probe {
public:
    DiagonalScaleProbe()
        : Probe({"diagonal-scale", 30, "the least ||psi||^2 making Theorem 5.3's head diagonal up to N"},
                schedule_request("Which g_k, 1 = highest (default 1, Theorem 5.3's)",
                                 {required("context", core::ParameterKind::integer, "Sequence length N", "N"),
                                  required("epsilon", core::ParameterKind::decimal, "eps in (0, 1/2]", "E"),
                                  optional("pattern", core::ParameterKind::text,
                                           "diagonal (default) or previous-token", "PATTERN", "diagonal")}),
                {"scale_lower", "scale_upper"}) {}
    void complete(core::Parameters& request) const override {
        require_range(request, "context", 2, max_scale_context, std::to_string(max_scale_context));
        const std::string pattern = request.text("pattern");
        require(pattern == "diagonal" || pattern == "previous-token",
                "--pattern " + pattern + ": expected diagonal or previous-token");
        default_frequency(request, 1);  // Theorem 5.3 uses the highest frequency
    }
    Answer run(const core::Parameters& request) const override {
        const auto g = requested_frequencies(request);
        const std::string pattern = request.text("pattern"), epsilon = request.decimal("epsilon");
        const std::int64_t context = request.integer("context");
        const auto a = diagonal_scale(g.front(), context, epsilon, parse_pattern(pattern));
        Answer out;
        out.label = frequency_label(request, g);
        out.fields["scale"] = numeric::decimal_midpoint(a.scale, value_digits);
        out.fields["scale_lower"] = numeric::decimal_lower(a.scale, value_digits);
        out.fields["scale_upper"] = numeric::decimal_upper(a.scale, value_digits);
        out.fields["certified"] = a.certified;
        out.fields["binding_distance"] = a.binding_distance;
        out.text = "least ||psi||^2 for a " + pattern + " pattern up to N = " + std::to_string(context) +
                   " with eps = " + epsilon + ": s* = " + numeric::decimal_midpoint(a.scale, 12) + ", in " +
                   numeric::decimal_enclosure(a.scale, 12) + "; hardest competitor at r = " +
                   std::to_string(a.binding_distance) +
                   (a.certified ? " (certified: holds at the upper bound, fails at the lower)" : " (not certified)");
        return out;
    }
    bool same_answer(const core::json& recorded, const core::json& now) const override {
        // The printed bounds are already rounded outward; 256 bits hold them closely.
        numeric::PrecisionGuard guard(256);
        const auto hull = [](const core::json& a) {
            const interval lower = numeric::enclose_decimal(a.at("scale_lower").get<std::string>());
            const interval upper = numeric::enclose_decimal(a.at("scale_upper").get<std::string>());
            interval h;
            mpfi_union(h.backend().data(), lower.backend().data(), upper.backend().data());
            return h;
        };
        try {
            return numeric::overlaps(hull(recorded), hull(now));
        } catch (const core::json::exception& e) {
            throw InvalidInput(std::string("replay record: bad answer: ") + e.what());
        } catch (const std::invalid_argument& e) {
            throw InvalidInput(std::string("replay record: bad answer: ") + e.what());
        }
    }
};

}  // namespace

std::unique_ptr<Probe> make_diagonal_scale_probe() { return std::make_unique<DiagonalScaleProbe>(); }

}  // namespace ropecheck::probes
