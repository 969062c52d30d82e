#pragma once
// The `probe` subcommand of `ropecheck`: one CLI11 subcommand per registered
// probe, its options and help built from the probe's parameter schema (the
// schedule's options in their own group), plus --format and --replay-file.
// Private to src/cli.
#include <CLI/CLI.hpp>
#include <map>
#include <memory>
#include <string>

#include "ropecheck/cli/probe_command.hpp"

namespace ropecheck::cli::detail {

class ProbeCommandLine {
public:
    explicit ProbeCommandLine(CLI::App& app);
    bool parsed() const { return command_->parsed(); }
    // The request the command line made. Throws InvalidInput naming an argument
    // the probe does not take ("--context is not an option of probe density").
    ProbeRequest request() const;

private:
    CLI::App* command_;
    // Per probe: its subcommand and what its options gave (stable addresses: the callbacks write here).
    std::map<std::string, std::pair<CLI::App*, std::unique_ptr<ProbeRequest>>> probes_;
};

}  // namespace ropecheck::cli::detail
