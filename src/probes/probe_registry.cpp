#include "ropecheck/probes/probe_registry.hpp"

#include "ropecheck/numeric/invalid_input.hpp"

namespace ropecheck::probes {

const ProbeRegistry& builtin_probes() {
    static const ProbeRegistry registry = [] {
        ProbeRegistry r;
        register_builtin_probes(r);
        return r;
    }();
    return registry;
}

bool Probe::same_answer(const core::json& recorded, const core::json& now) const {
    for (const auto& field : replay_fields()) {
        if (!recorded.contains(field)) throw InvalidInput("replay record: bad answer: no \"" + field + "\"");
        if (recorded.at(field) != now.at(field)) return false;
    }
    return true;
}

std::string Probe::answer_summary(const core::json& answer) const {
    const auto fields = replay_fields();
    for (const auto& field : fields)
        if (!answer.contains(field)) return "(missing)";
    if (fields.size() == 1) return answer.at(fields.front()).dump();
    std::string out;
    for (const auto& field : fields) {
        const core::json& v = answer.at(field);
        out += (out.empty() ? "[" : ", ") + (v.is_string() ? v.get<std::string>() : v.dump());
    }
    return out + "]";
}

}  // namespace ropecheck::probes
