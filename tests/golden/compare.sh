#!/bin/sh
# compare.sh BINARY SOURCE_DIR WORK_DIR: produce the outputs of tests/golden/commands.txt with BINARY
# and compare them with tests/data/golden/, after the normalisations of
# tests/golden/allowed-differences.txt are applied to both sides. Exit 0 when equal, 1 with a diff.
set -eu
bin=$1; src=$2; work=$3
rm -rf "$work"
mkdir -p "$work"
"$src/tests/golden/produce.sh" "$bin" "$src" "$work/new"
cp -r "$src/tests/data/golden" "$work/old"
# Each rule: a file-name pattern and a sed expression (or sort-lines, or remove: the file is not
# compared), applied to matching files on both sides.
grep -v '^#' "$src/tests/golden/allowed-differences.txt" | grep -v '^[[:space:]]*$' | while read -r pattern expr; do
    find "$work/old" "$work/new" -type f -name "$pattern" | while read -r f; do
        if [ "$expr" = sort-lines ]; then sort -o "$f" "$f"
        elif [ "$expr" = remove ]; then rm -f "$f"
        else sed -i -E -e "$expr" "$f"; fi
    done
done
if diff -r -u "$work/old" "$work/new" >"$work/diff"; then
    echo "golden outputs: identical after the declared differences"
else
    head -c 20000 "$work/diff"
    echo "golden outputs differ from tests/data/golden/ (full diff: $work/diff)"
    exit 1
fi
