#pragma once
// Counter-based randomness: every instance derives its own stream from
// (run seed, claim id, variant, instance index), so results do not depend on
// which thread ran what or in which order. The generator and the Gaussian
// transform are our own (not std::normal_distribution, whose output differs
// between standard libraries), so a seed means the same numbers everywhere.
#include <cstdint>
#include <string_view>

namespace ropecheck::core {

std::uint64_t derive_seed(std::uint64_t run_seed, std::string_view claim_id,
                          std::string_view variant, std::uint64_t instance_index);

class CounterRng {
public:
    explicit CounterRng(std::uint64_t key) : key_(key) {}
    // The value at `counter` of stream `key`: SplitMix64's finaliser of key + counter * phi.
    std::uint64_t next();
    // Uniform on (0, 1) with 53 random bits; never exactly 0 or 1.
    double uniform_open();
    // Standard normal by the Box-Muller transform (both outputs used in turn).
    double normal();
    // A child stream, e.g. one per distance, independent of draw order.
    CounterRng substream(std::uint64_t label) const;

private:
    std::uint64_t key_;
    std::uint64_t counter_ = 0;
    bool has_spare_ = false;
    double spare_ = 0.0;
};

}  // namespace ropecheck::core
