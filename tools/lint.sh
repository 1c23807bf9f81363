#!/bin/sh
# SPDX-License-Identifier: ISC
# make lint: tools/checksrc.sh (STYLE.md's own rules), cppcheck and
# clang-tidy (.clang-tidy) over the C sources.
#   tools/lint.sh BUILD_DIR
# BUILD_DIR is a meson build configured with clang, for its
# compile_commands.json and generated sources.  Prints each finding and
# one summary line; exits 1 if any tool found anything.
set -u
build=${1:?usage: tools/lint.sh BUILD_DIR}
src=$(cd "$(dirname "$0")/.." && pwd)
cd "$src" || exit 2
status=0
jobs=$(nproc 2>/dev/null || echo 2)

echo "== checksrc"
sh tools/checksrc.sh "$src" || status=1
n_checksrc=$?

echo "== cppcheck"
# varFuncNullUB: NULL ends the html writer's variadic lists; on the LP64
# targets we build for NULL is a pointer, which is what is read.
cppcheck --project="$build/compile_commands.json" \
    --library="$src/tools/cppcheck.cfg" \
    --enable=warning,portability --inline-suppr --quiet \
    --suppress=missingIncludeSystem --suppress=varFuncNullUB \
    -i"$build" -j"$jobs" --error-exitcode=1 \
    --template='{file}:{line}:{column}: {severity}: {message} [{id}]' \
    2>"$build/cppcheck.log"
rc=$?
grep -E '^[^ ]+:[0-9]+:[0-9]+: ' "$build/cppcheck.log" || true
[ "$rc" -eq 0 ] || status=1
echo "cppcheck: $(grep -cE '^[^ ]+:[0-9]+:[0-9]+: ' "$build/cppcheck.log") findings"

echo "== clang-tidy"
find src fuzz -name '*.c' | sort |
	xargs -P"$jobs" -n4 clang-tidy -p "$build" --quiet \
	>"$build/clang-tidy.log" 2>&1
grep -E '(warning|error):' "$build/clang-tidy.log" | sort -u
found=$(grep -E '(warning|error):' "$build/clang-tidy.log" | sort -u | wc -l)
echo "clang-tidy: $found findings"
[ "$found" -eq 0 ] || status=1
[ "$status" -eq 0 ] && echo "lint: clean" || echo "lint: findings above"
exit $status
