// `ropecheck probe NAME`: validates the options into one resolved request
// (every default filled in, so a replay record holds exactly what ran), asks
// the probe, and prints the answer as text or JSON. Replay records re-enter
// through the same resolution, so `replay` runs exactly what `probe` ran.
#include "ropecheck/cli/probe_command.hpp"

#include <algorithm>
#include <cstdio>
#include <ostream>
#include <stdexcept>

#include "probe_parts.hpp"
#include "ropecheck/cli/app.hpp"
#include "ropecheck/numeric/certainty.hpp"
#include "ropecheck/numeric/decimal.hpp"
#include "ropecheck/numeric/invalid_input.hpp"
#include "ropecheck/numeric/precision_guard.hpp"
#include "ropecheck/probes/base_bound.hpp"
#include "ropecheck/probes/density.hpp"
#include "ropecheck/probes/float_collision.hpp"
#include "ropecheck/probes/pipeline_semantic_flip.hpp"
#include "ropecheck/probes/pipeline_target.hpp"
#include "ropecheck/probes/diagonal_scale.hpp"
#include "ropecheck/probes/positional_margin.hpp"
#include "ropecheck/probes/semantic_break.hpp"
#include "ropecheck/report/atomic_file.hpp"
#include "ropecheck/rope/frequency_schedule.hpp"
#include "ropecheck/rope/inference_pipeline.hpp"

namespace ropecheck::cli {
namespace {

using core::json;
using numeric::interval;

// semantic-break and density search this far when no limit is given.
constexpr std::int64_t default_search_limit = 1'000'000'000;
// Printed values: >= 17 significant digits, so a double reads back exactly.
constexpr int value_digits = 20;

const std::string positional_margin = "positional-margin";
const std::string semantic_break = "semantic-break";
const std::string diagonal_scale = "diagonal-scale";
const std::string density = "density";
const std::string float_collision = "float-collision";
const std::string base_bound = "base-bound";
const std::string pipeline_diagonal = "pipeline-diagonal";
const std::string pipeline_flip = "pipeline-flip";


std::string number_text(std::int64_t n) { return std::to_string(n); }

void require(bool ok, const std::string& message) {
    if (!ok) throw InvalidInput(message);
}

// An option the probe does not take is a mistake worth naming, not ignoring.
void reject_unused(const ProbeOptions& o, const std::vector<std::string>& takes) {
    const std::vector<std::pair<std::string, bool>> given{
        {"--all-frequencies", o.all_frequencies}, {"--max-distance", o.max_distance.has_value()},
        {"--context", o.context.has_value()},     {"--epsilon", o.epsilon.has_value()},
        {"--pattern", o.pattern.has_value()},     {"--gap", o.gap.has_value()},
        {"--max-length", o.max_length.has_value()}, {"--dtype", o.dtype.has_value()},
        {"--theta-floor", o.theta_floor.has_value()}};
    for (const auto& [option, present] : given)
        if (present && std::find(takes.begin(), takes.end(), option) == takes.end())
            throw InvalidInput(option + " is not an option of probe " + o.name);
}

}  // namespace

rope::FrequencySchedule detail::schedule_of(const ProbeOptions& o) {
    require(!(o.partial_rotary_factor && o.p_rope), "--partial-rotary-factor and --p-rope exclude each other");
    rope::FrequencySchedule schedule = rope::FrequencySchedule::rope(o.theta, o.head_dim);
    if (o.partial_rotary_factor)
        schedule = rope::FrequencySchedule(rope::RotaryKind::neox_partial, o.theta, o.head_dim,
                                           numeric::ExactFraction::parse_decimal(*o.partial_rotary_factor,
                                                                                 "--partial-rotary-factor"));
    if (o.p_rope)
        schedule = rope::FrequencySchedule(rope::RotaryKind::p_rope, o.theta, o.head_dim,
                                           numeric::ExactFraction::parse_decimal(*o.p_rope, "--p-rope"));
    if (o.scaling.empty()) return schedule;
    const auto value = [&](const char* key) {
        const auto it = o.scaling.find(key);
        return it == o.scaling.end() ? std::string() : it->second;
    };
    const auto integer = [&](const char* key, const char* option) -> std::int64_t {
        const std::string v = value(key);
        if (v.empty()) return 0;
        try {
            std::size_t used = 0;
            const long long n = std::stoll(v, &used);
            if (used != v.size()) throw std::invalid_argument(v);
            return n;
        } catch (const std::exception&) {
            throw InvalidInput(std::string(option) + " = " + v + " is not an integer");
        }
    };
    require(!value("type").empty(), "a scaling parameter needs --scaling TYPE");
    rope::Scaling scaling;
    scaling.type = rope::parse_scaling_type(value("type"));
    scaling.factor = value("factor");
    scaling.low_freq_factor = value("low_freq_factor");
    scaling.high_freq_factor = value("high_freq_factor");
    scaling.beta_fast = value("beta_fast");
    scaling.beta_slow = value("beta_slow");
    scaling.attention_factor = value("attention_factor");
    scaling.original_max_position_embeddings =
        integer("original_max_position_embeddings", "--original-max-position-embeddings");
    scaling.max_position_embeddings = integer("max_position_embeddings", "--max-position-embeddings");
    scaling.sequence_length = integer("sequence_length", "--sequence-length");
    return schedule.with_scaling(std::move(scaling));
}

namespace {

using detail::schedule_of;

// Checks every option and fills every default. Throws InvalidInput naming the option.
ProbeOptions resolve(ProbeOptions o) {
    const auto& names = probe_names();
    if (std::find(names.begin(), names.end(), o.name) == names.end()) {
        std::string known;
        for (const auto& n : names) known += (known.empty() ? "" : ", ") + n;
        throw InvalidInput("unknown probe \"" + o.name + "\" (expected one of: " + known + ")");
    }
    require(o.precision >= numeric::min_precision_bits && o.precision <= numeric::max_precision_bits,
            "--precision " + std::to_string(o.precision) + ": expected " + std::to_string(numeric::min_precision_bits) +
                " to " + std::to_string(numeric::max_precision_bits) + " bits");
    rope::FrequencySchedule::rope(o.theta, o.head_dim);  // validates theta > 1 and an even d >= 2
    if (o.name != base_bound) schedule_of(o);             // validates the schedule options
    else require(o.scaling.empty() && !o.partial_rotary_factor && !o.p_rope,
                 "probe base-bound takes plain RoPE only (no --scaling, --partial-rotary-factor, --p-rope)");
    const int pairs = o.head_dim / 2;
    require(!(o.all_frequencies && o.frequency), "--frequency and --all-frequencies exclude each other");
    if (o.frequency)
        require(*o.frequency >= 1 && *o.frequency <= pairs, "--frequency " + std::to_string(*o.frequency) +
                                                                ": expected 1 to d/2 = " + std::to_string(pairs));
    if (o.name == positional_margin) {
        reject_unused(o, {"--all-frequencies", "--max-distance"});
        require(o.max_distance.has_value(), "probe positional-margin needs --max-distance N");
        if (!o.all_frequencies && !o.frequency) o.frequency = 1;
    } else if (o.name == semantic_break) {
        reject_unused(o, {"--all-frequencies", "--max-distance"});
        if (!o.max_distance) o.max_distance = default_search_limit;
        if (!o.all_frequencies && !o.frequency) o.frequency = pairs;  // the lowest: the semantic channel
    } else if (o.name == diagonal_scale) {
        reject_unused(o, {"--context", "--epsilon", "--pattern"});
        require(o.context.has_value(), "probe diagonal-scale needs --context N");
        require(o.epsilon.has_value(), "probe diagonal-scale needs --epsilon E");
        require(*o.context >= 2 && *o.context <= probes::max_scale_context,
                "--context " + number_text(*o.context) + ": expected 2 to " + number_text(probes::max_scale_context));
        if (!o.pattern) o.pattern = "diagonal";
        require(*o.pattern == "diagonal" || *o.pattern == "previous-token",
                "--pattern " + *o.pattern + ": expected diagonal or previous-token");
        if (!o.frequency) o.frequency = 1;  // Theorem 5.3 uses the highest frequency
    } else if (o.name == float_collision) {
        reject_unused(o, {"--max-distance", "--dtype"});
        require(o.max_distance.has_value(), "probe float-collision needs --max-distance N");
        if (!o.dtype) o.dtype = "bfloat16";
        rope::parse_pipeline_dtype(*o.dtype);
        if (!o.frequency) o.frequency = 1;
    } else if (o.name == pipeline_diagonal) {
        reject_unused(o, {"--context", "--dtype"});
        require(o.context.has_value(), "probe pipeline-diagonal needs --context N");
        require(*o.context >= 1 && *o.context <= probes::max_pipeline_positions,
                "--context " + number_text(*o.context) + ": expected 1 to " + number_text(probes::max_pipeline_positions));
        if (!o.dtype) o.dtype = "bfloat16";
        rope::parse_pipeline_dtype(*o.dtype);
        if (!o.frequency) o.frequency = 1;
    } else if (o.name == pipeline_flip) {
        reject_unused(o, {"--context", "--dtype"});
        if (o.context)
            require(*o.context >= 1 && *o.context <= probes::max_flip_position,
                    "--context " + number_text(*o.context) + ": expected 1 to " + number_text(probes::max_flip_position));
        if (!o.dtype) o.dtype = "bfloat16";
        rope::parse_pipeline_dtype(*o.dtype);
        if (!o.frequency) o.frequency = pairs;  // the lowest: the semantic channel
    } else if (o.name == base_bound) {
        reject_unused(o, {"--context", "--theta-floor"});
        require(o.context.has_value(), "probe base-bound needs --context L");
        require(*o.context >= 1 && *o.context <= probes::max_base_bound_context,
                "--context " + number_text(*o.context) + ": expected 1 to 2^52");
        if (!o.theta_floor) o.theta_floor = "100";
        rope::validate_theta(*o.theta_floor);
        if (!o.frequency) o.frequency = 1;
    } else {
        reject_unused(o, {"--gap", "--max-length"});
        require(o.gap.has_value(), "probe density needs --gap DELTA (radians)");
        if (!o.max_length) o.max_length = default_search_limit;
        require(*o.max_length >= 1, "--max-length " + number_text(*o.max_length) + ": expected at least 1");
        if (!o.frequency) o.frequency = 1;
    }
    if (o.max_distance)
        require(*o.max_distance >= 1 && *o.max_distance <= probes::max_break_distance,
                "--max-distance " + number_text(*o.max_distance) + ": expected 1 to 2^52");
    return o;
}

json parameters_of(const ProbeOptions& o) {
    json p = json::object();
    p["theta"] = o.theta;
    p["head_dim"] = o.head_dim;
    p["frequency"] = o.all_frequencies ? json("all") : json(*o.frequency);
    p["precision"] = o.precision;
    if (o.max_distance) p["max_distance"] = *o.max_distance;
    if (o.context) p["context"] = *o.context;
    if (o.epsilon) p["epsilon"] = *o.epsilon;
    if (o.pattern) p["pattern"] = *o.pattern;
    if (o.gap) p["gap"] = *o.gap;
    if (o.max_length) p["max_length"] = *o.max_length;
    if (o.dtype) p["dtype"] = *o.dtype;
    if (o.theta_floor) p["theta_floor"] = *o.theta_floor;
    if (!o.scaling.empty()) {
        json scaling = json::object();
        for (const auto& [key, v] : o.scaling) scaling[key] = v;
        p["scaling"] = scaling;
    }
    if (o.partial_rotary_factor) p["partial_rotary_factor"] = *o.partial_rotary_factor;
    if (o.p_rope) p["p_rope"] = *o.p_rope;
    return p;
}

// The inverse of parameters_of, for replay records.
ProbeOptions options_from(const std::string& name, const json& p) {
    ProbeOptions o;
    o.name = name;
    try {
        o.theta = p.at("theta").get<std::string>();
        o.head_dim = p.at("head_dim").get<int>();
        if (p.at("frequency").is_string()) {
            require(p.at("frequency") == "all", "replay record: frequency must be an integer or \"all\"");
            o.all_frequencies = true;
        } else {
            o.frequency = p.at("frequency").get<int>();
        }
        o.precision = p.at("precision").get<unsigned>();
        if (p.contains("max_distance")) o.max_distance = p.at("max_distance").get<std::int64_t>();
        if (p.contains("context")) o.context = p.at("context").get<std::int64_t>();
        if (p.contains("epsilon")) o.epsilon = p.at("epsilon").get<std::string>();
        if (p.contains("pattern")) o.pattern = p.at("pattern").get<std::string>();
        if (p.contains("gap")) o.gap = p.at("gap").get<std::string>();
        if (p.contains("max_length")) o.max_length = p.at("max_length").get<std::int64_t>();
        if (p.contains("dtype")) o.dtype = p.at("dtype").get<std::string>();
        if (p.contains("theta_floor")) o.theta_floor = p.at("theta_floor").get<std::string>();
        if (p.contains("scaling"))
            for (auto it = p.at("scaling").begin(); it != p.at("scaling").end(); ++it)
                o.scaling[it.key()] = it.value().get<std::string>();
        if (p.contains("partial_rotary_factor")) o.partial_rotary_factor = p.at("partial_rotary_factor").get<std::string>();
        if (p.contains("p_rope")) o.p_rope = p.at("p_rope").get<std::string>();
    } catch (const json::exception& e) {
        throw InvalidInput(std::string("replay record: bad parameters: ") + e.what());
    }
    return o;
}

using Answer = detail::ProbeAnswer;

std::string frequency_label(const ProbeOptions& o, const std::vector<interval>& g) {
    if (o.all_frequencies) return "all " + std::to_string(g.size()) + " frequencies";
    return "g_" + std::to_string(*o.frequency) + " = " + numeric::decimal_midpoint(g.front(), 12);
}

json enclosure(const interval& x) {
    return {{"lower", numeric::decimal_lower(x, value_digits)}, {"upper", numeric::decimal_upper(x, value_digits)}};
}

Answer run_positional_margin(const ProbeOptions& o, const std::vector<interval>& g) {
    const auto a = probes::positional_margin(g, *o.max_distance);
    Answer out;
    out.fields["worst_distance"] = a.worst_distance;
    out.fields["margin"] = numeric::decimal_midpoint(a.margin, value_digits);
    out.fields["margin_lower"] = numeric::decimal_lower(a.margin, value_digits);
    out.fields["margin_upper"] = numeric::decimal_upper(a.margin, value_digits);
    out.fields["certified"] = a.certified;
    out.fields["rivals"] = a.rivals;
    out.fields["distances_evaluated_in_mpfi"] = a.escalated;
    out.text = "worst distance r = " + number_text(a.worst_distance) + " of 1 <= r <= " + number_text(*o.max_distance) +
               ": margin sum_k (1 - cos(r g_k)) = " + numeric::decimal_midpoint(a.margin, 12) + ", in " +
               numeric::decimal_enclosure(a.margin, 12) +
               (a.certified ? " (certified)" : " (not certified: distances " + json(a.rivals).dump() +
                                                   " cannot be separated from it; raise --precision)");
    return out;
}

Answer run_semantic_break(const ProbeOptions& o, const std::vector<interval>& g) {
    const auto a = probes::semantic_break(g, *o.max_distance);
    Answer out;
    out.fields["first_break_distance"] = a.first_break_distance ? json(*a.first_break_distance) : json(nullptr);
    out.fields["certified"] = a.certified;
    if (a.first_break_distance) out.fields["sum_at_break"] = enclosure(a.value_at_break);
    if (a.undecided_at) out.fields["undecided_at"] = *a.undecided_at;
    out.fields["distances_evaluated_in_mpfi"] = a.escalated;
    const std::string limit = number_text(*o.max_distance);
    if (a.first_break_distance)
        out.text = "first break at r = " + number_text(*a.first_break_distance) + ": sum_k cos(r g_k) in " +
                   numeric::decimal_enclosure(a.value_at_break, 12) + " < 0, and >= 0 for every r before it" +
                   (a.certified ? " (certified)" : "");
    else if (a.undecided_at)
        out.text = "undecided: the sign at r = " + number_text(*a.undecided_at) + " cannot be decided at " +
                   std::to_string(o.precision) + " bits (every r before it is >= 0); raise --precision";
    else
        out.text = "no break up to r = " + limit + ": sum_k cos(r g_k) >= 0 for every 1 <= r <= " + limit +
                   " (certified); the answer lies beyond " + limit + " (raise --max-distance)";
    return out;
}

Answer run_diagonal_scale(const ProbeOptions& o, const std::vector<interval>& g) {
    const auto pattern = *o.pattern == "diagonal" ? probes::Pattern::diagonal : probes::Pattern::previous_token;
    const auto a = probes::diagonal_scale(g.front(), *o.context, *o.epsilon, pattern);
    Answer out;
    out.fields["scale"] = numeric::decimal_midpoint(a.scale, value_digits);
    out.fields["scale_lower"] = numeric::decimal_lower(a.scale, value_digits);
    out.fields["scale_upper"] = numeric::decimal_upper(a.scale, value_digits);
    out.fields["certified"] = a.certified;
    out.fields["binding_distance"] = a.binding_distance;
    out.text = "least ||psi||^2 for a " + *o.pattern + " pattern up to N = " + number_text(*o.context) +
               " with eps = " + *o.epsilon + ": s* = " + numeric::decimal_midpoint(a.scale, 12) + ", in " +
               numeric::decimal_enclosure(a.scale, 12) + "; hardest competitor at r = " +
               number_text(a.binding_distance) +
               (a.certified ? " (certified: holds at the upper bound, fails at the lower)" : " (not certified)");
    return out;
}

Answer run_density(const ProbeOptions& o, const std::vector<interval>& g) {
    interval gap;
    try {
        gap = numeric::enclose_decimal(*o.gap);
    } catch (const std::invalid_argument&) {
        throw InvalidInput("--gap " + *o.gap + ": not a decimal number");
    }
    const auto a = probes::density(g.front(), gap, *o.max_length);
    Answer out;
    out.fields["least_length"] = a.least_length ? json(*a.least_length) : json(nullptr);
    out.fields["certified"] = a.certified;
    if (a.least_length) out.fields["largest_gap_at_answer"] = enclosure(a.largest_gap_at_answer);
    if (!a.certified) out.fields["undecided_reason"] = a.undecided_reason;
    const std::string limit = number_text(*o.max_length);
    if (a.least_length)
        out.text = "least length N = " + number_text(*a.least_length) + ": the points r g mod 2 pi, 0 <= r <= N, leave no gap >= " +
                   *o.gap + " (largest gap in " + numeric::decimal_enclosure(a.largest_gap_at_answer, 12) + ")" +
                   (a.certified ? " (certified)" : " (not certified: " + a.undecided_reason + ")");
    else if (!a.certified)
        out.text = "undecided: " + a.undecided_reason;
    else
        out.text = "a gap >= " + *o.gap + " remains for every N <= " + limit + ": the answer lies beyond " + limit +
                   " (raise --max-length)";
    return out;
}

Answer run_float_collision(const ProbeOptions& o) {
    const auto schedule = schedule_of(o);
    const auto dtype = rope::parse_pipeline_dtype(*o.dtype);
    const auto a = probes::float_collision(schedule, *o.frequency - 1, dtype, *o.max_distance);
    Answer out;
    out.fields["dtype"] = numeric::to_string(dtype);
    out.fields["first_collision_distance"] = a.first_collision_distance ? json(*a.first_collision_distance) : json(nullptr);
    out.fields["certified"] = a.certified;
    out.fields["float32_inv_freq"] = numeric::float32_decimal(a.inverse_frequency);
    out.fields["distances_decided_with_mpfr"] = a.decided_exactly;
    const std::string limit = number_text(*o.max_distance);
    out.text = a.first_collision_distance
                   ? "first collision at r = " + number_text(*a.first_collision_distance) + ": the " + *o.dtype +
                         " pipeline rounds cos(r g) to exactly 1, so distance r looks like distance 0 (certified)"
                   : "no collision up to r = " + limit + " (certified); the answer lies beyond " + limit;
    return out;
}

Answer run_base_bound(const ProbeOptions& o) {
    const auto a = probes::base_bound(*o.context, o.head_dim, *o.theta_floor);
    Answer out;
    out.fields["least_theta"] = a.least_theta_decimal;
    out.fields["theta_lower"] = numeric::decimal_down(a.theta_lower, value_digits);
    out.fields["binding_distance"] = a.binding_distance;
    out.fields["theta_floor"] = *o.theta_floor;
    out.fields["certified"] = a.certified;
    out.fields["intervals_excluded"] = a.intervals_excluded;
    if (!a.certified)
        out.text = "not certified within the budget or precision" +
                   (a.intervals_excluded > 0 ? "; every base in [" + *o.theta_floor + ", " +
                                                   numeric::decimal_down(a.theta_lower, 12) + "] certainly fails"
                                             : std::string());
    else if (a.least_theta_decimal == "+inf")
        out.text = "no base passes: with d = 2 the only frequency is 1 whatever the base, and cos(2) < 0 (certified)";
    else if (a.intervals_excluded == 0)
        out.text = "the floor theta = " + *o.theta_floor + " itself passes every r <= " + number_text(*o.context) +
                   " (certified)";
    else
        out.text = "least base theta = " + a.least_theta_decimal + " (every base in [" + *o.theta_floor + ", " +
                   numeric::decimal_down(a.theta_lower, 12) + "] certainly fails, the last at r = " +
                   number_text(a.binding_distance) + "; the base above passes every r <= " + number_text(*o.context) +
                   ") (certified both ways)";
    return out;
}

// Runs a resolved request at its precision.
Answer evaluate(const ProbeOptions& o, std::string& label) {
    numeric::PrecisionGuard guard(o.precision);
    if (o.name == float_collision) {
        label = "g_" + std::to_string(*o.frequency) + ", dtype " + *o.dtype;
        return run_float_collision(o);
    }
    if (o.name == base_bound) {
        label = "context " + number_text(*o.context) + ", theta >= " + *o.theta_floor;
        return run_base_bound(o);
    }
    if (o.name == pipeline_diagonal || o.name == pipeline_flip) {
        label = "g_" + std::to_string(*o.frequency) + ", dtype " + *o.dtype;
        return o.name == pipeline_diagonal ? detail::run_pipeline_diagonal(o) : detail::run_pipeline_flip(o);
    }
    auto g = schedule_of(o).frequencies<interval>();
    if (!o.all_frequencies) g = {g[static_cast<std::size_t>(*o.frequency - 1)]};
    label = frequency_label(o, g);
    if (o.name == positional_margin) return run_positional_margin(o, g);
    if (o.name == semantic_break) return run_semantic_break(o, g);
    if (o.name == diagonal_scale) return run_diagonal_scale(o, g);
    return run_density(o, g);
}

// The answer a replay compares: a distance or length (or null); for
// diagonal-scale the enclosure of s*, compared by overlap.
bool same_answer(const std::string& probe, const json& recorded, const json& now) {
    try {
        if (probe == positional_margin) return recorded.at("worst_distance") == now.at("worst_distance");
        if (probe == semantic_break) return recorded.at("first_break_distance") == now.at("first_break_distance");
        if (probe == density) return recorded.at("least_length") == now.at("least_length");
        if (probe == float_collision) return recorded.at("first_collision_distance") == now.at("first_collision_distance");
        if (probe == base_bound) return recorded.at("least_theta") == now.at("least_theta");
        if (probe == pipeline_diagonal) return recorded.at("lost_at_query_position") == now.at("lost_at_query_position");
        if (probe == pipeline_flip) return recorded.at("flip_distance") == now.at("flip_distance");
        // The printed bounds are already rounded outward; 256 bits hold them closely.
        numeric::PrecisionGuard guard(256);
        const auto hull = [](const json& a) {
            const interval lower = numeric::enclose_decimal(a.at("scale_lower").get<std::string>());
            const interval upper = numeric::enclose_decimal(a.at("scale_upper").get<std::string>());
            interval h;
            mpfi_union(h.backend().data(), lower.backend().data(), upper.backend().data());
            return h;
        };
        return numeric::overlaps(hull(recorded), hull(now));
    } catch (const json::exception& e) {
        throw InvalidInput(std::string("replay record: bad answer: ") + e.what());
    } catch (const std::invalid_argument& e) {
        throw InvalidInput(std::string("replay record: bad answer: ") + e.what());
    }
}

std::string answer_summary(const std::string& probe, const json& a) {
    const char* key = probe == positional_margin ? "worst_distance"
                      : probe == semantic_break  ? "first_break_distance"
                      : probe == density         ? "least_length"
                      : probe == float_collision ? "first_collision_distance"
                      : probe == base_bound      ? "least_theta"
                      : probe == pipeline_diagonal ? "lost_at_query_position"
                      : probe == pipeline_flip   ? "flip_distance"
                                                 : nullptr;
    if (key != nullptr) return a.contains(key) ? a.at(key).dump() : "(missing)";
    if (!a.contains("scale_lower") || !a.contains("scale_upper")) return "(missing)";
    return "[" + a.at("scale_lower").get<std::string>() + ", " + a.at("scale_upper").get<std::string>() + "]";
}

}  // namespace

const std::vector<std::string>& probe_names() {
    static const std::vector<std::string> names{positional_margin, semantic_break, diagonal_scale, density,
                                                float_collision, base_bound,       pipeline_diagonal, pipeline_flip};
    return names;
}

int probe_command(const ProbeOptions& options, std::ostream& out) {
    require(options.format == "text" || options.format == "json", "--format " + options.format + ": expected text or json");
    const ProbeOptions o = resolve(options);
    std::string label;
    const Answer answer = evaluate(o, label);
    const json parameters = parameters_of(o);

    if (o.replay_file) {
        json record = json::object();
        record["version"] = 1;
        record["kind"] = "probe";
        record["probe"] = o.name;
        record["parameters"] = parameters;
        record["answer"] = answer.fields;
        try {
            report::write_file_atomically(*o.replay_file, record.dump(2) + "\n");
        } catch (const std::runtime_error& e) {
            throw InvalidInput("--replay-file " + o.replay_file->string() + ": " + e.what());
        }
    }

    if (o.format == "json") {
        json doc = json::object();
        doc["probe"] = o.name;
        doc["parameters"] = parameters;
        for (auto it = answer.fields.begin(); it != answer.fields.end(); ++it) doc[it.key()] = it.value();
        out << doc.dump(2) << '\n';
    } else {
        out << o.name << ": " << (o.name == base_bound ? std::string() : "theta = " + o.theta + ", ") << "d = " << o.head_dim
            << ", " << label << ", " << o.precision
            << " bits\n"
            << "  " << answer.text << '\n';
        if (o.replay_file)
            out << "  replay record: " << o.replay_file->string() << " (ropecheck replay " << o.replay_file->string()
                << ")\n";
    }
    return exit_ok;
}

int replay_probe(const json& record, std::optional<unsigned> precision, std::ostream& out) {
    require(record.is_object(), "replay record: not a JSON object");
    require(record.value("version", json()) == 1, "replay record: expected \"version\": 1");
    require(record.value("kind", json()) == "probe", "replay record: expected \"kind\": \"probe\"");
    require(record.contains("probe") && record.at("probe").is_string(), "replay record: no probe name");
    require(record.contains("parameters") && record.at("parameters").is_object(), "replay record: no parameters");
    require(record.contains("answer") && record.at("answer").is_object(), "replay record: no answer");
    const std::string name = record.at("probe").get<std::string>();
    ProbeOptions options = options_from(name, record.at("parameters"));
    if (precision) options.precision = *precision;
    const ProbeOptions o = resolve(options);
    std::string label;
    const Answer now = evaluate(o, label);
    const json& recorded = record.at("answer");
    const bool same = same_answer(name, recorded, now.fields);
    out << "probe " << name << " (theta = " << o.theta << ", d = " << o.head_dim << ", " << label << ") replayed at "
        << o.precision << " bits: recorded " << answer_summary(name, recorded) << ", now "
        << answer_summary(name, now.fields) << (same ? ": the answer stands\n" : ": the answer CHANGED\n");
    return same ? exit_ok : exit_mismatch;
}

}  // namespace ropecheck::cli
