#include "ropecheck/numeric/mutant.hpp"

#include <array>
#include <cstdio>
#include <cstdlib>
#include <string>

namespace ropecheck::numeric {
namespace {

// Each entry: a bug someone could plausibly write, in a place users depend on.
constexpr std::array catalogue{
    MutantInfo{"kernel-rotation-sign", "rope/kernel", "apply_rotation rotates by -angle (sin sign flipped)"},
    MutantInfo{"kernel-cross-term-sign", "rope/kernel", "chunk coefficients: cross part q0 k1 - q1 k0"},
    MutantInfo{"kernel-distance-off-by-one", "rope/kernel", "the activation at r is evaluated at r + 1"},
    MutantInfo{"schedule-theta-exponent", "rope/frequency_schedule",
               "g_k = theta^(-2k/d): the exponent is off by one chunk"},
    MutantInfo{"schedule-drop-frequency", "rope/frequency_schedule", "the lowest rotated frequency is set to 0"},
    MutantInfo{"scaling-factor-inverted", "rope/scaling", "linear/dynamic/YaRN factor multiplies instead of divides"},
    MutantInfo{"ieee-round-toward-zero", "numeric/ieee", "dtype rounding truncates instead of rounding to nearest"},
    MutantInfo{"pipeline-skip-dtype-rounding", "rope/inference_pipeline",
               "the rotated q and k are not rounded to the model dtype"},
    MutantInfo{"pipeline-variant-table-float32", "rope/inference_pipeline",
               "a pipeline variant's cos/sin table is built in float32 whatever its format"},
    MutantInfo{"softmax-normaliser-short", "rope/softmax", "the softmax normaliser leaves out one term"},
    MutantInfo{"certainty-non-strict", "numeric/certainty", "certainly_positive accepts a lower bound of 0 (>= for >)"},
    MutantInfo{"sweep-bound-term-dropped", "sweep/block_evaluator",
               "the filter's error bound keeps the inputs' widths but leaves out every rounding of the double evaluation"},
    MutantInfo{"sweep-skip-escalation", "sweep/minimum_scan, crossing_scan, count_scan",
               "distances the filter cannot decide are not escalated to MPFI"},
    MutantInfo{"sweep-count-block-end", "sweep/count_scan",
               "count_below leaves out the last distance of every block"},
    MutantInfo{"fold-skips-instance", "core/runner", "the verdict fold ignores a claim's last instance"},
    MutantInfo{"yarn-definition-2-wavelength-ratio", "claims/support/yarn_definition_2",
               "Definition 2's r is lambda / L instead of L / lambda"},
};

}  // namespace

std::span<const MutantInfo> mutant_catalogue() { return catalogue; }

#ifdef ROPECHECK_MUTANTS
namespace {

std::string_view selected_name() {
    static const std::string selected = [] {
        const char* env = std::getenv("ROPECHECK_MUTANT");
        std::string name = env == nullptr ? "" : env;
        if (name.empty() || name == "none") return std::string();
        for (const MutantInfo& m : catalogue)
            if (m.name == name) {
                std::fprintf(stderr, "ropecheck-mutant: mutant \"%s\" is active (%s)\n", name.c_str(),
                             std::string(m.mutation).c_str());
                return name;
            }
        std::fprintf(stderr, "ropecheck-mutant: ROPECHECK_MUTANT=\"%s\" is not a mutant of the catalogue\n",
                     name.c_str());
        std::exit(2);
    }();
    return selected;
}

}  // namespace

bool mutant_active(std::string_view name) {
    const std::string_view selected = selected_name();
    return !selected.empty() && selected == name;
}
#endif

}  // namespace ropecheck::numeric
