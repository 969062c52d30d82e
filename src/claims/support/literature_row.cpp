#include "literature_row.hpp"

#include "claim_support.hpp"

namespace ropecheck::claims::support {

core::json literature_row(const std::string& paper, const std::string& claim, const std::string& paper_value,
                          const std::string& ours, bool paper_holds) {
    return {{"paper", paper},
            {"claim", claim},
            {"paper_value", paper_value},
            {"ours", ours},
            {"verdict", paper_holds ? "reproduced" : "wrong"}};
}

void keep_replay(core::InstanceResult& result) {
    if (result.verdict == core::Verdict::refuted && result.counterexample)
        result.evidence["replay"] = result.counterexample->replay;
}

core::InstanceResult paper_statement_refuted(core::InstanceResult result, const core::Instance& instance,
                                             const std::string& kind,
                                             std::vector<std::pair<std::string, std::string>> inputs,
                                             const std::string& claimed, const std::string& computed,
                                             core::json replay_inputs) {
    result = refuted(std::move(result), instance, kind, std::move(inputs), claimed, computed, std::move(replay_inputs));
    keep_replay(result);
    return result;
}

core::InstanceResult certified_with(core::InstanceResult result, std::string message) {
    result.verdict = core::Verdict::certified;
    result.message = std::move(message);
    return result;
}

}  // namespace ropecheck::claims::support
