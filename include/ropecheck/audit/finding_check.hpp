#pragma once
// A finding check: one of the suite's questions asked of one layer group of a
// real model (`ropecheck audit`), decided by the runner like a claim but with
// no expected verdict (core::plan_finding): a p-RoPE group refutes thm-6.1
// legitimately. The checks answer with the probes' certified machinery at the
// group's own schedule and span; docs/model-audit.md says what each one asks.
//
// A finding's parameters are the group's index and the span it is asked about
// (max_distance, normally the group's own: the largest query-key distance a
// layer of the group sees); the float-collision finding adds the dtype. The
// tests ask the same checks about perturbed groups (a span shortened below
// the first break, a NoPE group asked for a positional head, a theta inside
// the failing range) and require `refuted`: each check is shown able to fail.
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "ropecheck/core/check.hpp"
#include "ropecheck/model/layer_groups.hpp"

namespace ropecheck::audit {

// What the default audit computes itself; beyond, a finding is `inconclusive`
// with a message saying how to ask for it (never silently skipped).
struct FindingLimits {
    // The base bound's cost in work units, context x rotary width D (its search
    // grows with both); the default, 2^23, is a few seconds on one core.
    std::int64_t base_bound_budget = std::int64_t{1} << 23;  // --base-bound-budget
    // Theorem 5.3's scale s* is computed at context min(max_distance + 1, this):
    // each evaluation scans every distance.
    std::int64_t scale_context = 1'000'000;
    std::string scale_epsilon = "0.01";
};

inline std::int64_t base_bound_work(std::int64_t context, int rotary_width) {
    return context > (std::int64_t{1} << 52) / rotary_width ? std::int64_t{1} << 52 : context * rotary_width;
}

// The model every finding check of one audit is about.
struct AuditSubject {
    std::vector<model::LayerGroup> groups;
    FindingLimits limits;
};

// What a finding check is called and asserts.
struct FindingIdentity {
    std::string name;       // "thm-6.1": the check, and the run id's last part
    std::string title;      // one line
    std::string statement;  // what `certified` asserts about a group
};

// The group an instance asks about, and the span it asks over.
struct AskedGroup {
    int index = 0;
    const model::LayerGroup& group;
    std::int64_t span = 0;  // max_distance
};

class FindingCheck : public core::Check {
public:
    FindingCheck(std::shared_ptr<const AuditSubject> subject, FindingIdentity identity)
        : subject_(std::move(subject)), identity_(std::move(identity)) {}
    std::string name() const final { return identity_.name; }
    // group (0-based index into the subject's groups), max_distance; see extra_parameters().
    std::vector<core::ParameterSpec> parameters() const final;
    void validate(const core::Parameters& params) const final;

    const std::string& title() const { return identity_.title; }
    const std::string& statement() const { return identity_.statement; }
    // Whether the audit asks this of a group; by default, of every group in which some pair rotates.
    virtual bool applies_to(const model::LayerGroup& group) const;
    // The instances the audit runs on a group it applies to: one, or one per dtype.
    virtual std::vector<core::Parameters> instances_for(int group_index) const;
    // The run id's suffix of an instance: the check name, or "float-collision/bfloat16".
    virtual std::string label(const core::Parameters&) const { return name(); }

protected:
    virtual std::vector<core::ParameterSpec> extra_parameters() const { return {}; }
    virtual void validate_extra(const core::Parameters&) const {}
    const AuditSubject& subject() const { return *subject_; }
    AskedGroup asked(const core::Instance& instance) const;
    // {group, max_distance = the group's own}.
    core::json base_values(int group_index) const;

private:
    std::shared_ptr<const AuditSubject> subject_;
    FindingIdentity identity_;
};

// The dtypes the float-collision finding is asked in, one instance each
// (labels "float-collision/<dtype>").
const std::vector<std::string>& collision_dtypes();

// Every finding check, in report order: thm-6.1, all-frequency-break, thm-5.3,
// prop-5.2, prope-identities, float-collision, base-bound.
std::vector<std::unique_ptr<FindingCheck>> make_finding_checks(std::shared_ptr<const AuditSubject> subject);

}  // namespace ropecheck::audit
