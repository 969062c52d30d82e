#include "ropecheck/report/verdict_counts.hpp"

#include <algorithm>

#include "ropecheck/core/verdict.hpp"

namespace ropecheck::report {

std::vector<std::pair<std::string, std::size_t>> ordered_verdict_counts(
    const std::map<std::string, std::size_t>& counts) {
    std::vector<std::pair<std::string, std::size_t>> out;
    const auto listed = [&](const std::string& name) {
        return std::any_of(out.begin(), out.end(), [&](const auto& e) { return e.first == name; });
    };
    for (core::Verdict v : {core::Verdict::certified, core::Verdict::holds, core::Verdict::refuted,
                            core::Verdict::inconclusive, core::Verdict::error}) {
        const auto it = counts.find(core::to_string(v));
        if (it != counts.end() && it->second != 0) out.emplace_back(*it);
    }
    for (const auto& entry : counts)
        if (entry.second != 0 && !listed(entry.first)) out.emplace_back(entry);
    return out;
}

std::string verdict_counts_text(const std::map<std::string, std::size_t>& counts) {
    std::string text;
    for (const auto& [name, n] : ordered_verdict_counts(counts))
        text += (text.empty() ? "" : ", ") + std::to_string(n) + " " + name;
    return text.empty() ? "none" : text;
}

}  // namespace ropecheck::report
