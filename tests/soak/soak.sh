#!/bin/bash
# SPDX-License-Identifier: ISC
# Load and soak: drive `attest serve` (127.0.0.1 only) with wrk on a mix
# of pages, API reads and API writes (tests/soak/mix.lua).  First a short
# run at full speed measures capacity; then SOAK_SECONDS (default 30; 600
# for make soak) at SOAK_PERCENT (default 80) percent of it.  Passes if
# no request failed (no socket error, no status >= 400), and the
# server's resident memory at the end is within 10% of what it was at
# the start of the paced run, both measured idle after a warm-up (see
# idle_rss and the warm-up below).  Prints requests/s, p99 latency and RSS.
if [ -z "${TMPDIR:-}" ] && [ -d "${AT_BUILD:-}" ]; then
	export TMPDIR=$AT_BUILD
fi
. "$(dirname "$0")/../cli/lib.sh"
command -v wrk >/dev/null || skip_all "wrk is not installed"
[ -n "${ATTEST_TEST_DB_URL:-}" ] && skip_all "SQLite only (PostgreSQL run)"
. "$AT_SRC/tests/http/serve_lib.bash"
# Under AddressSanitizer (make check) freed memory sits in a quarantine
# of up to 256 MB, which would read as growth; keep it small.  And its
# allocator keeps the pages of freed chunks by default, so resident
# memory is the high-water mark of the heap, which a burst of slow
# requests on a loaded machine raised by 10 to 15 MB in some runs; let
# it hand free pages back (checked at most every 100 ms) so the samples
# show what is held.  A leak is held, so it still shows.
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}quarantine_size_mb=4:allocator_release_to_os_interval_ms=100"

secs=${SOAK_SECONDS:-30}
percent=${SOAK_PERCENT:-80}
conns=8
threads=2
DB="$TMP/soak.db"
demo_db "$DB" || { echo "Bail out! demo load failed"; exit 1; }
export SOAK_TOKEN
SOAK_TOKEN=$("$ATTEST" --db "$DB" user token ada)
serve_start "$DB" --quiet || { echo "Bail out! serve did not start"; exit 1; }
case $URL in
http://127.0.0.1:*) ;;
*) echo "Bail out! not serving on 127.0.0.1: $URL"; exit 1 ;;
esac
rss() { awk '/^VmRSS:/ { print $2 }' "/proc/$SERVE_PID/status"; }
# Server threads running or in disk wait (state R or D in
# /proc/PID/task/*/stat; the name field may hold spaces, so cut at ") ").
busy_threads() {
	cat /proc/"$SERVE_PID"/task/*/stat 2>/dev/null |
		awk '{ sub(/.*\) /, ""); if ($1 == "R" || $1 == "D") n++ }
		    END { print n + 0 }'
}
# Resident memory of the idle server.  Each user write hashes its
# password with Argon2id, whose 64 MiB work area libsodium maps populated
# and unmaps when done: a hash still running when wrk stops reads as
# 64 MB of growth that is gone a moment later.  So both samples are taken
# once no server thread has run for half a second (or after 60 s, which
# the check then reports), never in the middle of a request.
idle_rss() {
	local quiet=0 i
	for i in $(seq 600); do
		if [ "$(busy_threads)" -eq 0 ]; then
			quiet=$((quiet + 1))
			[ "$quiet" -ge 5 ] && break
		else
			quiet=0
		fi
		sleep 0.1
	done
	[ "$quiet" -ge 5 ] || echo "# the server did not go idle within 60 s" >&2
	rss
}
field() { sed -n "s/.*$1=\([0-9]*\).*/\1/p" "$2" | tail -1; }

# Capacity: full speed, reads only (writes hash passwords on purpose
# slowly and would measure that instead).
SOAK_DELAY_MS=0 SOAK_WRITE_EVERY=0 timeout 60 wrk -t$threads -c$conns -d10s \
	-s "$AT_SRC/tests/soak/mix.lua" "$URL" >"$TMP/cap.out" 2>&1
cap_req=$(field requests "$TMP/cap.out")
cap_us=$(field duration_us "$TMP/cap.out")
cap_mean_us=$(awk '/Latency/ { v = $2; if (v ~ /us$/) v += 0; else if (v ~ /ms$/) v *= 1000; else if (v ~ /s$/) v *= 1000000; print int(v) }' "$TMP/cap.out")
ok "[ -n '$cap_req' ] && [ '$cap_req' -gt 0 ]" "capacity run answered ($cap_req requests)"
is "$(field errors "$TMP/cap.out")/$(field non2xx "$TMP/cap.out")" "0/0" \
	"capacity run: no socket errors, no error statuses"
rate=$((cap_req * 1000000 / (cap_us > 0 ? cap_us : 1)))
target=$((rate * percent / 100))
# Each connection waits delay ms between answers: per-connection rate is
# 1 / (latency + delay).
per_conn_ms=$((1000 * conns / (target > 0 ? target : 1)))
delay=$((per_conn_ms - ${cap_mean_us:-0} / 1000))
[ "$delay" -lt 0 ] && delay=0
echo "# capacity $rate req/s; pacing $conns connections at $delay ms for ~$target req/s ($percent%)"

# "Start" is after a warm-up at the paced rate that takes every route of
# the mix several times, writes included (one request in 20 here, so each
# wrk thread writes a few users), so that SQLite's page caches, the pooled
# connections, the worker threads' malloc arenas and response buffers
# have filled once: a cache filling is not a leak.  "End" is after the
# soak, both idle (idle_rss).  10% of the ~27 MB the server starts with
# is ~2.7 MB: over N requests the check catches a leak of 2.7 MB / N a
# request, some 16 bytes in the 10-minute run (~170 k requests) and 300
# bytes to 1.3 kB in the 30-second one (2 to 9 k, by the machine's load).
SOAK_RUN=warm SOAK_DELAY_MS=$delay SOAK_WRITE_EVERY=20 timeout 60 wrk -t$threads -c$conns -d5s \
	--timeout 10s -s "$AT_SRC/tests/soak/mix.lua" "$URL" >"$TMP/warm.out" 2>&1
is "$(field errors "$TMP/warm.out")/$(field non2xx "$TMP/warm.out")" "0/0" \
	"warm-up: no socket errors, no error statuses"
rss0=$(idle_rss)
SOAK_RUN=soak SOAK_DELAY_MS=$delay SOAK_WRITE_EVERY=200 timeout $((secs + 120)) wrk -t$threads \
	-c$conns -d"${secs}s" --timeout 10s --latency \
	-s "$AT_SRC/tests/soak/mix.lua" "$URL" >"$TMP/soak.out" 2>&1
rss1=$(idle_rss)
req=$(field requests "$TMP/soak.out")
us=$(field duration_us "$TMP/soak.out")
p99=$(field p99_us "$TMP/soak.out")
achieved=$((${req:-0} * 1000000 / (${us:-1} > 0 ? ${us:-1} : 1)))
echo "# soak ${secs}s: $req requests, $achieved req/s (capacity $rate), p99 $((${p99:-0} / 1000)) ms, RSS $rss0 kB -> $rss1 kB"
sed 's/^/#   /' "$TMP/soak.out" | grep -E 'Latency|Req/Sec|requests in|Socket|Non-2xx|99%'
is "$(field errors "$TMP/soak.out")" 0 "soak: no socket errors or timeouts"
is "$(field non2xx "$TMP/soak.out")" 0 "soak: no error statuses"
ok "[ ${req:-0} -gt 0 ]" "soak: requests were answered"
ok "[ ${rss1:-0} -le $((${rss0:-0} * 110 / 100)) ]" \
	"soak: resident memory flat within 10% ($rss0 kB -> $rss1 kB)"
ok "kill -0 $SERVE_PID" "the server is still up"
serve_stop
is "$SERVE_STATUS" 0 "the server stops cleanly on SIGTERM"
is "$(sqlite3 "$DB" 'PRAGMA integrity_check')" ok "integrity_check is ok afterwards"
done_testing
