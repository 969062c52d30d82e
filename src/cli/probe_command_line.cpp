#include "probe_command_line.hpp"

#include <algorithm>

#include "ropecheck/numeric/invalid_input.hpp"
#include "ropecheck/probes/probe_parameters.hpp"
#include "ropecheck/probes/probe_registry.hpp"

namespace ropecheck::cli::detail {
namespace {

using core::json;
using core::ParameterKind;
using core::ParameterSpec;

const std::string schedule_group = "Schedule (Hugging Face rope_scaling keys with dashes)";

bool in_schedule(const ParameterSpec& p) {
    static const auto schedule = probes::schedule_parameters();
    return std::any_of(schedule.begin(), schedule.end(),
                       [&](const ParameterSpec& s) { return s.name == p.name && s.within == p.within; });
}

std::string help_of(const ParameterSpec& p) {
    std::string help = p.description;
    if (p.required) help += " (required)";
    return help;
}

// Where an option's value goes in the request: given[name], or given[within][name].
json& slot(ProbeRequest& r, const ParameterSpec& p) {
    return p.within.empty() ? r.given[p.name] : r.given[p.within][p.name];
}

void add_parameter(CLI::App& sub, ProbeRequest& r, const ParameterSpec& p) {
    CLI::Option* option = nullptr;
    if (p.kind == ParameterKind::integer)
        option = sub.add_option_function<std::int64_t>(
            core::flag_of(p), [&r, p](std::int64_t v) { slot(r, p) = v; }, help_of(p));
    else if (p.kind == ParameterKind::boolean)
        option = sub.add_flag_function(core::flag_of(p), [&r, p](std::int64_t) { slot(r, p) = true; }, help_of(p));
    else
        option = sub.add_option_function<std::string>(
            core::flag_of(p), [&r, p](const std::string& v) { slot(r, p) = v; }, help_of(p));
    if (!p.value_name.empty()) option->type_name(p.value_name);
    if (!p.default_value.is_null())
        option->default_str(p.default_value.is_string() ? p.default_value.get<std::string>() : p.default_value.dump());
    if (in_schedule(p)) option->group(schedule_group);
    for (const auto& w : p.words) {
        const std::string word = w.word;
        CLI::Option* flag =
            sub.add_flag_function(w.flag, [&r, p, word](std::int64_t) { slot(r, p) = word; }, w.description);
        option->excludes(flag);
    }
}

// "positional-margin  --max-distance N (required), --all-frequencies, ..." for the help of `probe`.
std::string probe_list() {
    std::string out = "Probes and their options (ropecheck probe NAME --help for each):\n";
    for (const probes::Probe* probe : probes::builtin_probes().all()) {
        out += "  " + probe->name() + ": " + probe->summary() + "\n   ";
        bool schedule = false;
        for (const auto& p : probe->parameters()) {
            if (in_schedule(p)) {
                schedule = true;
                continue;
            }
            out += " " + core::flag_of(p) + (p.value_name.empty() ? "" : " " + p.value_name);
            for (const auto& w : p.words) out += " | " + w.flag;
        }
        out += schedule ? " and the schedule options\n" : "\n";
    }
    out += "Schedule options: --scaling TYPE with its parameters (--factor, --low-freq-factor, ...), "
           "--partial-rotary-factor P or --p-rope P.";
    return out;
}

}  // namespace

ProbeCommandLine::ProbeCommandLine(CLI::App& app)
    : command_(app.add_subcommand("probe", "Answer one question with a certified number (probe --help lists them)")) {
    command_->require_subcommand(1);
    command_->footer(probe_list());
    for (const probes::Probe* probe : probes::builtin_probes().all()) {
        CLI::App* sub = command_->add_subcommand(probe->name(), probe->summary());
        // An option this probe does not take is named in request(), not rejected by CLI11.
        sub->allow_extras();
        auto r = std::make_unique<ProbeRequest>();
        r->name = probe->name();
        for (const auto& p : probe->parameters()) add_parameter(*sub, *r, p);
        sub->add_option("--format", r->format, "text or json")->check(CLI::IsMember({"text", "json"}));
        sub->add_option_function<std::string>(
            "--replay-file", [rp = r.get()](const std::string& f) { rp->replay_file = f; },
            "Save the answer as a replay record (JSON)");
        probes_.emplace(probe->name(), std::pair{sub, std::move(r)});
    }
}

ProbeRequest ProbeCommandLine::request() const {
    for (const auto& [name, entry] : probes_) {
        const auto& [sub, request] = entry;
        if (!sub->parsed()) continue;
        const auto extras = sub->remaining();
        if (!extras.empty()) {
            const std::string& first = extras.front();
            if (first.rfind("-", 0) == 0) throw InvalidInput(first.substr(0, first.find('=')) + " is not an option of probe " + name);
            throw InvalidInput("probe " + name + " takes no argument \"" + first + "\"");
        }
        return *request;
    }
    throw InvalidInput("probe: no probe named");
}

}  // namespace ropecheck::cli::detail
