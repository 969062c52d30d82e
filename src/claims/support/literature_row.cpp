#include "literature_row.hpp"

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

}  // namespace ropecheck::claims::support
