#pragma once
// A check: the code that decides one kind of claim on one grid point. Claims in
// theorems/*.toml name their check; several specs may share one.
#include <cstdint>
#include <string>
#include <vector>

#include "ropecheck/core/parameters.hpp"
#include "ropecheck/core/result.hpp"

namespace ropecheck::core {

// One point of a claim's parameter grid, ready to run.
struct Instance {
    std::string claim_id;      // "prop-3.1"
    std::string variant;       // "claim" or "negative"
    std::string negative;      // the negative control's name ("" for the claim)
    std::size_t index = 0;     // position in the expanded grid
    Parameters params;
    std::uint64_t seed = 0;    // derived from (run seed, claim id, variant[/negative], index)
    unsigned precision_bits = 128;
};

class Check {
public:
    virtual ~Check() = default;
    virtual std::string name() const = 0;
    virtual std::vector<ParameterSpec> parameters() const = 0;
    // Range checks on one grid point (odd d, theta <= 1, ...); throws
    // InvalidInput. Called for every instance before any instance runs.
    virtual void validate(const Parameters& params) const = 0;
    // Decides the instance. May throw InvalidInput (reported as error) but is
    // expected to answer with a verdict, including `inconclusive`.
    virtual InstanceResult run(const Instance& instance) const = 0;
};

}  // namespace ropecheck::core
