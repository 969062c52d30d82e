// Times, on the same inputs and in the same run: the fast certified sweep, the
// plain MPFI sweep, a plain MPFR sweep and an uncertified double loop, for the
// worst return margin M(r) = sum_k (1 - cos(r g_k)) over 1 <= r <= N; prints
// terms per second and the ratios; then single-frequency sweeps to N = 10^8 and
// 10^9 with peak memory, the 1 -> 2 thread speed-up, and how many distances the
// first-crossing sweep (the semantic break) escalates to MPFI.
// Usage: bench_sweep [--quick]   (--quick: smaller N, for a smoke run)
#include <omp.h>
#include <sys/resource.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <string>
#include <utility>
#include <vector>

#include "ropecheck/numeric/decimal.hpp"
#include "ropecheck/numeric/precision_guard.hpp"
#include "ropecheck/rope/frequency_schedule.hpp"
#include "ropecheck/sweep/sweep.hpp"

using namespace ropecheck;
using numeric::interval;
using numeric::real;
using clock_type = std::chrono::steady_clock;

namespace {

double seconds_since(clock_type::time_point t0) {
    return std::chrono::duration<double>(clock_type::now() - t0).count();
}

long peak_rss_mib() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_maxrss / 1024;
}

// The uncertified loop a practitioner would write: double, std::cos, in parallel.
double double_loop(const std::vector<double>& g, std::int64_t n, std::int64_t& argmin) {
    double best = INFINITY;
    std::int64_t best_r = 0;
#pragma omp parallel
    {
        double local = INFINITY;
        std::int64_t local_r = 0;
#pragma omp for schedule(static)
        for (std::int64_t r = 1; r <= n; ++r) {
            double m = 0;
            for (double gk : g) m += 1 - std::cos(static_cast<double>(r) * gk);
            if (m < local) {
                local = m;
                local_r = r;
            }
        }
#pragma omp critical
        if (local < best || (local == best && local_r < best_r)) {
            best = local;
            best_r = local_r;
        }
    }
    argmin = best_r;
    return best;
}

// A plain MPFR sweep (no enclosure): every term in MPFR at the current precision.
std::int64_t mpfr_loop(const std::vector<real>& g, std::int64_t n) {
    std::int64_t best_r = 1;
    real best = 1e300;
#pragma omp parallel for schedule(dynamic, 64)
    for (std::int64_t r = 1; r <= n; ++r) {
        real m = 0;
        for (const real& gk : g) m += 1 - cos(real(static_cast<long long>(r)) * gk);
#pragma omp critical
        if (m < best || (m == best && r < best_r)) {
            best = m;
            best_r = r;
        }
    }
    return best_r;
}

}  // namespace

int main(int argc, char** argv) {
    const bool quick = argc > 1 && std::strcmp(argv[1], "--quick") == 0;
    numeric::PrecisionGuard guard(128);
    const int d = 256;
    const std::int64_t n = quick ? 100000 : 1000000;
    const std::int64_t reference_n = quick ? 500 : 2000;  // MPFI/MPFR subrange, extrapolated per term
    const auto schedule = rope::FrequencySchedule::rope("10000", d);
    const auto g_interval = schedule.frequencies<interval>();
    const auto g_real = schedule.frequencies<real>();
    const auto g_double = schedule.frequencies<double>();
    const auto series = sweep::ReturnMarginSeries::unit(g_interval);
    const double pairs = d / 2;
    std::printf("ropecheck bench_sweep: theta = 10^4, d = %d, all %d frequencies, %d threads\n", d, d / 2,
                omp_get_max_threads());

    auto t0 = clock_type::now();
    const auto fast = sweep::minimum_of(series, 1, n);
    const double fast_s = seconds_since(t0);
    const double fast_rate = pairs * static_cast<double>(n) / fast_s;

    t0 = clock_type::now();
    std::int64_t double_argmin = 0;
    const double double_min = double_loop(g_double, n, double_argmin);
    const double double_s = seconds_since(t0);
    const double double_rate = pairs * static_cast<double>(n) / double_s;

    sweep::SweepOptions exact;
    exact.exact_only = true;
    t0 = clock_type::now();
    const auto plain = sweep::minimum_of(series, 1, reference_n, exact);
    const double mpfi_rate = pairs * static_cast<double>(reference_n) / seconds_since(t0);

    t0 = clock_type::now();
    const auto mpfr_argmin = mpfr_loop(g_real, reference_n);
    const double mpfr_rate = pairs * static_cast<double>(reference_n) / seconds_since(t0);
    const auto fast_small = sweep::minimum_of(series, 1, reference_n);

    std::printf("\nworst margin over 1 <= r <= %lld\n", static_cast<long long>(n));
    std::printf("  fast certified   %10.3e terms/s  %7.2f s  argmin %lld  margin %s  (escalated %llu)\n", fast_rate,
                fast_s, static_cast<long long>(fast.argmin), numeric::decimal_enclosure(fast.minimum, 17).c_str(),
                static_cast<unsigned long long>(fast.stats.escalated));
    std::printf("  double, uncert.  %10.3e terms/s  %7.2f s  argmin %lld  margin %.17g\n", double_rate, double_s,
                static_cast<long long>(double_argmin), double_min);
    std::printf("  plain MPFI       %10.3e terms/s  (on 1..%lld: argmin %lld, fast sweep agrees: %s)\n", mpfi_rate,
                static_cast<long long>(reference_n), static_cast<long long>(plain.argmin),
                plain.argmin == fast_small.argmin ? "yes" : "NO");
    std::printf("  plain MPFR       %10.3e terms/s  (on 1..%lld: argmin %lld)\n", mpfr_rate,
                static_cast<long long>(reference_n), static_cast<long long>(mpfr_argmin));
    std::printf("  ratios: fast / double = %.2f, fast / MPFI = %.0f, fast / MPFR = %.0f\n", fast_rate / double_rate,
                fast_rate / mpfi_rate, fast_rate / mpfr_rate);

    const auto single = sweep::ReturnMarginSeries::unit({g_interval[0]});
    std::printf("\nsingle frequency g_1 = 1\n");
    for (std::int64_t big : {std::int64_t{100'000'000}, std::int64_t{1'000'000'000}}) {
        if (quick) big /= 100;
        t0 = clock_type::now();
        const auto r = sweep::minimum_of(single, 1, big);
        std::printf("  N = %-11lld %7.2f s  argmin %lld  margin %s  peak RSS %ld MiB\n", static_cast<long long>(big),
                    seconds_since(t0), static_cast<long long>(r.argmin), numeric::decimal_enclosure(r.minimum, 17).c_str(),
                    peak_rss_mib());
    }

    // How much the filter leaves to MPFI when it is asked for a sign: the
    // all-frequency semantic break (theta = 5 10^5, d = 128) and the lowest
    // channel's own break (r = 639799, README).
    std::printf("\nfirst crossing below 0 of sum_k cos(r g_k), theta = 5 10^5, d = 128\n");
    const auto llama = rope::FrequencySchedule::rope("500000", 128).frequencies<interval>();
    const std::vector<std::pair<const char*, std::vector<interval>>> crossings{
        {"all 64 pairs", llama}, {"pair 64 alone", {llama.back()}}};
    for (const auto& [name, g] : crossings) {
        t0 = clock_type::now();
        const auto c = sweep::first_below(sweep::CosineSeries::aligned_unit(g), interval(0), 1, quick ? 100000 : 1000000);
        std::printf("  %-14s %7.2f s  first %lld (%s)  distances %llu, escalated to MPFI %llu\n", name,
                    seconds_since(t0), static_cast<long long>(c.first.value_or(-1)),
                    c.certified ? "certified" : "not certified", static_cast<unsigned long long>(c.stats.distances),
                    static_cast<unsigned long long>(c.stats.escalated));
    }

    std::printf("\nthread scaling (d = %d, N = %lld)\n", d, static_cast<long long>(n / 4));
    double one_s = 0;
    for (int threads : {1, 2}) {
        sweep::SweepOptions options;
        options.threads = threads;
        t0 = clock_type::now();
        sweep::minimum_of(series, 1, n / 4, options);
        const double s = seconds_since(t0);
        if (threads == 1) one_s = s;
        std::printf("  %d thread(s)  %7.2f s  speed-up %.2f\n", threads, s, one_s / s);
    }
    return 0;
}
