#include <fstream>
#include <ostream>
#include <sstream>

#include "ropecheck/claims/builtin_checks.hpp"
#include "ropecheck/cli/app.hpp"
#include "ropecheck/cli/commands.hpp"
#include "ropecheck/cli/probe_command.hpp"
#include "ropecheck/core/replay_record.hpp"
#include "ropecheck/model/strict_json.hpp"
#include "ropecheck/numeric/invalid_input.hpp"
#include "ropecheck/numeric/precision_guard.hpp"
#include "ropecheck/numeric/types.hpp"
#include "ropecheck/spec/spec_loader.hpp"

namespace ropecheck::cli {
namespace {

core::json read_record(const std::filesystem::path& file) {
    std::ifstream in(file);
    if (!in) throw InvalidInput(file.string() + ": cannot read");
    std::stringstream text;
    text << in.rdbuf();
    return model::parse_strict_json<core::json>(text.str(), file.string() + " (a replay record)");
}

}  // namespace

int replay_command(const ReplayOptions& options, std::ostream& out) {
    const std::string where = options.file.string();
    const core::ReplayRecord record = core::read_replay_record(read_record(options.file), where);
    if (options.precision && (*options.precision < numeric::min_precision_bits ||
                              *options.precision > numeric::max_precision_bits))
        throw InvalidInput("--precision " + std::to_string(*options.precision) + " is outside [53, 65536] bits");
    if (record.kind == core::ReplayKind::probe) return replay_probe(record, options.precision, where, out);

    const std::string& claim_id = record.subject;
    const std::string& variant = record.variant;
    const auto specs = spec::load_all_claim_specs(options.theorems);
    const core::ClaimSpec* spec = nullptr;
    for (const auto& s : specs)
        if (s.id == claim_id) spec = &s;
    if (spec == nullptr) throw InvalidInput(where + ": no claim \"" + claim_id + "\" in " + options.theorems.string());
    core::CheckRegistry registry;
    claims::register_builtin_checks(registry);
    const core::Check* check = registry.find(spec->check);
    if (check == nullptr) throw InvalidInput("claim " + claim_id + ": no check named " + spec->check);

    core::Instance instance;
    instance.claim_id = claim_id;
    instance.variant = variant;
    instance.negative = record.negative;
    instance.index = record.instance;
    instance.seed = record.seed;
    instance.params = core::conform(record.parameters, check->parameters(), where);
    check->validate(instance.params);
    instance.precision_bits = options.precision.value_or(record.precision);
    if (instance.precision_bits < numeric::min_precision_bits)
        throw InvalidInput(where + ": precision below 53 bits");

    numeric::PrecisionGuard guard(instance.precision_bits);
    const core::InstanceResult result = check->run(instance);
    out << "replay " << claim_id
        << (variant == "negative" ? " (negative control" + (record.negative.empty() ? "" : " \"" + record.negative + "\"") + ")"
                                  : "")
        << " instance "
        << instance.index << " at " << instance.precision_bits << " bits: " << core::to_string(result.verdict) << "\n  "
        << result.message << '\n';
    if (result.verdict == core::Verdict::refuted) {
        out << "the counterexample still stands\n";
        return exit_ok;
    }
    out << "the counterexample does NOT stand at this precision\n";
    return exit_mismatch;
}

}  // namespace ropecheck::cli
