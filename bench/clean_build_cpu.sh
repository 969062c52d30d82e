#!/bin/bash
# clean_build_cpu.sh [SOURCE_DIR] [JOBS]: the CPU time (user + sys of every compiler and linker
# process) of a clean Release build of every target (tool, tests, mutant twins, benches), without
# ccache, in a fresh build directory; then the 15 build steps that took longest (from ninja's log,
# wall seconds at the given parallelism). Issue 12's goal: at most half of the time measured at its
# start. CPU time, not wall time, so that the figure does not depend on how many cores run it.
set -euo pipefail
src=$(cd "${1:-$(dirname "$0")/..}" && pwd)
jobs=${2:-2}
# ROPECHECK_CLEAN_BUILD_DIR=DIR (new or empty) builds there and keeps it, e.g. to run the
# tests of the measured build; by default a temporary directory, removed at the end.
if [ -n "${ROPECHECK_CLEAN_BUILD_DIR:-}" ]; then
  build=$ROPECHECK_CLEAN_BUILD_DIR
  mkdir -p "$build"
  [ -z "$(ls -A "$build")" ] || { echo "$build is not empty: not a clean build" >&2; exit 2; }
else
  build=$(mktemp -d /tmp/ropecheck-clean-build.XXXXXX)
  trap 'rm -rf "$build"' EXIT
fi
TIMEFORMAT='%U %S %R'
{ time { cmake -S "$src" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null &&
         cmake --build "$build" -j "$jobs" >/dev/null; } ; } 2>"$build/times"
read -r user sys real <"$build/times"
steps=$(grep -vc '^#' "$build/.ninja_log")
echo "clean build of $src ($steps steps, -j $jobs)"
awk -v u="$user" -v s="$sys" -v r="$real" \
    'BEGIN { printf "cpu seconds (user + sys): %.1f  (user %.1f, sys %.1f); wall %.1f s\n", u + s, u, s, r }'
echo "longest steps (wall ms, output):"
grep -v '^#' "$build/.ninja_log" | awk '{ printf "%8d %s\n", $2 - $1, $4 }' | sort -rn | head -15
