#include "ropecheck/probes/position_collision.hpp"

#include <bit>
#include <cmath>
#include <string>
#include <unordered_map>
#include <vector>

#include "ropecheck/numeric/certainty.hpp"
#include "ropecheck/numeric/enclosure.hpp"
#include "ropecheck/numeric/invalid_input.hpp"
#include "ropecheck/sweep/scan_engine.hpp"

namespace ropecheck::probes {

namespace {

constexpr std::int64_t block_positions = 512;

void require_context(const rope::InferencePipeline& pipeline, std::int64_t context) {
    if (context < 1 || context > max_collision_positions)
        throw InvalidInput("--context " + std::to_string(context) + ": expected 1 to " +
                           std::to_string(max_collision_positions));
    if (context > pipeline.max_position())
        throw InvalidInput("--context " + std::to_string(context) + ": positions above " +
                           std::to_string(pipeline.max_position()) + " overflow in this variant (" +
                           rope::describe(pipeline.variant(), pipeline.dtype()) + ")");
}

// FNV-1a over the bit patterns of the table (-0 read as +0, since the values
// are compared, not their signs of zero).
std::uint64_t table_hash(const rope::RotationTable<float>& t) {
    std::uint64_t h = 1469598103934665603ULL;
    const auto mix = [&](float v) {
        const std::uint32_t bits = v == 0.0F ? 0U : std::bit_cast<std::uint32_t>(v);
        for (int byte = 0; byte < 4; ++byte) {
            h ^= (bits >> (8 * byte)) & 0xFFU;
            h *= 1099511628211ULL;
        }
    };
    for (std::size_t k = 0; k < t.cos.size(); ++k) {
        mix(t.cos[k]);
        mix(t.sin[k]);
    }
    return h;
}

bool same_table(const rope::RotationTable<float>& a, const rope::RotationTable<float>& b) {
    return a.cos == b.cos && a.sin == b.sin;  // float ==: values, so -0 == +0
}

}  // namespace

PositionCollision first_position_collision(const rope::InferencePipeline& pipeline, std::int64_t context) {
    require_context(pipeline, context);
    // Blocks hash their positions' tables in parallel; the merge, in block order
    // on this thread, is the serial loop "is p's table one seen before?" that
    // stops at the first yes (scan_engine.hpp: the answer does not depend on threads).
    using Part = std::vector<std::uint64_t>;
    std::unordered_map<std::uint64_t, std::vector<std::int64_t>> seen;
    seen.reserve(static_cast<std::size_t>(context) + 1);
    PositionCollision answer;
    std::int64_t next = 0;  // the position the merge looks at next
    sweep::scan_blocks<Part>(
        sweep::BlockPlan(0, context, block_positions), sweep::scan_threads(), 4,
        [&](std::int64_t from, std::int64_t to, Part& part) {
            part.reserve(static_cast<std::size_t>(to - from + 1));
            for (std::int64_t p = from; p <= to; ++p) part.push_back(table_hash(pipeline.rotation(p)));
        },
        [&](Part& part) {
            for (std::uint64_t h : part) {
                const std::int64_t p = next++;
                auto& earlier = seen[h];
                if (!earlier.empty()) {
                    const auto table = pipeline.rotation(p);
                    for (std::int64_t q : earlier)
                        if (same_table(table, pipeline.rotation(q))) {
                            answer.position = p;
                            answer.collides_with = q;
                            return true;
                        }
                }
                earlier.push_back(p);
            }
            return false;
        });
    return answer;
}

numeric::interval phase_error(float angle, std::int64_t position, const numeric::interval& g) {
    using numeric::interval;
    const interval two_pi = numeric::two_pi();
    const interval e = interval(static_cast<double>(angle)) - interval(static_cast<long long>(position)) * g;
    // The nearest multiple of 2 pi to the midpoint, and its neighbours: the
    // minimum over the three is the distance on the circle whichever is nearest.
    const numeric::real mid = (numeric::lower_bound(e) + numeric::upper_bound(e)) / 2;
    const interval ratio = interval(mid) / two_pi;
    const double turns = std::nearbyint(numeric::lower_bound(ratio).convert_to<double>());
    interval best;
    bool first = true;
    for (double k : {turns - 1, turns, turns + 1}) {
        const interval d = abs(e - interval(k) * two_pi);
        if (first) {
            best = d;
            first = false;
            continue;
        }
        // min of two enclosures: [min of lowers, min of uppers]
        const numeric::real lo = std::min(numeric::lower_bound(best), numeric::lower_bound(d));
        const numeric::real hi = std::min(numeric::upper_bound(best), numeric::upper_bound(d));
        best = numeric::between(lo, hi);
    }
    return best;
}

PhaseInversion first_phase_inversion(const rope::InferencePipeline& pipeline, std::size_t pair,
                                     const numeric::interval& g, const numeric::interval& delta,
                                     std::int64_t context) {
    require_context(pipeline, context);
    struct Event {
        std::int64_t position;
        bool decided;
        numeric::interval error;
        float angle;
    };
    const int chunk = static_cast<int>(pair);
    const auto event = sweep::first_event<Event>(
        sweep::BlockPlan(0, context, 4096), sweep::scan_threads(), 4,
        [&](std::int64_t from, std::int64_t to) -> std::optional<Event> {
            for (std::int64_t p = from; p <= to; ++p) {
                const float a = pipeline.angle(chunk, p);
                const numeric::interval err = phase_error(a, p, g);
                if (numeric::is_less(err, delta) == numeric::Certainty::certainly) continue;
                return Event{p, numeric::is_at_most(delta, err) == numeric::Certainty::certainly, err, a};
            }
            return std::nullopt;
        });
    PhaseInversion answer;
    if (!event) return answer;
    answer.error_at = event->error;
    answer.angle_at = event->angle;
    if (event->decided) {
        answer.position = event->position;
    } else {
        answer.certified = false;
        answer.undecided_at = event->position;
    }
    return answer;
}

}  // namespace ropecheck::probes
