#!/bin/bash
# twin_objects_test.sh NINJA BUILD_DIR SOURCE_DIR: CTest `mutant_twin_objects`.
# A layer and its mutant twin share the objects of the sources that reach no mutant
# switch (CMakeLists.txt, cmake/RopecheckMutantSites.cmake). Sharing an object that does
# reach one would leave its site dead in ropecheck-mutant, or give one inline function
# two definitions. This reads the headers the compiler actually opened for every shared
# object (ninja's dependency log, from -MD) and fails if any of them, or the source
# itself, mentions ROPECHECK_MUTANT (numeric/mutant.hpp, which defines the macros, aside).
set -euo pipefail
ninja=$1
build=$(cd "$2" && pwd)
src=$(cd "$3" && pwd)
macro_header=$src/include/ropecheck/numeric/mutant.hpp

"$ninja" -C "$build" -t deps >"$build/twin-objects-deps.txt"
# A compiler cache with base_dir (or any launcher) may record paths relative to the build
# directory: each path is made absolute and normalised here, in one pass, before keeping
# those under the source tree.
awk -v src="$src/" -v build="$build" '
  function absolute(path,    before) {
    if (path !~ /^\//) path = build "/" path
    do { before = path; gsub(/\/\.\//, "/", path); sub(/\/[^\/]+\/\.\.\//, "/", path) } while (path != before)
    return path
  }
  /^[^ \t].*: #deps/ { object = $1; sub(/:$/, "", object); shared = (object ~ /_shared\.dir\//); if (shared) objects++; next }
  shared && $1 != "" { file = absolute($1); if (index(file, src) == 1) print object, file }
  END { print "objects", objects + 0 > "/dev/stderr" }
' "$build/twin-objects-deps.txt" 2>"$build/twin-objects-count.txt" >"$build/twin-objects-files.txt"
objects=$(awk '{ print $2 }' "$build/twin-objects-count.txt")
[ "$objects" -gt 0 ] && [ -s "$build/twin-objects-files.txt" ] ||
  { echo "no shared object, or none of its files under $src, in ninja's dependency log: nothing was checked" >&2; exit 1; }

bad=0
while read -r object file; do
  [ "$file" = "$macro_header" ] && continue
  if grep -q ROPECHECK_MUTANT "$file"; then
    echo "shared between a layer and its mutant twin, but reaches a mutant switch: $object (through $file)" >&2
    bad=1
  fi
done <"$build/twin-objects-files.txt"
[ "$bad" = 0 ] || exit 1
echo "$objects shared objects, none reaching a mutant switch"
