// base-bound: the least base theta >= T keeping sum_k cos(r theta^(-2(k-1)/D))
// >= 0 for every r <= L, certified both ways (base_bound.hpp). It searches the
// base itself, so its heading leaves out --theta, and it takes plain RoPE only.
#include <memory>

#include "probe_support.hpp"
#include "ropecheck/numeric/decimal.hpp"
#include "ropecheck/probes/base_bound.hpp"
#include "ropecheck/probes/probe.hpp"

namespace ropecheck::probes {
namespace {

using namespace support;

class BaseBoundProbe final : public Probe {
public:
    BaseBoundProbe()
        : Probe({"base-bound", 60,
                 "the least base theta >= T keeping sum_k cos(r g_k) >= 0 for every r <= L (--head-dim is D)"},
                plain_request("Recorded only: the probe uses every g_k (default 1)",
                              {required("context", core::ParameterKind::integer, "Context L", "L"),
                               optional("theta_floor", core::ParameterKind::decimal,
                                        "Least base considered (default 100)", "T", "100")}),
                {"least_theta"}) {}
    void complete(core::Parameters& request) const override {
        require_range(request, "context", 1, max_base_bound_context, "2^52");
        rope::validate_theta(request.decimal("theta_floor"));
        default_frequency(request, 1);
    }
    Answer run(const core::Parameters& request) const override {
        const std::int64_t context = request.integer("context");
        const std::string floor = request.decimal("theta_floor");
        const auto a = base_bound(context, request.small_integer("head_dim"), floor);
        Answer out;
        out.label = "context " + std::to_string(context) + ", theta >= " + floor;
        out.fields["least_theta"] = a.least_theta_decimal;
        out.fields["theta_lower"] = numeric::decimal_down(a.theta_lower, value_digits);
        out.fields["binding_distance"] = a.binding_distance;
        out.fields["theta_floor"] = floor;
        out.fields["certified"] = a.certified;
        out.fields["intervals_excluded"] = a.intervals_excluded;
        const std::string failing = "every base in [" + floor + ", " + numeric::decimal_down(a.theta_lower, 12) + "] certainly fails";
        if (!a.certified)
            out.text = "not certified within the budget or precision" +
                       (a.intervals_excluded > 0 ? "; " + failing : std::string());
        else if (a.least_theta_decimal == "+inf")
            out.text = "no base passes: with d = 2 the only frequency is 1 whatever the base, and cos(2) < 0 (certified)";
        else if (a.intervals_excluded == 0)
            out.text = "the floor theta = " + floor + " itself passes every r <= " + std::to_string(context) + " (certified)";
        else
            out.text = "least base theta = " + a.least_theta_decimal + " (" + failing + ", the last at r = " +
                       std::to_string(a.binding_distance) + "; the base above passes every r <= " +
                       std::to_string(context) + ") (certified both ways)";
        return out;
    }
    bool heading_names_theta() const override { return false; }
};

}  // namespace

std::unique_ptr<Probe> make_base_bound_probe() { return std::make_unique<BaseBoundProbe>(); }

}  // namespace ropecheck::probes
