#pragma once
// Pieces of `ropecheck probe` shared by its source files. Private to src/cli.
#include <string>

#include "ropecheck/cli/probe_command.hpp"
#include "ropecheck/core/parameters.hpp"
#include "ropecheck/rope/frequency_schedule.hpp"

namespace ropecheck::cli::detail {

struct ProbeAnswer {
    core::json fields = core::json::object();  // the probe's answer, as printed in JSON
    std::string text;                          // the same, for a person
};

// The schedule the options describe: RoPE, or NeoX partial rotary / p-RoPE, with
// an optional context-extension schedule. Throws InvalidInput naming the option.
rope::FrequencySchedule schedule_of(const ProbeOptions& o);

// The inference-pipeline probes (pipeline_probe_runs.cpp); options resolved.
ProbeAnswer run_pipeline_diagonal(const ProbeOptions& o);
ProbeAnswer run_pipeline_flip(const ProbeOptions& o);

}  // namespace ropecheck::cli::detail
