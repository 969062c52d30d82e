#include <iomanip>
#include <ostream>

#include "ropecheck/cli/app.hpp"
#include "ropecheck/cli/commands.hpp"
#include "ropecheck/numeric/invalid_input.hpp"
#include "ropecheck/spec/spec_loader.hpp"

namespace ropecheck::cli {

int list_command(const ListOptions& options, std::ostream& out) {
    if (options.format != "text" && options.format != "json")
        throw InvalidInput("--format " + options.format + ": expected text or json");
    const auto specs = spec::select_claim_specs(spec::load_all_claim_specs(options.theorems), options.claim_globs);
    if (options.format == "json") {
        core::json all = core::json::array();
        for (const auto& s : specs) {
            core::json profiles = core::json::array();
            for (const auto& [name, grid] : s.profiles) profiles.push_back(name);
            core::json negatives = core::json::array();
            for (const auto& n : s.negatives)
                negatives.push_back({{"name", n.name},
                                     {"run_id", s.id + "/negative/" + n.name},
                                     {"description", n.description},
                                     {"expected", core::to_string(n.expected)}});
            all.push_back({{"id", s.id},
                           {"title", s.title},
                           {"source", s.source},
                           {"statement", s.statement},
                           {"check", s.check},
                           {"precision_bits", s.precision_bits},
                           {"expected", core::to_string(s.expected)},
                           {"profiles", profiles},
                           {"negatives", std::move(negatives)}});
        }
        out << all.dump(2) << '\n';
        return exit_ok;
    }
    for (const auto& s : specs)
        out << std::left << std::setw(20) << s.id << std::setw(12) << core::to_string(s.expected) << std::setw(36)
            << s.source << s.title << '\n';
    return exit_ok;
}

}  // namespace ropecheck::cli
