#!/bin/sh
# SPDX-License-Identifier: ISC
# make valgrind: the unit tests, the fuzz corpora and the integration
# scripts (tests/cli, tests/crash, tests/security) under valgrind
# (memcheck, full leak checking).
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
# A stale binary would test old code against new scripts.
ninja -C "$build" >/dev/null || exit 2
rm -rf "$logs"
mkdir -p "$logs"
# crash/read-only.sh runs attest as nobody, whose log goes here too.
chmod 1777 "$logs"
vg="valgrind --error-exitcode=97 --leak-check=full
    --errors-for-leak-kinds=definite,possible --show-leak-kinds=definite,possible
    --num-callers=30 --quiet --vgdb=no --suppressions=$src/tools/valgrind.supp"
status=0

echo "== unit tests and fuzz corpora under valgrind"
# The PostgreSQL unit tests only skip without a server (and a skipped
# cmocka test reads as a failure to meson's TAP parser): leave them out
# unless AT_TEST_PG_URL names one.  Unit and corpus replay tests share
# names (model, rules), so each suite runs on its own.
unit=$(meson test -C "$build" --list --no-rebuild --suite unit 2>/dev/null |
    sed 's|^[^:]*:[^/]*/ *||' |
    { if [ -n "${AT_TEST_PG_URL:-}" ]; then cat; else grep -vx store_pg; fi; })
# shellcheck disable=SC2086
meson test -C "$build" --no-rebuild --print-errorlogs --num-processes 2 \
    --timeout-multiplier 10 --wrap="$(echo $vg)" --suite unit $unit ||
    status=1
meson test -C "$build" --no-rebuild --print-errorlogs --num-processes 2 \
    --timeout-multiplier 10 --wrap="$(echo $vg)" --suite fuzz-replay ||
    status=1

echo "== CLI tests, every attest under valgrind"
wrapper="$logs/attest"
cat >"$wrapper" <<EOW
#!/bin/sh
exec $(echo $vg) --log-file="$logs/vg.%p" "$build/attest" "\$@"
EOW
chmod +x "$wrapper"
# Every integration script: tests/cli, and tests/crash and
# tests/security but for these, each for its reason:
#   crash/sigkill.sh   kills attest on purpose (a killed process writes
#                      no leak report) and times its kills for a native
#                      binary; disk-full and read-only test the same
#                      write paths under valgrind;
#   security/sqlmap.sh runs only with ATTEST_SQLMAP (make security),
#                      thousands of requests against one server.
#   cli/0790-browser   drives headless chromium with the browser's own
#                      timeouts (a few seconds a page), which a server
#                      slowed 20-50 times by valgrind misses; the routes
#                      it visits are the 07xx tests' too.
# VALGRIND_JOBS scripts at a time (default 2).
scripts=$(ls "$src"/tests/cli/[0-9]*.sh "$src"/tests/crash/*.sh \
    "$src"/tests/security/*.sh | grep -v -e /crash/sigkill.sh \
    -e /security/sqlmap.sh -e /cli/0790-browser.sh)
# One script: its TAP output to $logs/NAME.tap, one line on stdout.
cat >"$logs/run_one" <<EOR
#!/bin/sh
t=\$1
name=\$(basename "\$(dirname "\$t")")-\$(basename "\$t" .sh)
if ATTEST="$wrapper" AT_SRC="$src" AT_SHARED="$src/../shared" \\
    AT_BUILD="$build" timeout 3600 bash "\$t" >"$logs/\$name.tap" 2>&1; then
	echo "ok   \$name (\$(grep -c '^ok' "$logs/\$name.tap") passed)"
else
	echo "FAIL \$name (see $logs/\$name.tap)"
	grep '^not ok' "$logs/\$name.tap" | head -5
fi
EOR
chmod +x "$logs/run_one"
echo "$scripts" | xargs -P"${VALGRIND_JOBS:-2}" -n1 "$logs/run_one" \
    >"$logs/summary" 2>&1
cat "$logs/summary"
pass=$(grep -c '^ok ' "$logs/summary")
fail=$(grep -c '^FAIL ' "$logs/summary")
# Logs of processes that reported something (a clean --quiet log is empty).
bad=0
runs=0
for f in "$logs"/vg.*; do
	[ -e "$f" ] || continue
	runs=$((runs + 1))
	[ -s "$f" ] || continue
	bad=$((bad + 1))
	echo "--- $f"
	head -40 "$f"
done
echo "valgrind: $(echo "$scripts" | wc -l) scripts, $pass passed, $fail failed; $runs attest runs, $bad with memcheck reports"
[ "$fail" -eq 0 ] && [ "$bad" -eq 0 ] || status=1
exit $status
