#include "ropecheck/core/counter_rng.hpp"

#include <cmath>
#include <numbers>

namespace ropecheck::core {
namespace {

constexpr std::uint64_t golden_gamma = 0x9e3779b97f4a7c15ull;

std::uint64_t mix64(std::uint64_t z) {
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}

std::uint64_t fnv1a(std::string_view s, std::uint64_t h = 0xcbf29ce484222325ull) {
    for (unsigned char c : s) {
        h ^= c;
        h *= 0x100000001b3ull;
    }
    return h;
}

}  // namespace

std::uint64_t derive_seed(std::uint64_t run_seed, std::string_view claim_id, std::string_view variant,
                          std::uint64_t instance_index) {
    std::uint64_t h = mix64(run_seed + golden_gamma);
    h = mix64(h ^ fnv1a(claim_id));
    h = mix64(h ^ fnv1a(variant, 0x84222325cbf29ce4ull));
    return mix64(h ^ (instance_index * golden_gamma + 1));
}

std::uint64_t CounterRng::next() { return mix64(key_ + (++counter_) * golden_gamma); }

double CounterRng::uniform_open() {
    return (static_cast<double>(next() >> 11) + 0.5) * 0x1.0p-53;
}

double CounterRng::normal() {
    if (has_spare_) {
        has_spare_ = false;
        return spare_;
    }
    const double u1 = uniform_open();
    const double u2 = uniform_open();
    const double radius = std::sqrt(-2.0 * std::log(u1));
    const double angle = 2.0 * std::numbers::pi * u2;
    spare_ = radius * std::sin(angle);
    has_spare_ = true;
    return radius * std::cos(angle);
}

CounterRng CounterRng::substream(std::uint64_t label) const {
    return CounterRng(mix64(key_ ^ mix64(label + 0x632be59bd9b4e019ull)));
}

}  // namespace ropecheck::core
