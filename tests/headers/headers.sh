#!/bin/sh
# SPDX-License-Identifier: ISC
# Every header under src/ compiles on its own, and twice in a row
# (STYLE.md section 2: self-contained, guarded).  TAP output.
#   headers.sh SRC_ROOT CC [CC_ARGS...]
root=${1:?usage: headers.sh SRC_ROOT CC [ARGS...]}
shift
[ $# -gt 0 ] || set -- cc
# Third-party headers that ours may include, where pkg-config knows them.
extra=""
for p in sqlite3 jansson libsodium libpq libmicrohttpd libcurl cairo \
    pangocairo libical zlib; do
	if pkg-config --exists "$p" 2>/dev/null; then
		extra="$extra $(pkg-config --cflags "$p")"
	fi
done
n=0
failed=0
for h in $(cd "$root/src" && ls ./*/*.h | sed 's|^\./||' | sort); do
	n=$((n + 1))
	# shellcheck disable=SC2086
	if out=$(printf '#include "%s"\n#include "%s"\n' "$h" "$h" |
	    "$@" -std=c17 -Wall -Wextra -Wpedantic -Werror \
	    -D_POSIX_C_SOURCE=200809L -I"$root/src" $extra \
	    -fsyntax-only -x c - 2>&1); then
		echo "ok $n - $h compiles alone"
	else
		echo "not ok $n - $h compiles alone"
		printf '%s\n' "$out" | head -10 | sed 's/^/#   /'
		failed=$((failed + 1))
	fi
done
echo "1..$n"
[ "$failed" -eq 0 ]
