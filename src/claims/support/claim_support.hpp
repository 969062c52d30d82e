#pragma once
// Pieces every claim check shares: the parameter specs that recur, Gaussian
// draws as exact doubles, the exact spelling of doubles in replay records, and
// the replay record's common header. Private to src/claims.
#include <cstdint>
#include <string>
#include <vector>

#include "ropecheck/core/check.hpp"
#include "ropecheck/core/counter_rng.hpp"
#include "ropecheck/numeric/ieee.hpp"
#include "ropecheck/numeric/types.hpp"
#include "ropecheck/rope/frequency_schedule.hpp"

namespace ropecheck::claims::support {

core::ParameterSpec head_dim_parameter();
core::ParameterSpec theta_parameter();
core::ParameterSpec draw_parameter();  // optional; only makes grid points distinct seeds
core::ParameterSpec control_parameter(const std::string& vocabulary);  // optional, default "none"

// The plain RoPE schedule of a grid point (head_dim, theta); throws InvalidInput.
rope::FrequencySchedule rope_schedule(const core::Parameters& params);

// Requires `value` to be one of `allowed`; throws InvalidInput naming `what`.
void require_one_of(const std::string& what, const std::string& value, const std::vector<std::string>& allowed);

// Requires params.text("control") to be one of `allowed`; throws InvalidInput.
std::string control_of(const core::Parameters& params, const std::vector<std::string>& allowed);

// d independent N(0, 1) doubles (each exactly representable in MPFR/MPFI).
std::vector<double> gaussian_vector(core::CounterRng& rng, int d);
template <class T>
std::vector<T> convert(const std::vector<double>& v) {
    return std::vector<T>(v.begin(), v.end());
}

// "0x1.921fb54442d18p+1": the exact value of a double, and its decimal.
std::string exact_hex(double x);
// A float in 9 significant digits: enough to read back the same float (pipeline
// scores are floats exactly; their exact value is given in hex next to it).
std::string float_text(float x);
core::json exact_vector(const std::vector<double>& v);  // [{"hex": ..., "decimal": ...}]

// The head of the instance's replay record (core/replay_record.hpp, version 3):
// {"version", "kind": "claim", "claim", "variant", ["negative",] "seed", "instance",
// "precision", "parameters"}; the check adds "inputs".
core::json replay_header(const core::Instance& instance);

// The dtype of an inference pipeline ("dtype": float32, bfloat16 or float16);
// throws InvalidInput naming the parameter.
core::ParameterSpec dtype_parameter();
numeric::IeeeFormat pipeline_dtype(const core::Parameters& params);

// Integer distance range guard: |value| <= limit, with a message naming `what`.
void require_range(const std::string& what, std::int64_t value, std::int64_t low, std::int64_t high);

}  // namespace ropecheck::claims::support
