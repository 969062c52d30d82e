#pragma once
// `ropecheck audit --config FILE [--context L] [--format text|json]`: resolves a
// Hugging Face config.json (model_config.hpp) and reports, at 128 bits, the
// schedule, each rotated frequency's single-channel semantic break, the
// positional margin and Theorem 5.3 scale of g_1, float-pipeline collisions and
// the all-frequency semantic break, with verdicts derived from them.
// Throws InvalidInput naming the config field for a bad config.
#include <cstdint>
#include <filesystem>
#include <iosfwd>
#include <optional>
#include <string>

namespace ropecheck::cli {

struct AuditOptions {
    std::filesystem::path config;
    std::optional<std::int64_t> context;  // default: max_position_embeddings
    std::string format = "text";          // text | json
};

// Returns exit_ok (the audit is a report, not a pass/fail check).
int audit_command(const AuditOptions& options, std::ostream& out);

}  // namespace ropecheck::cli
