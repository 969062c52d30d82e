#!/bin/sh
# check_layers.sh SOURCE_DIR: every `#include "ropecheck/<layer>/..."` in include/ropecheck/<L>/ and
# src/<L>/ names L itself or a layer that README.md's layer table (between <!-- layers --> and
# <!-- /layers -->) allows for L; every layer folder is in the table. Exit 1 listing violations.
set -eu
src=$1
table=$(sed -n '/<!-- layers -->/,/<!-- \/layers -->/p' "$src/README.md" | grep '^| [a-z]' | grep -v '^| layer ')
[ -n "$table" ] || { echo "README.md has no layer table between <!-- layers --> markers"; exit 1; }
layers=$(printf '%s\n' "$table" | awk -F'|' '{ gsub(/ /, "", $2); print $2 }')
status=0
for dir in "$src"/include/ropecheck/* "$src"/src/*; do
    layer=$(basename "$dir")
    printf '%s\n' "$layers" | grep -qx "$layer" || { echo "layer folder $dir is not in README's layer table"; status=1; }
done
for layer in $layers; do
    allowed=$(printf '%s\n' "$table" | awk -F'|' -v l="$layer" '{ n = $2; gsub(/ /, "", n); if (n == l) print $4 }')
    for f in $(find "$src/include/ropecheck/$layer" "$src/src/$layer" -type f 2>/dev/null); do
        for used in $(grep -hoE '#include "ropecheck/[a-z_]+/' "$f" | sed -E 's#.*ropecheck/([a-z_]+)/#\1#' | sort -u); do
            [ "$used" = "$layer" ] && continue
            case "$allowed" in *"every layer"*) continue ;; esac
            printf '%s\n' "$allowed" | tr ',' '\n' | tr -d ' ' | grep -qx "$used" || {
                echo "${f#$src/}: includes layer $used, which README's layer table does not allow for $layer"
                status=1
            }
        done
    done
done
[ $status -eq 0 ] && echo "layers: every include follows README's layer table"
exit $status
