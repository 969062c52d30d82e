#pragma once
// `ropecheck probe NAME`: one quantitative question about a RoPE schedule
// answered with a certified number (design notes, "Probing"):
//   positional-margin  min over 1 <= r <= N of sum_k (1 - cos(r g_k)) and its argmin
//   semantic-break     the least r with sum_k cos(r g_k) < 0 (null: none up to N)
//   diagonal-scale     the least ||psi||^2 making Theorem 5.3's head diagonal up to N
//   density            the least N leaving no circular gap >= delta (Lemma A.2)
//   float-collision    the least r at which the float32 pipeline's cos(r g), rounded to a dtype, is 1
//   base-bound         the least base theta keeping sum_k cos(r g_k) >= 0 for every r <= L
//   pipeline-diagonal  the first query position at which the inference pipeline loses Theorem 5.3's diagonal
//   pipeline-flip      the first distance at which the pipeline breaks a semantic channel, vs the exact break
// Frequencies are RoPE's g_k = theta^(-2(k-1)/d), k = 1 the highest.
#include <cstdint>
#include <filesystem>
#include <iosfwd>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "ropecheck/core/parameters.hpp"

namespace ropecheck::cli {

struct ProbeOptions {
    std::string name;
    std::string theta = "10000";
    int head_dim = 256;
    std::optional<int> frequency;  // 1-based; absent: the probe's default
    bool all_frequencies = false;  // positional-margin and semantic-break only
    unsigned precision = 128;      // bits, >= 53
    std::optional<std::int64_t> max_distance;
    std::optional<std::int64_t> context;
    std::optional<std::string> epsilon;
    std::optional<std::string> pattern;
    std::optional<std::string> gap;
    std::optional<std::int64_t> max_length;
    std::optional<std::string> dtype;        // float-collision, pipeline-*: float32, bfloat16, float16
    std::optional<std::string> theta_floor;  // base-bound: least base considered (default 100)
    // The schedule beyond plain RoPE (every probe but base-bound): a context-extension
    // schedule named as Hugging Face's rope_scaling keys, NeoX partial rotary, p-RoPE.
    std::map<std::string, std::string> scaling;  // "type", "factor", "low_freq_factor", ...
    std::optional<std::string> partial_rotary_factor;
    std::optional<std::string> p_rope;
    std::string format = "text";  // text | json
    std::optional<std::filesystem::path> replay_file;
};

// The probe names, in the order help text lists them.
const std::vector<std::string>& probe_names();

// Runs the probe and prints its answer. Throws InvalidInput for bad options
// (run_app turns that into exit code 2); returns exit_ok otherwise.
int probe_command(const ProbeOptions& options, std::ostream& out);

// Re-runs the probe of a replay record {"version": 1, "kind": "probe", "probe",
// "parameters", "answer"} written by --replay-file, at the record's precision or
// at `precision`. Returns 0 when the answer is the same (the distance or length;
// for diagonal-scale, scale enclosures that overlap), 1 when it is not. Throws
// InvalidInput for a malformed record.
int replay_probe(const core::json& record, std::optional<unsigned> precision, std::ostream& out);

}  // namespace ropecheck::cli
