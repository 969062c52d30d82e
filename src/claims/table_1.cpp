// Table 1 of the paper, regenerated for one (d, theta, p) from certified
// computations on the schedule's actual frequency enclosures, then compared
// with the paper's row: NoPE (p = 0) semantic yes, positional no; RoPE (p = 1)
// no, yes; p-RoPE (0 < p < 1) yes, yes. The expected row is keyed by p alone
// (a p strictly between 0 and 1 must keep some but not all frequencies, else
// validation rejects it), never by anything the computation produces.
//
// Robust semantic channels: is there a chunk whose aligned activation cos(r g)
// stays >= 0 for every r <= robust_length? Every chunk's enclosure goes through
// the certified sweep (probes::semantic_break; equal enclosures, e.g. every
// removed frequency's exact 0, once): "yes" when some chunk certainly never
// breaks within the length, "no" when every chunk certainly breaks within it.
// Each break the sweep finds must equal the closed form floor(pi / (2 g_k)) + 1
// on g_k from its definition (support/quarter_turn.hpp), and a chunk whose
// closed form lies within the length must break there: a disagreement is an
// error, not a cell.
//
// Positional patterns (Definition 5.1: a head diagonal up to `context` with
// weight > 1 - epsilon), from two computations that must not both succeed:
//   "yes": Theorem 5.3's construction on the highest kept frequency g_1: the
//          least scale s* certified by diagonal-scale, then the attention row
//          of the last position rebuilt through the RoPE kernel and the
//          log-domain softmax at ||psi||^2 = 2 s*_upper gives alpha_{N,N} > 1 - eps;
//   "no":  Proposition 5.2's tie: on [x_bos, x_1, x_1] with random W_Q, W_K the
//          kernel with this schedule's frequencies gives alpha_{3,3} = alpha_{3,2}
//          < 1/2 (support/nope_tie.hpp), so no head with eps <= 1/2 is diagonal.
//          Only an all-zero schedule (NoPE) ties; p-RoPE and RoPE separate.
//
// Negative control "short-length" (the perturbation): RoPE (p = 1) with
// robust_length = b - 1, b = floor(pi / (2 g_{d/2})) + 1 the lowest channel's
// break by the closed form. The same machinery must now find the lowest channel
// certainly robust, so the row is (yes, yes) and the paper's RoPE row (no, yes)
// is refuted. A semantic column that said "no" for RoPE regardless of the
// length would pass the claim and fail here.
// Negative control "claim-rope-robust" (the complement, kept as an extra):
// claims the row (yes, yes) for RoPE at the grid's robust_length; refuted by the
// lowest channel's certified break.
#include <optional>

#include "ropecheck/numeric/certainty.hpp"
#include "ropecheck/numeric/decimal.hpp"
#include "ropecheck/numeric/enclosure.hpp"
#include "ropecheck/numeric/exact_fraction.hpp"
#include "ropecheck/numeric/invalid_input.hpp"
#include "ropecheck/probes/diagonal_scale.hpp"
#include "ropecheck/probes/semantic_break.hpp"
#include "ropecheck/rope/frequency_schedule.hpp"
#include "ropecheck/rope/kernel.hpp"
#include "ropecheck/rope/softmax.hpp"
#include "support/claim_support.hpp"
#include "support/nope_tie.hpp"
#include "support/quarter_turn.hpp"

namespace ropecheck::claims::table_1 {
namespace {

using rope::FrequencySchedule;

struct Params : support::RopePoint {
    numeric::ExactFraction p;
    std::int64_t context = 0, robust_length = 0;
    std::string epsilon, control;
};

const std::vector<std::string> controls{"none", "short-length", "claim-rope-robust"};

// Each parameter once: the schema, the range checks and the run all read it.
support::Fields<Params> fields() {
    return support::rope_fields<Params>() +
           support::Fields<Params>{
               {"p", core::ParameterKind::fraction, "p of p-RoPE (0 = NoPE, 1 = RoPE)", &Params::p},
               {"context", core::ParameterKind::integer, "N of the positional pattern", &Params::context},
               {"epsilon", core::ParameterKind::decimal, "epsilon of the positional pattern, in (0, 1/2]",
                &Params::epsilon},
               {"robust_length", core::ParameterKind::integer, "length a semantic channel must survive",
                &Params::robust_length},
               {support::control_parameter(controls), &Params::control}};
}

// d_model of Prop 5.2's witness input (any size works; the tie is structural).
constexpr int witness_model_dim = 16;

enum class Cell { yes, no, undecided, contradiction };

std::string to_string(Cell c) {
    switch (c) {
        case Cell::yes: return "yes";
        case Cell::no: return "no";
        case Cell::undecided: return "undecided";
        case Cell::contradiction: return "contradiction";
    }
    return "undecided";
}

struct Row {
    Cell semantic = Cell::undecided;
    Cell positional = Cell::undecided;
    bool operator==(const Row&) const = default;
};

// The paper's Table 1, keyed by p.
Row paper_row(const numeric::ExactFraction& p) {
    if (p.numerator == 0) return {Cell::yes, Cell::no};       // NoPE
    if (p.numerator == p.denominator) return {Cell::no, Cell::yes};  // RoPE
    return {Cell::yes, Cell::yes};                            // p-RoPE
}

FrequencySchedule schedule_of(const Params& params) {
    return FrequencySchedule(rope::RotaryKind::p_rope, params.theta, params.head_dim,
                             params.p);
}

// ---- robust semantic channels ------------------------------------------------

struct SemanticOutcome {
    Cell cell = Cell::undecided;
    std::string note;                        // why undecided / the contradiction
    int robust_chunks = 0;                   // certified never to break within the length
    int breaking_chunks = 0;                 // certified to break within it
    std::optional<int> robust_example;       // a 1-based chunk that never breaks
    std::optional<std::int64_t> lowest_kept_break;  // break of the lowest kept chunk, when within the length
    core::json breaks = core::json::array();  // one entry per distinct enclosure
};

struct ChunkBreak {
    bool certified = false;
    std::optional<std::int64_t> distance;  // none within the length
    std::optional<std::int64_t> undecided_at;
};

ChunkBreak sweep_break(const interval& g, std::int64_t length) {
    sweep::SweepOptions one_thread;  // the runner already spreads instances over the cores
    one_thread.threads = 1;
    const auto answer = probes::semantic_break({g}, length, one_thread);
    return {answer.certified && !answer.undecided_at, answer.first_break_distance, answer.undecided_at};
}

SemanticOutcome semantic_cell(const FrequencySchedule& schedule, const std::vector<interval>& freqs,
                              std::int64_t length) {
    SemanticOutcome out;
    std::vector<std::pair<interval, ChunkBreak>> seen;  // distinct enclosures swept so far
    bool undecided = false;
    for (std::size_t i = 0; i < freqs.size(); ++i) {
        const int k = static_cast<int>(i) + 1;
        const bool rotated = schedule.chunks()[i].rotated;
        std::optional<ChunkBreak> b;
        for (const auto& [g, found] : seen)
            if (numeric::identical(g, freqs[i])) b = found;
        const bool fresh = !b.has_value();
        if (fresh) {
            b = sweep_break(freqs[i], length);
            seen.emplace_back(freqs[i], *b);
        }
        if (!b->certified) {
            undecided = true;
            out.note = "chunk " + std::to_string(k) + ": the sweep cannot decide the sign at r = " +
                       std::to_string(b->undecided_at.value_or(0));
            continue;
        }
        // The second method: a kept chunk breaks at the closed form's distance,
        // a removed one (exactly 0) never.
        std::optional<std::int64_t> expected;
        if (rotated) {
            const auto closed = support::quarter_turn_break(
                support::reference_rope_frequency(schedule.theta(), schedule.head_dim(), k));
            if (!closed) {
                undecided = true;
                out.note = "chunk " + std::to_string(k) + ": floor(pi / (2 g)) is not decided at this precision";
                continue;
            }
            if (*closed <= length) expected = *closed;
        }
        if (b->distance != expected) {
            out.cell = Cell::contradiction;
            out.note = "chunk " + std::to_string(k) + (rotated ? " (kept)" : " (removed)") + ": the sweep says " +
                       (b->distance ? "r = " + std::to_string(*b->distance) : std::string("no break")) +
                       " within " + std::to_string(length) + ", the closed form " +
                       (expected ? "r = " + std::to_string(*expected) : std::string("no break"));
            return out;
        }
        if (b->distance) {
            ++out.breaking_chunks;
            if (rotated) out.lowest_kept_break = b->distance;
        } else {
            ++out.robust_chunks;
            if (!out.robust_example) out.robust_example = k;
        }
        if (fresh)
            out.breaks.push_back({{"chunk", k},
                                  {"rotated", rotated},
                                  {"frequency", numeric::decimal_enclosure(freqs[i], 12)},
                                  {"break_distance", b->distance ? core::json(*b->distance) : core::json(nullptr)}});
    }
    if (out.robust_chunks > 0) out.cell = Cell::yes;  // one certified robust chunk decides "yes"
    else if (!undecided) out.cell = Cell::no;
    return out;
}

// ---- positional patterns -----------------------------------------------------

struct PositionalOutcome {
    Cell cell = Cell::undecided;
    bool construction = false;  // Thm 5.3 on g_1 certified through the kernel
    bool tie = false;           // Prop 5.2's tie certified
    std::string scale;          // s* enclosure, or why there is none
    std::string alpha;          // alpha_{N,N} of the construction through the kernel
    std::string note;
};

// alpha_{N,N} of q = k = psi = (sqrt(s), 0) on chunk 1, every key j = 1..N
// through the kernel and the softmax. The other chunks of psi are 0 and add
// exactly nothing, so the row is built on chunk 1 alone.
interval construction_weight(const interval& g, std::int64_t n, const real& s) {
    const std::vector<interval> freqs{g};
    const std::vector<interval> psi{sqrt(interval(s)), interval(0)};
    std::vector<interval> logits;
    logits.reserve(static_cast<std::size_t>(n));
    for (std::int64_t j = 1; j <= n; ++j) logits.push_back(rope::activation<interval>(psi, psi, freqs, j - n));
    return rope::causal_attention_row<interval>(logits, static_cast<std::size_t>(n)).back();
}

PositionalOutcome positional_cell(const std::vector<interval>& freqs, const core::Instance& instance,
                                 const Params& params) {
    const std::int64_t n = params.context;
    const std::string epsilon = params.epsilon;
    PositionalOutcome out;
    if (numeric::certainly_positive(freqs[0])) {
        const auto answer = probes::diagonal_scale(freqs[0], n, epsilon);
        out.scale = numeric::decimal_enclosure(answer.scale, 12);
        if (answer.certified) {
            const real s = 2 * numeric::upper_bound(answer.scale);
            const interval alpha = construction_weight(freqs[0], n, s);
            out.alpha = numeric::decimal_enclosure(alpha, 12);
            const interval bar = interval(1) - numeric::enclose_decimal(epsilon);
            out.construction = numeric::lower_bound(alpha) > numeric::upper_bound(bar);
        }
    } else {
        out.scale = "none: the highest chunk's frequency is not certainly > 0";
    }
    core::CounterRng rng(instance.seed);
    const auto input = support::draw_witness_input(rng, static_cast<int>(2 * freqs.size()), witness_model_dim, false);
    out.tie = support::attend_witness(input, freqs).tie_certified();
    if (out.construction && out.tie) {
        out.cell = Cell::contradiction;
        out.note = "Theorem 5.3's construction and Proposition 5.2's tie both certified";
    } else if (out.construction) {
        out.cell = Cell::yes;
    } else if (out.tie) {
        out.cell = Cell::no;
    } else {
        out.note = "neither the construction nor the tie could be certified";
    }
    return out;
}

class TableOneCheck final : public support::ClaimCheck<Params> {
    using ClaimCheck::ClaimCheck;

    void check(const Params& params) const override {
        const FrequencySchedule schedule = schedule_of(params);
        const auto& p = schedule.p();
        const bool strictly_inside = p.numerator > 0 && p.numerator < p.denominator;
        if (strictly_inside && (schedule.rotated_pairs() == 0 || schedule.rotated_pairs() == schedule.pairs()))
            throw InvalidInput("p = " + p.str() + " keeps " + std::to_string(schedule.rotated_pairs()) + " of " +
                               std::to_string(schedule.pairs()) + " frequencies at head_dim = " +
                               std::to_string(schedule.head_dim()) + ": that is not a p-RoPE row of Table 1");
        support::require_range("context", params.context, 2, 1'000'000);
        support::require_range("robust_length", params.robust_length, 1, 1'000'000'000);
        support::require_epsilon(params.epsilon, true);
        const std::string control = support::control_of(params.control, controls);
        if (control != "none" && p.numerator != p.denominator)
            throw InvalidInput("control " + control + " is about RoPE: it needs p = 1, not p = " + p.str());
    }

    core::InstanceResult decide(const core::Instance& instance, const Params& params) const override {
        const FrequencySchedule schedule = schedule_of(params);
        const auto freqs = schedule.frequencies<interval>();
        const std::string control = support::control_of(params.control, controls);
        core::InstanceResult result;

        std::int64_t length = params.robust_length;
        if (control == "short-length") {
            const auto lowest = support::quarter_turn_break(
                support::reference_rope_frequency(schedule.theta(), schedule.head_dim(), schedule.pairs()));
            if (!lowest) {
                result.verdict = core::Verdict::inconclusive;
                result.message = "the lowest channel's closed-form break is not decided at this precision";
                return result;
            }
            length = *lowest - 1;
        }
        const Row claimed = control == "claim-rope-robust" ? Row{Cell::yes, Cell::yes} : paper_row(schedule.p());

        const SemanticOutcome semantic = semantic_cell(schedule, freqs, length);
        const PositionalOutcome positional = positional_cell(freqs, instance, params);
        const Row computed{semantic.cell, positional.cell};

        result.evidence["row"] = {{"p", schedule.p().str()},
                                  {"kept_pairs", schedule.rotated_pairs()},
                                  {"robust_semantic_channels", to_string(semantic.cell)},
                                  {"positional_patterns", to_string(positional.cell)}};
        result.evidence["claimed_row"] = {{"robust_semantic_channels", to_string(claimed.semantic)},
                                          {"positional_patterns", to_string(claimed.positional)}};
        result.evidence["robust_length"] = length;
        result.evidence["robust_chunks"] = semantic.robust_chunks;
        result.evidence["breaking_chunks"] = semantic.breaking_chunks;
        if (semantic.lowest_kept_break) result.evidence["lowest_kept_break_distance"] = *semantic.lowest_kept_break;
        result.evidence["breaks"] = semantic.breaks;
        result.evidence["least_scale_g1"] = positional.scale;
        if (!positional.alpha.empty()) result.evidence["construction_alpha_N_N"] = positional.alpha;
        result.evidence["construction_certified"] = positional.construction;
        result.evidence["prop_5_2_tie_certified"] = positional.tie;

        for (const auto* part : {&semantic.note, &positional.note})
            if (!part->empty()) result.evidence["notes"].push_back(*part);
        if (semantic.cell == Cell::contradiction || positional.cell == Cell::contradiction) {
            result.verdict = core::Verdict::error;
            result.message = "internal inconsistency: " +
                             (semantic.cell == Cell::contradiction ? semantic.note : positional.note);
            return result;
        }
        if (semantic.cell == Cell::undecided || positional.cell == Cell::undecided) {
            result.verdict = core::Verdict::inconclusive;
            result.message = "a Table 1 cell could not be certified at " + std::to_string(instance.precision_bits) +
                             " bits: " + (semantic.cell == Cell::undecided ? semantic.note : positional.note);
            return result;
        }
        const std::string row_text = "(semantic " + to_string(computed.semantic) + ", positional " +
                                     to_string(computed.positional) + ")";
        const std::string claimed_text = "(semantic " + to_string(claimed.semantic) + ", positional " +
                                         to_string(claimed.positional) + ")";
        if (computed == claimed) {
            result.verdict = core::Verdict::certified;
            result.message = "p = " + schedule.p().str() + ": " + row_text + " up to robust_length = " +
                             std::to_string(length) + ", as " +
                             (control == "none" ? std::string("in the paper") : "claimed by control " + control);
            return result;
        }
        result.verdict = core::Verdict::refuted;
        result.message = "p = " + schedule.p().str() + ", robust_length = " + std::to_string(length) + ": computed " +
                         row_text + ", claimed " + claimed_text;
        std::string witness;
        if (computed.semantic != claimed.semantic)
            witness = semantic.robust_example
                          ? "chunk " + std::to_string(*semantic.robust_example) + " certainly keeps cos(r g) >= 0 "
                                "for every r <= " + std::to_string(length)
                          : "every chunk breaks within the length (the lowest kept at r = " +
                                std::to_string(semantic.lowest_kept_break.value_or(0)) + ")";
        else
            witness = positional.tie ? "Proposition 5.2's tie holds" : "Theorem 5.3's construction holds";
        core::Counterexample cx;
        cx.kind = "a Table 1 row differs from the claimed one";
        cx.inputs = {{"head_dim", std::to_string(schedule.head_dim())},
                     {"theta", schedule.theta()},
                     {"p", schedule.p().str()},
                     {"robust_length", std::to_string(length)}};
        cx.claimed = claimed_text;
        cx.computed = row_text + ": " + witness;
        cx.replay = support::replay_header(instance);
        cx.replay["inputs"] = {{"robust_length", length},
                               {"lowest_kept_break_distance", semantic.lowest_kept_break
                                                                  ? core::json(*semantic.lowest_kept_break)
                                                                  : core::json(nullptr)}};
        result.counterexample = std::move(cx);
        return result;
    }
};

}  // namespace

ROPECHECK_REGISTER_CHECK(table_1, TableOneCheck, "table-1", fields())

}  // namespace ropecheck::claims::table_1
