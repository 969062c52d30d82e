#!/bin/bash
# install_test.sh BUILD_DIR SOURCE_DIR WORK_DIR: CTest `install`. Installs the build to a
# temporary prefix, runs the installed binary from a directory outside the source tree
# without --theorems, and builds and runs tests/install/consumer against the prefix with
# find_package(ropecheck).
set -euo pipefail
build=$(cd "$1" && pwd)
src=$(cd "$2" && pwd)
work=$3
rm -rf "$work"
mkdir -p "$work/elsewhere"
work=$(cd "$work" && pwd)
prefix=$work/prefix
fail() { echo "install test: $*" >&2; exit 1; }

cmake --install "$build" --prefix "$prefix" >"$work/install.log"
for f in bin/ropecheck include/ropecheck/version.hpp include/ropecheck/rope/kernel.hpp \
         lib/cmake/ropecheck/ropecheckConfig.cmake lib/cmake/ropecheck/ropecheckConfigVersion.cmake \
         share/ropecheck/theorems/prop-3.1.toml; do
  [ -e "$prefix/$f" ] || fail "$f is not installed"
done
if find "$prefix" -name 'libropecheck_mutant_*' -o -name 'ropecheck-mutant' | grep -q .; then
  fail "a mutant twin is installed"
fi

cd "$work/elsewhere"
# The installed binary lists exactly the installed specs (the source tree's, copied) ...
"$prefix/bin/ropecheck" list >list.txt
"$build/ropecheck" list --theorems "$src/theorems" >list-source.txt
cmp list.txt list-source.txt || fail "installed 'ropecheck list' differs from the source tree's specs"
# ... and reads them from the prefix, not from the source tree compiled into it: with all
# but one installed spec moved away, it lists what that one spec alone lists.
mkdir "$work/other-specs" "$work/one-spec"
mv "$prefix/share/ropecheck/theorems"/*.toml "$work/other-specs/"
cp "$work/other-specs/prop-3.1.toml" "$work/one-spec/"
cp "$work/other-specs/prop-3.1.toml" "$prefix/share/ropecheck/theorems/"
"$prefix/bin/ropecheck" list >list-one.txt
"$build/ropecheck" list --theorems "$work/one-spec" >list-one-expected.txt
cmp list-one.txt list-one-expected.txt && ! cmp -s list-one.txt list.txt ||
  fail "installed 'ropecheck list' does not read share/ropecheck/theorems: $(cat list-one.txt)"
rm "$prefix/share/ropecheck/theorems/prop-3.1.toml"
mv "$work/other-specs"/*.toml "$prefix/share/ropecheck/theorems/"
"$prefix/bin/ropecheck" run --claims prop-3.1 --jobs 2 --report-dir reports >run.txt ||
  fail "installed 'ropecheck run --claims prop-3.1' failed: $(cat run.txt)"
[ -s reports/report.json ] || fail "no report.json"
grep -q '"run_id": *"prop-3.1"' reports/report.json || fail "report.json has no prop-3.1"

# A consumer project, configured with only the prefix to go on.
# A copy of it, so that nothing the consumer builds lies in the source tree.
cp -r "$src/tests/install/consumer" "$work/consumer-src"
cmake -S "$work/consumer-src" -B "$work/consumer" -G Ninja -DCMAKE_BUILD_TYPE=Release \
      -DCMAKE_PREFIX_PATH="$prefix" -DCMAKE_EXPORT_COMPILE_COMMANDS=ON >"$work/consumer-configure.log" ||
  fail "consumer configure failed: $(cat "$work/consumer-configure.log")"
cmake --build "$work/consumer" >"$work/consumer-build.log" || fail "consumer build failed: $(cat "$work/consumer-build.log")"
# Nothing of ropecheck's own build reaches the consumer's compile line (the work directory,
# prefix included, lies in the build directory under CTest: it is cut out first).
sed "s|$work||g" "$work/consumer/compile_commands.json" >"$work/consumer-commands.txt"
for leak in "$src" "$build" -Wall -Werror -fsanitize ROPECHECK_VERSION ROPECHECK_SOURCE_DIR; do
  if grep -q -e "$leak" "$work/consumer-commands.txt"; then
    fail "the consumer's compile line contains '$leak': $(cat "$work/consumer/compile_commands.json")"
  fi
done
"$work/consumer/consumer"
