#include "audit_text.hpp"

#include <algorithm>
#include <sstream>

#include "audit_json.hpp"

namespace ropecheck::cli {
namespace {

using core::json;

constexpr std::size_t terminal_width = 100;

// Prose wrapped to the terminal: words joined up to `width` columns, every line indented.
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
    return out + line + "\n";
}

std::string padded(std::string s, std::size_t width) {
    s.resize(std::max(s.size(), width), ' ');
    return s;
}

// "0-4, 6, 8-11", or "3, 7, ..., 47 (every 4th)" for an arithmetic progression
// (gpt-oss's alternating layers, Llama 4's NoPE layers).
std::string layer_runs(const std::vector<int>& layers) {
    if (layers.size() >= 4) {
        const int step = layers[1] - layers[0];
        bool progression = step > 1;
        for (std::size_t i = 2; progression && i < layers.size(); ++i) progression = layers[i] - layers[i - 1] == step;
        if (progression) {
            const std::string nth = step == 2 ? "2nd" : step == 3 ? "3rd" : std::to_string(step) + "th";
            return std::to_string(layers[0]) + ", " + std::to_string(layers[1]) + ", ..., " +
                   std::to_string(layers.back()) + " (every " + nth + ")";
        }
    }
    return audit::layer_list(layers);
}

std::string span_line(const model::LayerGroup& g) {
    std::string kind = model::to_string(g.attention);
    if (g.window) kind += " " + std::to_string(*g.window);
    return kind + " attention, max distance " + std::to_string(g.max_distance);
}

// The pair table, abbreviated to its ends and middle past 12 rows.
void pair_table(std::ostream& out, const json& rows) {
    out << "    pair  inv_freq                 wavelength               first break\n";
    const auto row = [&](const json& r) {
        const int index = r.at("index").get<int>();
        const json& b = r.at("first_break_distance");
        std::string brk = b.is_null() ? "beyond 2^52" : b.dump();
        if (r.at("robust").get<bool>()) brk += " (robust: beyond the span)";
        if (!r.at("certified").get<bool>()) brk += " (not certified)";
        out << "    " << std::string(index < 10 ? 3 : index < 100 ? 2 : 1, ' ') << index << "  "
            << padded(r.at("inv_freq").get<std::string>(), 24) << ' ' << padded(r.at("wavelength").get<std::string>(), 24)
            << ' ' << brk << '\n';
    };
    const std::size_t n = rows.size();
    if (n <= 12) {
        for (const auto& r : rows) row(r);
        return;
    }
    const std::size_t mid = n / 2 - 1;
    for (std::size_t i = 0; i < 4; ++i) row(rows[i]);
    out << "     ...\n";
    for (std::size_t i = mid; i < mid + 3; ++i) row(rows[i]);
    out << "     ...\n";
    for (std::size_t i = n - 4; i < n; ++i) row(rows[i]);
}

}  // namespace

std::string audit_text(const audit::AuditRun& run, const std::string& config_name, unsigned precision_bits) {
    const model::ModelLayout& m = run.layout;
    std::ostringstream out;
    out << "ropecheck audit " << config_name << " (" << precision_bits << " bits)\n";
    out << "  model_type " << (m.model_type.empty() ? "(none)" : m.model_type)
        << (m.torch_dtype.empty() ? "" : ", torch_dtype " + m.torch_dtype) << ", " << m.num_layers
        << " layers, max_position_embeddings " << m.max_position_embeddings << ", context L = " << m.context_length
        << '\n';
    for (const auto& d : m.defaults_applied) out << "  default applied: " << d << '\n';
    for (const auto& k : m.ignored_keys) out << "  ignored key: " << k << '\n';
    for (const auto& n : m.notes) out << wrapped("note: " + n, terminal_width, "  ");
    for (int gi = 0; gi < static_cast<int>(m.groups.size()); ++gi) {
        const model::LayerGroup& g = m.groups[static_cast<std::size_t>(gi)];
        out << '\n'
            << wrapped("group " + std::to_string(gi) + ": " + std::to_string(g.layers.size()) + " layers (" +
                           g.layer_type + "): " + layer_runs(g.layers) + "; " + span_line(g),
                       terminal_width, "  ");
        if (!g.rope) {
            out << "    NoPE: no rotation (" << g.head_dim / 2 << " pairs, every frequency 0)\n";
        } else {
            const json s = schedule_json(g);
            const std::string described = g.schedule.describe();
            const auto split = described.find("; scaling ");
            out << wrapped("schedule   " + described.substr(0, split), terminal_width, "    ");
            if (split != std::string::npos)
                out << wrapped("scaling    " + described.substr(split + 10), terminal_width, "    ");
            out << "    head_dim " << g.head_dim << ", rotary_dim " << g.rotary_dim << ", attention factor "
                << s.at("attention_factor").get<std::string>() << '\n';
            if (!g.scaling_regime.empty()) out << "    longrope regime: " << g.scaling_regime << '\n';
            if (g.query_scaling) out << wrapped("query scaling: " + g.query_scaling->formula, terminal_width, "    ");
            const json breaks = run.evidence(gi, "thm-6.1");
            if (breaks.is_object()) {
                pair_table(out, breaks.at("frequencies"));
                out << "    robust channels (no break within the span): " << breaks.at("robust_channels").size() << " of "
                    << g.head_dim / 2 << '\n';
            }
        }
        out << "    findings:\n";
        for (const audit::AuditFinding* f : run.of_group(gi))
            out << "      [" << core::to_string(f->outcome->actual) << "] " << f->label << ": " << f->outcome->title
                << '\n'
                << wrapped(f->outcome->message, terminal_width, "        ");
    }
    return out.str();
}

}  // namespace ropecheck::cli
