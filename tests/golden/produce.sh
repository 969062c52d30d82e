#!/bin/sh
# produce.sh BINARY SOURCE_DIR OUT_DIR: run every command of tests/golden/commands.txt and store what
# it wrote (stdout, stderr, exit code, report files, the replay of its replay record) under OUT_DIR,
# with the machine's paths replaced by @SRC@ and @OUT@ so that two trees compare.
set -eu
bin=$1; src=$2; out=$3
mkdir -p "$out"
grep -v '^#' "$src/tests/golden/commands.txt" | grep -v '^[[:space:]]*$' | while read -r name args; do
    dir="$out/$name"
    mkdir -p "$dir"
    cmd=$(printf '%s' "$args" | sed -e "s|@SRC@|$src|g" -e "s|@OUT@|$dir|g")
    rc=0
    # shellcheck disable=SC2086 # the arguments are split on purpose
    "$bin" $cmd >"$dir/stdout" 2>"$dir/stderr" || rc=$?
    echo "$rc" >"$dir/rc"
    if [ -f "$dir/replay.json" ]; then
        rc=0
        "$bin" replay "$dir/replay.json" >"$dir/replay.stdout" 2>"$dir/replay.stderr" || rc=$?
        echo "$rc" >"$dir/replay.rc"
    fi
    find "$dir" -type f | while read -r f; do
        sed -i -e "s|$dir|@OUT@|g" -e "s|$src|@SRC@|g" "$f"
    done
done
