#!/bin/sh
# progress_test.sh BINARY SOURCE_DIR WORK_DIR: `run`'s terminal output. Piped (a CI log): plain lines
# only, no carriage return or escape code, one line per claim. Under a pseudo-terminal (script(1)):
# the live block, redrawn in place with escape codes, with a line per running claim and an overall
# line. --quiet: the summary only; --verbose: a line per instance.
set -eu
bin=$1; src=$2; work=$3
rm -rf "$work"
mkdir -p "$work"
args="run --profile ci --claims thm-5.3,lemma-a.1 --jobs 2 --theorems $src/theorems"
fail() { echo "FAIL: $*"; exit 1; }
esc=$(printf '\033')
cr=$(printf '\r')

# shellcheck disable=SC2086 # the arguments are split on purpose
"$bin" $args --report-dir "$work/piped" >"$work/piped.out"
if grep -q "[$esc$cr]" "$work/piped.out"; then fail "piped output holds a carriage return or an escape code"; fi
claims=$(sed -n 's/.*seed 1, \([0-9]*\) claims (with negative controls), \([0-9]*\) instances.*/\1/p' "$work/piped.out")
instances=$(sed -n 's/.*claims (with negative controls), \([0-9]*\) instances.*/\1/p' "$work/piped.out")
[ -n "$claims" ] && [ -n "$instances" ] || fail "no header line: $(head -1 "$work/piped.out")"
lines=$(grep -c ' inst .* s  ok$' "$work/piped.out" || true)
[ "$lines" = "$claims" ] || fail "$lines claim lines piped, $claims claims"
if grep -q 'overall' "$work/piped.out"; then fail "piped output holds the live block"; fi

# A pseudo-terminal: script runs the command on one and copies what it wrote.
TERM=xterm script -qec "$bin $args --report-dir $work/tty" /dev/null >"$work/tty.out"
grep -q "${esc}\[" "$work/tty.out" || fail "no escape code on a terminal"
grep -q "  overall [0-9]*/$instances inst" "$work/tty.out" || fail "no overall progress line on a terminal"
grep -q "$(printf '\342\226\270') thm-5.3.* [0-9]*/[0-9]* inst" "$work/tty.out" || fail "no line for a running claim"
# The claim lines are there too, and the block is cleared before the summary.
[ "$(grep -c ' inst .* s  ok' "$work/tty.out")" -ge "$claims" ] || fail "claim lines missing on a terminal"
grep -q "${esc}\[[0-9]*F${esc}\[J" "$work/tty.out" || fail "the live block is never erased"

# shellcheck disable=SC2086
"$bin" $args --quiet --report-dir "$work/quiet" >"$work/quiet.out"
if grep -q ' inst ' "$work/quiet.out"; then fail "--quiet printed claim lines"; fi
grep -q "claims, .* met their expectation" "$work/quiet.out" || fail "--quiet lost the summary"

# shellcheck disable=SC2086
"$bin" $args --verbose --report-dir "$work/verbose" >"$work/verbose.out"
per_instance=$(grep -c '^      [a-z0-9./-]* instance [0-9]* (.*): [a-z]*, [0-9.]* s$' "$work/verbose.out" || true)
[ "$per_instance" = "$instances" ] || fail "--verbose printed $per_instance instance lines, $instances instances"
if grep -q "[$esc$cr]" "$work/verbose.out"; then fail "--verbose piped output holds an escape code"; fi
echo "ok: piped plain ($lines claim lines), terminal live block, --quiet, --verbose ($per_instance instance lines)"
