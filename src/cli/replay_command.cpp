#include <fstream>
#include <ostream>
#include <sstream>

#include "ropecheck/claims/builtin_checks.hpp"
#include "ropecheck/cli/app.hpp"
#include "ropecheck/cli/commands.hpp"
#include "ropecheck/cli/probe_command.hpp"
#include "ropecheck/core/counter_rng.hpp"
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
    try {
        return core::json::parse(text.str());
    } catch (const std::exception& e) {
        throw InvalidInput(file.string() + ": not a JSON replay record: " + e.what());
    }
}

template <class T>
T field(const core::json& record, const std::string& key, const std::filesystem::path& file) {
    if (!record.contains(key)) throw InvalidInput(file.string() + ": replay record has no \"" + key + "\"");
    try {
        return record.at(key).get<T>();
    } catch (const std::exception&) {
        throw InvalidInput(file.string() + ": replay record field \"" + key + "\" has the wrong type");
    }
}

}  // namespace

int replay_command(const ReplayOptions& options, std::ostream& out) {
    const core::json record = read_record(options.file);
    if (!record.is_object()) throw InvalidInput(options.file.string() + ": a replay record is a JSON object");
    if (options.precision && (*options.precision < numeric::min_precision_bits ||
                              *options.precision > numeric::max_precision_bits))
        throw InvalidInput("--precision " + std::to_string(*options.precision) + " is outside [53, 65536] bits");
    if (record.value("kind", "") == "probe") return replay_probe(record, options.precision, out);

    const auto claim_id = field<std::string>(record, "claim", options.file);
    const auto variant = field<std::string>(record, "variant", options.file);
    // Version 2 names the negative control; version 1 had a single unnamed one.
    const int version = record.contains("version") ? field<int>(record, "version", options.file) : 1;
    if (version != 1 && version != 2)
        throw InvalidInput(options.file.string() + ": replay record version " + std::to_string(version) +
                           " is not supported (this ropecheck reads 1 and 2)");
    const std::string negative =
        version >= 2 && variant == "negative" ? field<std::string>(record, "negative", options.file) : "";
    const auto specs = spec::load_claim_specs(options.theorems);
    const core::ClaimSpec* spec = nullptr;
    for (const auto& s : specs)
        if (s.id == claim_id) spec = &s;
    if (spec == nullptr) throw InvalidInput(options.file.string() + ": no claim \"" + claim_id + "\" in " +
                                            options.theorems.string());
    core::CheckRegistry registry;
    claims::register_builtin_checks(registry);
    const core::Check* check = registry.find(spec->check);
    if (check == nullptr) throw InvalidInput("claim " + claim_id + ": no check named " + spec->check);

    core::Instance instance;
    instance.claim_id = claim_id;
    instance.variant = variant;
    instance.negative = negative;
    instance.index = field<std::size_t>(record, "instance", options.file);
    instance.seed = field<std::uint64_t>(record, "seed", options.file);
    instance.params = core::conform(field<core::json>(record, "parameters", options.file), check->parameters(),
                                    options.file.string());
    check->validate(instance.params);
    instance.precision_bits = options.precision.value_or(field<unsigned>(record, "precision", options.file));
    if (instance.precision_bits < numeric::min_precision_bits)
        throw InvalidInput(options.file.string() + ": precision below 53 bits");

    numeric::PrecisionGuard guard(instance.precision_bits);
    const core::InstanceResult result = check->run(instance);
    out << "replay " << claim_id
        << (variant == "negative" ? " (negative control" + (negative.empty() ? "" : " \"" + negative + "\"") + ")"
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
