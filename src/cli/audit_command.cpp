// `ropecheck audit`: what a real model's RoPE configuration means for the
// paper's constructions, certified at 128 bits. The config is resolved by
// model_config.cpp; this file runs the probes and prints text or JSON. The
// JSON is deterministic: no timings, and the work done never depends on time.
#include "ropecheck/cli/audit_command.hpp"

#include <algorithm>
#include <ostream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "ropecheck/cli/app.hpp"
#include "ropecheck/model/model_config.hpp"
#include "ropecheck/numeric/certainty.hpp"
#include "ropecheck/numeric/decimal.hpp"
#include "ropecheck/numeric/ieee.hpp"
#include "ropecheck/numeric/invalid_input.hpp"
#include "ropecheck/numeric/number_concept.hpp"
#include "ropecheck/numeric/precision_guard.hpp"
#include "ropecheck/probes/base_bound.hpp"
#include "ropecheck/probes/diagonal_scale.hpp"
#include "ropecheck/probes/float_collision.hpp"
#include "ropecheck/probes/positional_margin.hpp"
#include "ropecheck/probes/semantic_break.hpp"

namespace ropecheck::cli {
namespace {

using nlohmann::json;
using numeric::interval;
using model::ResolvedModel;
using model::load_model_config;

constexpr unsigned audit_precision_bits = 128;
constexpr std::size_t terminal_width = 100;
constexpr int value_digits = 17;
// Theorem 5.3's scale is computed at context min(L, this): each evaluation scans
// every distance, and this bound keeps a real config's audit within seconds.
constexpr std::int64_t scale_context_cap = 1'000'000;
const std::string scale_epsilon = "0.01";
// The largest context whose base bound the audit computes itself (about a minute at D = 256).
constexpr std::int64_t base_bound_context_cap = std::int64_t{1} << 20;

struct FrequencyRow {
    int index = 0;  // 1-based pair
    interval g;
    std::string inv_freq, wavelength;
    std::optional<std::int64_t> first_break;
    bool break_certified = false;
};

struct Claim {
    std::string id, verdict, detail;
};

// Prose wrapped to the terminal: words joined up to `width` columns, every
// line indented.
std::string wrapped(const std::string& text, std::size_t width, const std::string& indent) {
    std::string out, line = indent;
    std::istringstream words(text);
    for (std::string word; words >> word;) {
        if (line.size() > indent.size() && line.size() + 1 + word.size() > width) {
            out.append(line).append("\n");
            line = indent;
        }
        if (line.size() > indent.size()) line += ' ';
        line += word;
    }
    return out + line;
}

std::string distance_text(const std::optional<std::int64_t>& d) { return d ? std::to_string(*d) : "none"; }

json optional_distance(const std::optional<std::int64_t>& d) { return d ? json(*d) : json(nullptr); }

json scaling_json(const ResolvedModel& m) {
    const rope::Scaling& s = m.schedule.scaling();
    json j = json::object();
    j["type"] = rope::to_string(s.type);
    if (s.type == rope::ScalingType::none) return j;
    const auto put = [&](const char* key, const std::string& v) {
        if (!v.empty()) j[key] = v;
    };
    put("factor", s.factor);
    put("low_freq_factor", s.low_freq_factor);
    put("high_freq_factor", s.high_freq_factor);
    if (s.type == rope::ScalingType::yarn) {
        j["beta_fast"] = s.beta_fast.empty() ? "32" : s.beta_fast;
        j["beta_slow"] = s.beta_slow.empty() ? "1" : s.beta_slow;
        j["truncate"] = s.truncate;
    }
    put("attention_factor", s.attention_factor);
    put("mscale", s.mscale);
    put("mscale_all_dim", s.mscale_all_dim);
    if (s.original_max_position_embeddings > 0)
        j["original_max_position_embeddings"] = s.original_max_position_embeddings;
    if (s.type == rope::ScalingType::dynamic || s.type == rope::ScalingType::longrope)
        j["max_position_embeddings"] = s.max_position_embeddings;
    if (s.type == rope::ScalingType::dynamic) j["sequence_length"] = s.sequence_length;
    if (s.type == rope::ScalingType::longrope) {
        j["sequence_length"] = s.sequence_length;
        j["regime"] = m.scaling_regime;
    }
    return j;
}

}  // namespace

int audit_command(const AuditOptions& options, std::ostream& out) {
    if (options.format != "text" && options.format != "json")
        throw InvalidInput("--format " + options.format + ": expected text or json");
    numeric::PrecisionGuard precision(audit_precision_bits);
    const ResolvedModel m = load_model_config(options.config, options.context);
    const std::int64_t L = m.context_length;
    if (L > probes::max_break_distance)
        throw InvalidInput("--context " + std::to_string(L) + ": expected at most 2^52");

    const std::vector<interval> all = m.schedule.frequencies<interval>();
    const interval two_pi = interval(2) * numeric::number_traits<interval>::pi();
    std::vector<FrequencyRow> rows;
    std::vector<interval> rotated;
    for (std::size_t k = 0; k < all.size(); ++k) {
        if (!m.schedule.chunks()[k].rotated) continue;
        FrequencyRow row;
        row.index = static_cast<int>(k) + 1;
        row.g = all[k];
        row.inv_freq = numeric::decimal_midpoint(row.g, value_digits);
        row.wavelength = numeric::decimal_midpoint(two_pi / row.g, value_digits);
        const probes::BreakAnswer b = probes::semantic_break({row.g}, L);
        row.first_break = b.first_break_distance;
        row.break_certified = b.certified;
        rows.push_back(std::move(row));
        rotated.push_back(all[k]);
    }
    int robust = 0;
    bool breaks_certified = true;
    for (const auto& r : rows) {
        robust += r.first_break ? 0 : 1;
        breaks_certified = breaks_certified && r.break_certified;
    }

    const interval& g1 = rows.front().g;
    const probes::MarginAnswer margin = probes::positional_margin({g1}, L);
    const std::int64_t scale_context = std::max<std::int64_t>(2, std::min(L, scale_context_cap));
    const probes::ScaleAnswer scale = probes::diagonal_scale(g1, scale_context, scale_epsilon);

    struct Dtype {
        const char* name;
        numeric::IeeeFormat format;
    };
    const std::vector<Dtype> dtypes{{"float32", numeric::IeeeFormat::binary32},
                                    {"bfloat16", numeric::IeeeFormat::bfloat16},
                                    {"float16", numeric::IeeeFormat::binary16}};
    std::vector<probes::CollisionAnswer> collisions;
    for (const auto& d : dtypes)
        collisions.push_back(probes::float_collision(m.schedule, rows.front().index - 1, d.format, L));

    const probes::BreakAnswer all_break = probes::semantic_break(rotated, L);
    // The base bound is a property of plain RoPE at the rotated width D and the
    // context L alone; it says which bases certainly fail (every base up to
    // theta_lower), not that a larger base passes (the passing set is fragmented).
    // Its cost grows with L (about L / 13 certified intervals at D = 256), so
    // beyond base_bound_context_cap the audit leaves it to `probe base-bound`.
    std::optional<probes::BaseBoundAnswer> base;
    if (L <= base_bound_context_cap) base = probes::base_bound(L, m.rotary_dim);
    const std::string base_lower = base ? numeric::decimal_down(base->theta_lower, value_digits) : "";
    const bool theta_certainly_fails =
        base && (base->certified || base->intervals_excluded > 0) && numeric::real(m.theta) <= base->theta_lower;
    const std::string base_skipped = "not computed: L = " + std::to_string(L) + " is above " +
                                     std::to_string(base_bound_context_cap) + "; run ropecheck probe base-bound --context " +
                                     std::to_string(L) + " --head-dim " + std::to_string(m.rotary_dim);

    // Verdicts.
    std::vector<Claim> claims;
    const std::string Ltext = std::to_string(L);
    {
        std::string detail = std::to_string(rows.size() - static_cast<std::size_t>(robust)) + " of " +
                             std::to_string(rows.size()) + " rotating channels break within L = " + Ltext + "; " +
                             std::to_string(robust) + " robust";
        std::string verdict = !breaks_certified ? "inconclusive" : robust == 0 ? "certified" : "refuted";
        if (robust > 0) {
            const auto first_robust = std::find_if(rows.begin(), rows.end(), [](const auto& r) { return !r.first_break; });
            detail += " (from pair " + std::to_string(first_robust->index) + ", wavelength " + first_robust->wavelength + ")";
        }
        claims.push_back({"thm-6.1: every rotating channel breaks within L", verdict, detail});
    }
    {
        const bool positive = numeric::certainly_positive(margin.margin);
        std::string detail = "min over 1 <= r <= " + Ltext + " of 1 - cos(r g_1) = " +
                             numeric::decimal_midpoint(margin.margin, value_digits) + " at r = " +
                             std::to_string(margin.worst_distance) + "; scale s* for eps = " + scale_epsilon +
                             " at N = " + std::to_string(scale_context) + ": " +
                             numeric::decimal_enclosure(scale.scale, value_digits);
        claims.push_back({"thm-5.3: positional head possible within L in exact arithmetic",
                          positive && scale.certified ? "certified" : "inconclusive", detail});
    }
    for (std::size_t i = 0; i < dtypes.size(); ++i) {
        const auto& c = collisions[i];
        const std::string id = std::string("float pipeline separates all distances up to L in ") + dtypes[i].name;
        if (!c.certified) claims.push_back({id, "inconclusive", "collision search not certified"});
        else if (c.first_collision_distance)
            claims.push_back({id, "refuted",
                              "cos(r g_1) rounds to 1 at r = " + std::to_string(*c.first_collision_distance) + " <= " + Ltext});
        else
            claims.push_back({id, "certified", "no collision on g_1 up to " + Ltext});
    }
    {
        std::string verdict = !all_break.certified ? "inconclusive" : all_break.first_break_distance ? "certified" : "refuted";
        claims.push_back({"all-frequency semantic break within L", verdict,
                          "least r with sum_k cos(r g_k) < 0: " + distance_text(all_break.first_break_distance)});
    }

    if (!base) {
        claims.push_back({"rope_theta meets the base bound for L", "inconclusive", "base bound " + base_skipped});
    } else {
        std::string detail = "plain RoPE with D = " + std::to_string(m.rotary_dim) + " needs a base of at least " +
                             base->least_theta_decimal + " for L = " + Ltext + " (every base in [100, " + base_lower +
                             "] fails); rope_theta = " + m.theta;
        std::string verdict;
        if (!base->certified) verdict = "inconclusive";
        else if (theta_certainly_fails) verdict = "refuted";
        else verdict = all_break.first_break_distance ? "refuted" : "certified";
        detail += theta_certainly_fails ? " lies in the failing range"
                                        : (all_break.first_break_distance ? " is above the bound but this schedule still breaks"
                                                                          : " is above the bound and this schedule passes");
        claims.push_back({"rope_theta meets the base bound for L", verdict, detail});
    }

    const std::string attention = numeric::decimal_midpoint(m.schedule.attention_factor<interval>(), value_digits);

    if (options.format == "json") {
        json j = json::object();
        j["schema"] = "ropecheck-audit";
        j["schema_version"] = 1;
        j["config"] = options.config.filename().string();
        j["model_type"] = m.model_type.empty() ? json(nullptr) : json(m.model_type);
        j["torch_dtype"] = m.torch_dtype.empty() ? json(nullptr) : json(m.torch_dtype);
        j["rope_theta"] = m.theta;
        j["head_dim"] = m.head_dim;
        j["rotary_dim"] = m.rotary_dim;
        j["max_position_embeddings"] = m.max_position_embeddings;
        j["context_length"] = L;
        j["schedule"] = m.schedule.describe();
        j["scaling"] = scaling_json(m);
        j["defaults_applied"] = m.defaults_applied;
        j["notes"] = m.notes;
        j["attention_factor"] = attention;
        json freqs = json::array();
        for (const auto& r : rows)
            freqs.push_back({{"index", r.index},
                             {"inv_freq", r.inv_freq},
                             {"wavelength", r.wavelength},
                             {"first_break_distance", optional_distance(r.first_break)},
                             {"robust", !r.first_break},
                             {"certified", r.break_certified}});
        j["frequencies"] = freqs;
        j["robust_channels"] = robust;
        j["all_frequency_break_distance"] = optional_distance(all_break.first_break_distance);
        j["positional_margin"] = {{"frequency", rows.front().index},
                                  {"worst_distance", margin.worst_distance},
                                  {"margin", numeric::decimal_midpoint(margin.margin, value_digits)},
                                  {"margin_lower", numeric::decimal_lower(margin.margin, value_digits)},
                                  {"certified", margin.certified}};
        j["diagonal_scale"] = {{"epsilon", scale_epsilon},
                               {"context", scale_context},
                               {"scale_lower", numeric::decimal_lower(scale.scale, value_digits)},
                               {"scale_upper", numeric::decimal_upper(scale.scale, value_digits)},
                               {"certified", scale.certified}};
        if (base)
            j["base_bound"] = {{"computed", true},
                               {"head_dim", m.rotary_dim},
                               {"context", L},
                               {"theta_floor", "100"},
                               {"least_theta", base->least_theta_decimal},
                               {"theta_lower", base_lower},
                               {"binding_distance", base->binding_distance},
                               {"rope_theta_certainly_fails", theta_certainly_fails},
                               {"certified", base->certified}};
        else
            j["base_bound"] = {{"computed", false}, {"head_dim", m.rotary_dim}, {"context", L}, {"reason", base_skipped}};
        json fc = json::object();
        for (std::size_t i = 0; i < dtypes.size(); ++i)
            fc[dtypes[i].name] = {{"first_collision_distance", optional_distance(collisions[i].first_collision_distance)},
                                  {"inverse_frequency_float32", numeric::float32_decimal(collisions[i].inverse_frequency)},
                                  {"certified", collisions[i].certified}};
        j["float_collision"] = fc;
        json cl = json::array();
        for (const auto& c : claims) cl.push_back({{"id", c.id}, {"verdict", c.verdict}, {"detail", c.detail}});
        j["claims"] = cl;
        out << j.dump(2) << '\n';
        return exit_ok;
    }

    out << "ropecheck audit " << options.config.filename().string() << " (" << audit_precision_bits << " bits)\n";
    out << "  model_type " << (m.model_type.empty() ? "(none)" : m.model_type)
        << (m.torch_dtype.empty() ? "" : ", torch_dtype " + m.torch_dtype) << '\n';
    {
        // "kind ...; scaling ..." on two lines, each wrapped to the terminal.
        const std::string described = m.schedule.describe();
        const auto split = described.find("; scaling ");
        out << wrapped("schedule   " + described.substr(0, split), terminal_width, "  ") << '\n';
        if (split != std::string::npos)
            out << wrapped("scaling    " + described.substr(split + 10), terminal_width, "  ") << '\n';
    }
    out << "  head_dim " << m.head_dim << ", rotary_dim " << m.rotary_dim << ", max_position_embeddings "
        << m.max_position_embeddings << ", context L = " << L << '\n';
    if (!m.scaling_regime.empty()) out << "  longrope regime: " << m.scaling_regime << " factors at L = " << L << '\n';
    out << "  attention factor " << attention << '\n';
    for (const auto& d : m.defaults_applied) out << "  default applied: " << d << '\n';
    for (const auto& n : m.notes) out << wrapped("note: " + n, terminal_width, "  ") << '\n';
    out << "\n  pair  inv_freq                 wavelength               first break\n";
    const auto print_row = [&](const FrequencyRow& r) {
        std::string inv = r.inv_freq, wl = r.wavelength;
        inv.resize(std::max<std::size_t>(inv.size(), 24), ' ');
        wl.resize(std::max<std::size_t>(wl.size(), 24), ' ');
        out << "  " << std::string(r.index < 10 ? 3 : r.index < 100 ? 2 : 1, ' ') << r.index << "  " << inv << ' ' << wl
            << ' ' << (r.first_break ? std::to_string(*r.first_break) : "robust (beyond L)") << '\n';
    };
    const std::size_t n = rows.size();
    if (n <= 12) {
        for (const auto& r : rows) print_row(r);
    } else {
        const std::size_t mid = n / 2 - 1;
        for (std::size_t i = 0; i < 4; ++i) print_row(rows[i]);
        out << "   ...\n";
        for (std::size_t i = mid; i < mid + 3; ++i) print_row(rows[i]);
        out << "   ...\n";
        for (std::size_t i = n - 4; i < n; ++i) print_row(rows[i]);
    }
    out << "  robust channels (no break within L): " << robust << " of " << n << '\n';
    out << "  all-frequency semantic break: " << distance_text(all_break.first_break_distance) << '\n';
    if (base)
        out << "  base bound (plain RoPE, D = " << m.rotary_dim << "): least base " << base->least_theta_decimal << "\n"
            << "    every base in [100, " << base_lower << "] fails (the last at r = " << base->binding_distance << ")\n";
    else
        out << wrapped("base bound " + base_skipped, terminal_width, "  ") << '\n';
    out << "  positional margin of g_" << rows.front().index << ": " << numeric::decimal_midpoint(margin.margin, value_digits)
        << " at r = " << margin.worst_distance << '\n';
    out << "  Thm 5.3 scale (eps " << scale_epsilon << ", N = " << scale_context
        << "): " << numeric::decimal_enclosure(scale.scale, value_digits) << '\n';
    out << "  float collision on g_" << rows.front().index << ":";
    for (std::size_t i = 0; i < dtypes.size(); ++i)
        out << ' ' << dtypes[i].name << ' ' << distance_text(collisions[i].first_collision_distance) << (i + 1 < dtypes.size() ? "," : "");
    out << "\n\n  claims:\n";
    for (const auto& c : claims)
        out << "    [" << c.verdict << "] " << c.id << "\n" << wrapped(c.detail, terminal_width, "      ") << '\n';
    return exit_ok;
}

}  // namespace ropecheck::cli
