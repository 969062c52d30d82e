// `ropecheck audit` on every real config of tests/data/configs: wall time per
// config (goal: under 10 s each on 2 cores), and the inference-pipeline scans
// behind the pipeline claims. Figures only; the tests never assert times.
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <sstream>
#include <vector>

#include "ropecheck/cli/audit_command.hpp"
#include "ropecheck/numeric/precision_guard.hpp"
#include "ropecheck/probes/pipeline_semantic_flip.hpp"
#include "ropecheck/probes/pipeline_target.hpp"

namespace fs = std::filesystem;
using namespace ropecheck;

namespace {

double seconds_since(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

long peak_rss_mib() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_maxrss / 1024;
}

}  // namespace

int main() {
    const fs::path dir = fs::path(ROPECHECK_SOURCE_DIR) / "tests" / "data" / "configs";
    std::vector<fs::path> configs;
    for (const auto& e : fs::directory_iterator(dir))
        if (e.path().extension() == ".json" && e.path().filename().string().rfind("broken--", 0) != 0)
            configs.push_back(e.path());
    std::sort(configs.begin(), configs.end());

    std::printf("audit --format json, every real config (goal: < 10 s each)\n");
    double worst = 0;
    for (const auto& c : configs) {
        cli::AuditOptions o;
        o.config = c;
        o.format = "json";
        std::ostringstream out;
        const auto start = std::chrono::steady_clock::now();
        cli::audit_command(o, out);
        const double s = seconds_since(start);
        worst = std::max(worst, s);
        std::printf("  %-52s %6.2f s\n", c.filename().string().c_str(), s);
    }
    std::printf("  slowest %.2f s, peak RSS %ld MiB\n\n", worst, peak_rss_mib());

    numeric::PrecisionGuard guard(128);
    std::printf("inference-pipeline scans (bfloat16, every query position x every key)\n");
    for (int d : {64, 128}) {
        const auto schedule = rope::FrequencySchedule::rope("10000", d);
        const rope::InferencePipeline pipeline(schedule, numeric::IeeeFormat::bfloat16);
        std::vector<numeric::real> q;
        for (int i = 0; i < d; ++i) q.emplace_back(1.0 + 0.001 * i);
        const std::int64_t n = 4096;
        auto start = std::chrono::steady_clock::now();
        const auto loss = probes::pipeline_target_loss(pipeline, q, q, 0, n);
        const double positions = static_cast<double>(loss.positions_checked);
        std::printf("  d = %3d target scan, N = %lld: %.2f s (%.3g query/key pairs)\n", d, static_cast<long long>(n),
                    seconds_since(start), positions * positions / 2);
    }
    // The flip scan of pipeline-thm-6.1: the lowest pair, every query position up to
    // twice the exact break, distances below it that the proven error bound leaves open.
    struct FlipCase {
        int d;
        const char* theta;
        std::int64_t exact_break;
    };
    for (const FlipCase c : {FlipCase{64, "10000", 11780}, FlipCase{128, "10000", 13603}, FlipCase{128, "500000", 639799}}) {
        const auto schedule = rope::FrequencySchedule::rope(c.theta, c.d);
        const rope::InferencePipeline pipeline(schedule, numeric::IeeeFormat::bfloat16);
        std::vector<numeric::real> psi(static_cast<std::size_t>(c.d), numeric::real(0));
        psi[static_cast<std::size_t>(c.d) - 2] = 8;
        const auto start = std::chrono::steady_clock::now();
        const auto flip = probes::pipeline_semantic_flip(pipeline, psi, c.exact_break - 1, 2 * c.exact_break);
        std::printf("  d = %3d theta = %-6s flip scan, positions <= %lld, distances %lld..%lld: %.2f s (flip at %lld)\n",
                    c.d, c.theta, static_cast<long long>(2 * c.exact_break),
                    static_cast<long long>(flip.first_distance_scanned), static_cast<long long>(c.exact_break - 1),
                    seconds_since(start), static_cast<long long>(flip.distance.value_or(-1)));
    }
    std::printf("  peak RSS %ld MiB\n", peak_rss_mib());
    return 0;
}
