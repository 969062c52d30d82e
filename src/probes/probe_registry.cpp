#include "ropecheck/probes/probe_registry.hpp"

#include <algorithm>
#include <stdexcept>

#include "ropecheck/numeric/invalid_input.hpp"

namespace ropecheck::probes {

void ProbeRegistry::add(std::unique_ptr<Probe> probe) {
    if (find(probe->name()) != nullptr) throw std::logic_error("probe registered twice: " + probe->name());
    const auto later = std::find_if(probes_.begin(), probes_.end(), [&](const std::unique_ptr<Probe>& p) {
        return p->listing_rank() > probe->listing_rank();
    });
    probes_.insert(later, std::move(probe));
}

const Probe* ProbeRegistry::find(const std::string& name) const {
    for (const auto& p : probes_)
        if (p->name() == name) return p.get();
    return nullptr;
}

std::vector<const Probe*> ProbeRegistry::probes() const {
    std::vector<const Probe*> out;
    for (const auto& p : probes_) out.push_back(p.get());
    return out;
}

std::vector<std::string> ProbeRegistry::names() const {
    std::vector<std::string> out;
    for (const auto& p : probes_) out.push_back(p->name());
    return out;
}

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
