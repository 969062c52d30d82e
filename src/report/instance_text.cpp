#include "ropecheck/report/instance_text.hpp"

namespace ropecheck::report {

std::string parameters_text(const core::json& parameters) {
    if (!parameters.is_object()) return parameters.is_null() ? "" : parameters.dump();
    std::string out;
    for (const auto& [name, value] : parameters.items()) {
        out += (out.empty() ? "" : ", ") + name + "=";
        out += value.is_string() ? value.get<std::string>() : value.dump();
    }
    return out;
}

std::string failed_instance_text(const core::FailedInstance& f) {
    return "instance " + std::to_string(f.index) + " (" + parameters_text(f.parameters) +
           "): " + core::to_string(f.verdict) + (f.message.empty() ? "" : ": " + f.message);
}

std::string instance_verdicts_text(const core::ClaimOutcome& c) {
    std::string out;
    for (const core::json& e : c.evidence) {
        if (!e.contains("instance") || !e.contains("verdict")) continue;
        out += (out.empty() ? "" : ", ") + std::string("instance ") + e["instance"].dump() + " " +
               e["verdict"].get<std::string>();
    }
    return out;
}

}  // namespace ropecheck::report
