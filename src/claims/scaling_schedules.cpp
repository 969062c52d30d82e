// Every context-extension schedule ropecheck answers users with (default,
// linear, dynamic NTK, YaRN, LongRoPE, llama3) reproduces values published
// independently of it: the numeric snapshots and relations that Hugging Face
// transformers' own tests assert, and the worked values of
// docs/rope-scaling.md (support::scaling_cases, with the provenance of
// each value; docs/pipeline-and-formats.md, "Scaling schedules"). Each
// instance is one case: a config built as rope::Scaling through
// FrequencySchedule::with_scaling (the path `audit` and every probe take), its
// MPFI enclosures of omega'_j and of the attention factor, and its band
// decisions (rope::plan_scaling).
//
// Agreement: a printed value p (or p / divisor, when the source asserts that
// relation) stands for [p - t, p + t] / divisor with
//   torch float32 snapshots (5 significant digits): t = half a unit in p's last
//       printed digit + 2^-20 |p| for the float32 arithmetic that made it;
//   python doubles (shortest round-trip repr, so within half an ulp of the
//       double): t = 2^-48 |p|, the repr plus the few roundings of the formula;
// a value agrees when our enclosure lies inside, disagrees when it lies
// certainly outside; counts and correction-range ends must be equal. The case
// is certified when every value agrees, refuted when one disagrees.
//
// Negative controls: the same case with one input perturbed ("perturbation":
// factor + 1, theta doubled, original_max_position_embeddings doubled, or the
// sequence length brought back within the original context); each negative
// lists the cases its perturbation changes, and every one must be refuted.
#include <cmath>
#include <sstream>
#include <string>
#include <vector>

#include "ropecheck/numeric/certainty.hpp"
#include "ropecheck/numeric/decimal.hpp"
#include "ropecheck/numeric/invalid_input.hpp"
#include "ropecheck/rope/frequency_schedule.hpp"
#include "ropecheck/rope/scaling.hpp"
#include "support/claim_support.hpp"
#include "support/printed_decimal.hpp"
#include "support/scaling_schedules_data.hpp"

namespace ropecheck::claims::scaling_schedules {
namespace {

using support::ScalingCase;
using support::WorkedValue;

struct Params {
    std::string case_id, perturbation;
};

// Each parameter once: the schema, the range checks and the run all read it.
support::Fields<Params> fields() {
    return {{"case", core::ParameterKind::text, "a case id of src/claims/support/scaling_schedules_data.hpp",
             &Params::case_id},
            {"perturbation", core::ParameterKind::text,
             "none, factor-plus-one, theta-doubled, original-max-position-embeddings-doubled, "
             "sequence-length-within-original",
             "none", &Params::perturbation}};
}

const std::vector<std::string> perturbations{"none", "factor-plus-one", "theta-doubled",
                                             "original-max-position-embeddings-doubled",
                                             "sequence-length-within-original"};

const ScalingCase& case_named(const std::string& id) {
    return support::row_with_key(support::scaling_cases, &ScalingCase::id, id,
                                 "parameter \"case\" = \"" + id + "\" is not a scaling-schedules case");
}

// "12" -> 12; the perturbations act on whole numbers only.
std::int64_t whole(std::string_view text, const std::string& what) {
    const std::string s(text);
    if (s.empty() || s.find_first_not_of("0123456789") != std::string::npos)
        throw InvalidInput("perturbation of " + what + " needs a whole number, not \"" + s + "\"");
    return std::stoll(s);
}

struct Config {
    int head_dim = 0;
    std::string theta;
    rope::Scaling scaling;
};

std::vector<std::string> factor_list(std::string_view spec, int pairs) {
    std::vector<std::string> out;
    for (int j = 0; j < pairs; ++j) out.push_back(spec == "index+1" ? std::to_string(j + 1) : std::string(spec));
    return out;
}

// The case's config with the perturbation applied; throws InvalidInput when the
// perturbation does not apply to the case.
Config config_of(const ScalingCase& c, const std::string& perturbation) {
    Config out;
    out.head_dim = c.head_dim;
    out.theta = std::string(c.theta);
    rope::Scaling& s = out.scaling;
    s.type = rope::parse_scaling_type(std::string(c.type));
    s.factor = c.factor;
    s.low_freq_factor = c.low_freq_factor;
    s.high_freq_factor = c.high_freq_factor;
    s.attention_factor = c.attention_factor;
    s.mscale = c.mscale;
    s.mscale_all_dim = c.mscale_all_dim;
    s.truncate = c.truncate;
    s.original_max_position_embeddings = c.original_max_position_embeddings;
    s.max_position_embeddings = c.max_position_embeddings;
    s.sequence_length = c.sequence_length;
    if (s.type == rope::ScalingType::longrope) {
        s.short_factor = factor_list(c.short_factor, c.head_dim / 2);
        s.long_factor = factor_list(c.long_factor, c.head_dim / 2);
    }
    const auto not_applicable = [&](const std::string& why) {
        return InvalidInput("perturbation \"" + perturbation + "\" does not apply to case " + std::string(c.id) + ": " + why);
    };
    if (perturbation == "factor-plus-one") {
        if (s.factor.empty()) throw not_applicable("it has no factor");
        s.factor = std::to_string(whole(s.factor, "the factor") + 1);
    } else if (perturbation == "theta-doubled") {
        out.theta = std::to_string(2 * whole(out.theta, "theta"));
    } else if (perturbation == "original-max-position-embeddings-doubled") {
        if (s.original_max_position_embeddings < 1) throw not_applicable("it has no original_max_position_embeddings");
        s.original_max_position_embeddings *= 2;
    } else if (perturbation == "sequence-length-within-original") {
        if (s.type == rope::ScalingType::dynamic) s.sequence_length = s.max_position_embeddings;
        else if (s.type == rope::ScalingType::longrope) s.sequence_length = s.original_max_position_embeddings;
        else throw not_applicable("only dynamic and longrope depend on the sequence length");
    }
    return out;
}

using numeric::Certainty;

// One printed decimal against our enclosure (see the file comment): certainly
// agrees (deviation <= allowed), certainly disagrees, or unknown.
Certainty compare(const interval& ours, std::string_view printed, std::string_view arithmetic, const interval& divisor,
                  interval* allowed_out, interval* deviation_out) {
    const std::string text(printed);
    const interval value = numeric::enclose_decimal(text) / divisor;
    const interval printed_value = numeric::enclose_decimal(text);
    const interval allowed =
        arithmetic == "float32"
            ? (support::half_unit(text) + interval(std::ldexp(1.0, -20)) * abs(printed_value)) / divisor
            : interval(std::ldexp(1.0, -48)) * abs(printed_value) / divisor;
    const interval deviation = abs(ours - value);
    *allowed_out = allowed;
    *deviation_out = deviation;
    return numeric::is_at_most(deviation, allowed);
}

struct Tally {
    std::size_t agree = 0, disagree = 0, undecided = 0;
    core::json disagreements = core::json::array();
    core::json undecided_rows = core::json::array();
    double worst_ratio = 0;  // deviation / allowed, largest (upper bounds), over agreeing values
    std::string worst_where;
};

class ScalingSchedulesCheck final : public support::ClaimCheck<Params> {
    using ClaimCheck::ClaimCheck;

    void check(const Params& p) const override {
        const ScalingCase& c = case_named(p.case_id);
        const std::string perturbation = p.perturbation;
        support::require_one_of("perturbation", perturbation, perturbations);
        const Config config = config_of(c, perturbation);
        const auto schedule = rope::FrequencySchedule::rope(config.theta, config.head_dim);
        if (config.scaling.type != rope::ScalingType::none) (void)schedule.with_scaling(config.scaling);
        for (const WorkedValue& v : c.values)
            if (v.quantity == "inv_freq" && v.index >= config.head_dim / 2)
                throw InvalidInput("scaling-schedules case " + std::string(c.id) + ": pair index " +
                                   std::to_string(v.index) + " beyond d/2");
    }

    core::InstanceResult decide(const core::Instance& instance, const Params& p) const override {
        const ScalingCase& c = case_named(p.case_id);
        const std::string perturbation = p.perturbation;
        const Config config = config_of(c, perturbation);
        auto schedule = rope::FrequencySchedule::rope(config.theta, config.head_dim);
        if (config.scaling.type != rope::ScalingType::none) schedule = schedule.with_scaling(config.scaling);
        const std::vector<interval> omega = schedule.frequencies<interval>();
        const interval attention = schedule.attention_factor<interval>();
        const rope::ScalingPlan plan = rope::plan_scaling(config.scaling, config.head_dim, config.theta);

        Tally tally;
        const auto record = [&](Certainty f, const std::string& where, const std::string& printed, const std::string& ours,
                                const interval* allowed, const interval* deviation, std::string_view source) {
            core::json row = {{"value", where}, {"published", printed}, {"ours", ours}, {"source", source}};
            if (allowed != nullptr) row["allowed"] = numeric::decimal_upper(*allowed, 3);
            if (deviation != nullptr) row["deviation"] = numeric::decimal_enclosure(*deviation, 3);
            switch (f) {
                case Certainty::certainly:
                    ++tally.agree;
                    if (allowed != nullptr) {
                        const double ratio = (numeric::upper_bound(*deviation) / numeric::lower_bound(*allowed)).convert_to<double>();
                        if (ratio > tally.worst_ratio) {
                            tally.worst_ratio = ratio;
                            tally.worst_where = where;
                        }
                    }
                    break;
                case Certainty::certainly_not:
                    ++tally.disagree;
                    if (tally.disagreements.size() < 8) tally.disagreements.push_back(row);
                    break;
                case Certainty::unknown:
                    ++tally.undecided;
                    if (tally.undecided_rows.size() < 8) tally.undecided_rows.push_back(row);
                    break;
            }
        };
        const auto compare_real = [&](const interval& ours, const std::string& where, std::string_view printed,
                                      const WorkedValue& v, const interval& divisor) {
            interval allowed, deviation;
            const Certainty f = compare(ours, printed, v.arithmetic, divisor, &allowed, &deviation);
            record(f, where, std::string(printed) + (v.divisor.empty() ? "" : " / " + std::string(v.divisor)),
                   numeric::decimal_midpoint(ours, 17), &allowed, &deviation, v.source);
        };
        for (const WorkedValue& v : c.values) {
            if (v.quantity == "inv_freq" && v.index < 0) {
                std::istringstream in{std::string(v.printed)};
                std::string printed;
                for (std::size_t j = 0; j < omega.size() && (in >> printed); ++j) {
                    const interval divisor = v.divisor == "index+1" ? interval(static_cast<long long>(j + 1))
                                             : v.divisor.empty()   ? interval(1)
                                                                   : numeric::enclose_decimal(std::string(v.divisor));
                    compare_real(omega[j], "inv_freq[" + std::to_string(j) + "]", printed, v, divisor);
                }
            } else if (v.quantity == "inv_freq") {
                compare_real(omega[static_cast<std::size_t>(v.index)], "inv_freq[" + std::to_string(v.index) + "]", v.printed,
                             v, interval(1));
            } else if (v.quantity == "attention_factor") {
                compare_real(attention, "attention_factor", v.printed, v, interval(1));
            } else {
                const std::string ours = count_of(v.quantity, plan);
                record(ours == v.printed ? Certainty::certainly : Certainty::certainly_not, std::string(v.quantity),
                       std::string(v.printed), ours, nullptr, nullptr, v.source);
            }
        }

        core::InstanceResult result;
        result.evidence["schedule"] = config.scaling.describe();
        result.evidence["head_dim"] = config.head_dim;
        result.evidence["theta"] = config.theta;
        result.evidence["perturbation"] = perturbation;
        result.evidence["values_agreeing"] = tally.agree;
        result.evidence["values_disagreeing"] = tally.disagree;
        result.evidence["values_undecided"] = tally.undecided;
        if (!tally.worst_where.empty())
            result.evidence["largest_deviation_over_allowed"] = {{"ratio", tally.worst_ratio}, {"at", tally.worst_where}};
        if (!tally.disagreements.empty()) result.evidence["disagreements"] = tally.disagreements;
        if (!tally.undecided_rows.empty()) result.evidence["undecided"] = tally.undecided_rows;
        const std::string counts = std::to_string(tally.agree) + " of " +
                                   std::to_string(tally.agree + tally.disagree + tally.undecided) + " values agree";
        if (tally.disagree > 0) {
            const core::json& first = tally.disagreements.front();
            result.verdict = core::Verdict::refuted;
            result.message = std::string(c.id) + " (" + config.scaling.describe() + ", theta " + config.theta + "): " + counts +
                             "; first disagreement " + first["value"].get<std::string>() + ": ours " +
                             first["ours"].get<std::string>() + ", published " + first["published"].get<std::string>();
            core::Counterexample cx;
            cx.kind = "a schedule value outside the published value's rounding";
            cx.inputs = {{"case", std::string(c.id)}, {"perturbation", perturbation}, {"schedule", config.scaling.describe()},
                         {"theta", config.theta}, {"head_dim", std::to_string(config.head_dim)}};
            cx.claimed = "every value within its published rounding";
            cx.computed = result.message;
            cx.replay = support::replay_header(instance);
            cx.replay["inputs"] = {{"case", std::string(c.id)}, {"first_disagreement", first}};
            result.counterexample = std::move(cx);
            return result;
        }
        if (tally.undecided > 0) {
            result.verdict = core::Verdict::inconclusive;
            result.message = std::string(c.id) + ": " + counts + ", " + std::to_string(tally.undecided) +
                             " could not be decided; raise --precision";
            return result;
        }
        result.verdict = core::Verdict::certified;
        result.message = std::string(c.id) + " (" + config.scaling.describe() + "): " + counts +
                         (tally.worst_where.empty() ? std::string()
                                                    : "; largest deviation " + std::to_string(tally.worst_ratio).substr(0, 5) +
                                                          " of the allowed, at " + tally.worst_where);
        return result;
    }

private:
    static std::string count_of(std::string_view quantity, const rope::ScalingPlan& plan) {
        const auto count = [&](rope::PairTreatment t) {
            std::size_t n = 0;
            for (auto x : plan.pairs) n += x == t ? 1 : 0;
            return std::to_string(n);
        };
        if (quantity == "kept_pairs") return count(rope::PairTreatment::keep);
        if (quantity == "blended_pairs") return count(rope::PairTreatment::blend);
        if (quantity == "divided_pairs") return count(rope::PairTreatment::divide);
        if (quantity == "yarn_low") return plan.yarn_lo;
        if (quantity == "yarn_high") return plan.yarn_hi;
        throw InvalidInput("scaling-schedules data: unknown quantity \"" + std::string(quantity) + "\"");
    }
};

}  // namespace

ROPECHECK_REGISTER_CHECK(scaling_schedules, ScalingSchedulesCheck, "scaling-schedules", fields())

}  // namespace ropecheck::claims::scaling_schedules
