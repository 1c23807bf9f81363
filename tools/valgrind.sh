#!/bin/sh
# SPDX-License-Identifier: ISC
# make valgrind: the unit tests, the fuzz corpora and the CLI tests under
# valgrind (memcheck, full leak checking).
#   tools/valgrind.sh BUILD_DIR
# BUILD_DIR is a meson build without sanitizers.  Unit tests and corpus
# replays run under `meson test --wrap`; the CLI tests are shell scripts,
# so there every attest they start runs under valgrind instead (ATTEST
# points at a wrapper).  Any memcheck error or definite/possible leak
# fails: the wrapped process exits 97 and its log is kept and printed.
set -u
build=${1:?usage: tools/valgrind.sh BUILD_DIR}
src=$(cd "$(dirname "$0")/.." && pwd)
build=$(cd "$build" && pwd)
logs="$build/valgrind-logs"
rm -rf "$logs"
mkdir -p "$logs"
vg="valgrind --error-exitcode=97 --leak-check=full
    --errors-for-leak-kinds=definite,possible --show-leak-kinds=definite,possible
    --num-callers=30 --quiet --suppressions=$src/tools/valgrind.supp"
status=0

echo "== unit tests and fuzz corpora under valgrind"
# The PostgreSQL unit tests only skip without a server (and a skipped
# cmocka test reads as a failure to meson's TAP parser): leave them out
# unless AT_TEST_PG_URL names one.
tests=$(meson test -C "$build" --list --no-rebuild --suite unit \
    --suite fuzz-replay 2>/dev/null | sed 's|^[^:]*:[^/]*/ *||' |
    { if [ -n "${AT_TEST_PG_URL:-}" ]; then cat; else grep -vx store_pg; fi; })
# shellcheck disable=SC2086
meson test -C "$build" --no-rebuild --print-errorlogs --num-processes 2 \
    --timeout-multiplier 10 --wrap="$(echo $vg)" $tests || status=1

echo "== CLI tests, every attest under valgrind"
wrapper="$logs/attest"
cat >"$wrapper" <<EOW
#!/bin/sh
exec $(echo $vg) --log-file="$logs/vg.%p" "$build/attest" "\$@"
EOW
chmod +x "$wrapper"
pass=0
fail=0
for t in "$src"/tests/cli/[0-9]*.sh; do
	name=$(basename "$t" .sh)
	if ATTEST="$wrapper" AT_SRC="$src" AT_SHARED="$src/../shared" \
	    AT_BUILD="$build" bash "$t" >"$logs/$name.tap" 2>&1; then
		pass=$((pass + 1))
		echo "ok   $name"
	else
		fail=$((fail + 1))
		echo "FAIL $name (see $logs/$name.tap)"
		grep '^not ok' "$logs/$name.tap" | head -5
	fi
done
# Logs of processes that reported something (a clean --quiet log is empty).
bad=0
for f in "$logs"/vg.*; do
	[ -s "$f" ] || continue
	bad=$((bad + 1))
	echo "--- $f"
	head -40 "$f"
done
echo "valgrind: CLI scripts $pass passed, $fail failed; $bad attest runs with memcheck reports"
[ "$fail" -eq 0 ] && [ "$bad" -eq 0 ] || status=1
exit $status
